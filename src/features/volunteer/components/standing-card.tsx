import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { Standing } from '@/contract/volunteer';
import { appealBar } from '../api';
import './standing-card.scss';

/** Shown only to a volunteer barred after two voided (forged) records: why, and the appeal. */
export function StandingCard({ standing, onSent }: { standing: Standing; onSent: () => void }) {
  const [reason, setReason] = useState('');
  if (!standing.barred) return null;
  const pending = standing.appeal?.status === 'open';
  const send = async () => {
    if (reason.trim().length < 5) {
      void Taro.showToast({ title: '请写明申诉理由（至少5个字）', icon: 'none' });
      return;
    }
    await appealBar(reason.trim()).then(onSent, () => undefined);
  };
  return (
    <View className="card standing-card" data-testid="standing-barred">
      <Text className="standing-card__title">已暂停报名</Text>
      <Text>
        您有 {standing.voids} 次志愿时长经组织方核实为造假并作废，按规定暂停报名志愿活动。
      </Text>
      {pending ? (
        <Text className="muted">申诉已提交，等待组织方处理。</Text>
      ) : (
        <View className="standing-card__form">
          {standing.appeal?.status === 'rejected' ? (
            <Text className="muted">上次申诉未通过，可补充说明后再次申诉。</Text>
          ) : null}
          <Textarea
            className="standing-card__reason"
            value={reason}
            placeholder="申诉理由：说明情况，组织方会核实"
            onInput={(e) => setReason(e.detail.value)}
          />
          <Button className="btn btn-primary" onClick={() => void send()}>
            提交申诉
          </Button>
        </View>
      )}
    </View>
  );
}
