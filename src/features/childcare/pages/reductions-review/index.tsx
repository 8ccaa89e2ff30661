// 减免审核 (the committee): applications waiting first, each with its proof photo; approve 全免 or
// 减免50%, or refuse with a reason the family reads. Site staff have no access: hardship is the
// committee's to judge.
import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import {
  REDUCTION_CATEGORIES,
  reductionLabel,
  type DecideReductionBody,
  type Reduction,
} from '@/contract/fee-reductions';
import { formatInstant } from '@/contract/beijing-time';
import { PageRoot } from '@/components/page-root';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { StaffOnly } from '@/components/staff-only';
import { downloadImage } from '@/lib/files';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { decideReduction, fetchReductions } from '../../reductions-api';
import '../reductions/index.scss';

export default function ReductionsReviewPage() {
  const role = useSession((s) => s.user?.role);
  const [items, setItems] = useState<Reduction[]>([]);
  const [refusing, setRefusing] = useState<{ id: string; note: string } | null>(null);
  const load = useLoadStatus(async () => setItems((await fetchReductions()).items));
  useDidShow(() => {
    if (role === 'admin') void load.run();
  });
  if (role !== 'admin')
    return (
      <StaffOnly
        title="仅限团区委使用"
        detail="费用减免由团区委审核；托管点位的工作人员请引导家长在“费用减免”中申请。"
      />
    );

  const decide = async (r: Reduction, body: DecideReductionBody) => {
    try {
      await decideReduction(r.id, body);
      setRefusing(null);
      void Taro.showToast({ title: '已处理，家长会收到通知', icon: 'none' });
    } catch {
      // the request wrapper showed the server's message
    }
    await load.run();
  };
  const showProof = async (fileId: string) => {
    const url = await downloadImage(fileId);
    await Taro.previewImage({ urls: [url], current: url });
  };

  return (
    <PageRoot className="cc-rd" testId="page-childcare-reductions-review">
      {load.status === 'error' && items.length === 0 ? (
        <LoadFailed error={load.error} onRetry={() => void load.run()} />
      ) : null}
      {load.status === 'ready' && items.length === 0 ? (
        <EmptyState title="暂无减免申请" detail="家长提交后会显示在这里" />
      ) : null}
      {items.map((r) => (
        <View key={r.id} className="card cc-rd__item" data-testid={`cc-rd-review-${r.id}`}>
          <View className="cc-rd__head">
            <Text className="cc-rd__child">{r.childName}</Text>
            <Text className={`cc-rd__status cc-rd__status--${r.status}`}>
              {r.status === 'requested'
                ? '待审核'
                : r.status === 'approved'
                  ? reductionLabel(r.percentOff ?? 100)
                  : r.status === 'refused'
                    ? '不予减免'
                    : '已撤回'}
            </Text>
          </View>
          <Text className="muted">
            {r.programmeName} · {REDUCTION_CATEGORIES[r.category]} · 申请于{' '}
            {formatInstant(r.createdAt, 'M月D日 HH:mm')}
          </Text>
          {r.note ? <Text className="cc-rd__line">说明：{r.note}</Text> : null}
          {r.fileId ? (
            <Text className="cc-rd__link" onClick={() => void showProof(r.fileId!)}>
              查看证明照片 ›
            </Text>
          ) : (
            <Text className="muted">未附证明照片</Text>
          )}
          {r.status === 'requested' && refusing?.id !== r.id ? (
            <View className="cc-rd__actions">
              <Button
                className="btn btn-primary"
                onClick={() => void decide(r, { decision: 'approve', percentOff: 100 })}
                data-testid={`cc-rd-free-${r.id}`}
              >
                全免
              </Button>
              <Button
                className="btn btn-plain"
                onClick={() => void decide(r, { decision: 'approve', percentOff: 50 })}
              >
                减免50%
              </Button>
              <Button className="btn btn-text" onClick={() => setRefusing({ id: r.id, note: '' })}>
                不予减免
              </Button>
            </View>
          ) : null}
          {refusing?.id === r.id ? (
            <View className="cc-rd__form">
              <Textarea
                className="cc-rd__note"
                value={refusing.note}
                maxlength={200}
                placeholder="请写明原因，家长会看到（如：请补充低保证明）"
                onInput={(e) => setRefusing({ id: r.id, note: e.detail.value })}
              />
              <Button
                className="btn btn-primary"
                disabled={!refusing.note.trim()}
                onClick={() => void decide(r, { decision: 'refuse', note: refusing.note })}
              >
                确认不予减免
              </Button>
              <Button className="btn btn-text" onClick={() => setRefusing(null)}>
                取消
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </PageRoot>
  );
}
