import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TermAwards } from '@/contract/excellent-awards';
import { ApiError } from '@/lib/api-error';
import { fetchTermAwards, pickTermAwards } from '../api';
import './excellent-award.scss';

/**
 * Staff: 评选优秀学员 once the term is over (the server refuses earlier, and picks each course
 * once), and the picks with masked names and the seed, so anyone can check the tie-breaks.
 */
export function ExcellentPanel({ termId }: { termId: string }) {
  const [awards, setAwards] = useState<TermAwards | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchTermAwards(termId).then(setAwards, () => undefined);
  }, [termId]);

  const pick = async () => {
    setBusy(true);
    setError(null);
    try {
      const picked = await pickTermAwards(termId);
      setAwards(picked);
      void Taro.showToast({ title: `已评选 ${picked.items.length} 名`, icon: 'none' });
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="ns-excellent-panel" data-testid="excellent-panel">
      <Text className="section-title">优秀学员</Text>
      {awards && awards.items.length > 0 ? (
        <>
          {awards.items.map((a) => (
            <Text key={a.id} className="ns-award__state">
              {a.courseTitle}：{a.name}（出勤 {a.present}，自主签到 {a.selfCheckIns}）
              {a.redeemed ? ` · 已用于 ${a.redeemed.courseTitle}` : ''}
            </Text>
          ))}
          <Text className="muted">种子 {awards.seed}（可据此验算并列时的签号）</Text>
        </>
      ) : (
        <Text className="muted">学期结束后按出勤评选，每门课 1 名，规则对学员公开。</Text>
      )}
      {error ? <Text className="error-text">{error}</Text> : null}
      <Button className="btn btn-plain" disabled={busy} onClick={() => void pick()}>
        {busy ? '评选中…' : '评选优秀学员'}
      </Button>
    </View>
  );
}
