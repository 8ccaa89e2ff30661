// 费用减免: a family in hardship applies for a child (category, a note, an optional proof photo) and
// follows the committee's answer here. Only the family and the committee see the application.
import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import {
  REDUCTION_CATEGORIES,
  reductionLabel,
  type Reduction,
  type ReductionCategory,
} from '@/contract/fee-reductions';
import { currentProgramme } from '@/contract/childcare-rules';
import { PageRoot } from '@/components/page-root';
import { LoadFailed } from '@/components/load-failed';
import { pickImage, uploadImage } from '@/lib/files';
import { useLoadStatus } from '@/lib/use-load-status';
import { useChildcare } from '../../store';
import { applyReduction, fetchMyReductions, withdrawReduction } from '../../reductions-api';
import './index.scss';

const STATUS: Record<Reduction['status'], string> = {
  requested: '审核中',
  approved: '已通过',
  refused: '未通过',
  withdrawn: '已撤回',
};

export default function ReductionsPage() {
  const { programmes, children, serverOffset, loadProgrammes, loadChildren } = useChildcare();
  const [mine, setMine] = useState<Reduction[]>([]);
  const [childId, setChildId] = useState('');
  const [category, setCategory] = useState<ReductionCategory | ''>('');
  const [note, setNote] = useState('');
  const [fileId, setFileId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useLoadStatus(async () => {
    const [r] = await Promise.all([fetchMyReductions(), loadProgrammes(), loadChildren()]);
    setMine(r.items);
  });
  useDidShow(() => void load.run());
  const programme = programmes.length
    ? currentProgramme(programmes, new Date(Date.now() + serverOffset))
    : null;

  const upload = async () => {
    const path = await pickImage();
    if (!path) return;
    setBusy(true);
    try {
      setFileId((await uploadImage(path, 'reduction_proof')).id);
    } catch {
      // the toast said why; the application can go without a photo
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!programme || !childId || !category || busy) return;
    setBusy(true);
    try {
      await applyReduction({
        programmeId: programme.id,
        childId,
        category,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(fileId ? { fileId } : {}),
      });
      void Taro.showToast({ title: '已提交，请等待审核', icon: 'success' });
      setChildId('');
      setCategory('');
      setNote('');
      setFileId(null);
      await load.run();
    } catch {
      // the request wrapper showed the server's message
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (r: Reduction) => {
    const { confirm } = await Taro.showModal({ title: '请确认', content: '确定撤回这份申请？' });
    if (!confirm) return;
    try {
      await withdrawReduction(r.id);
    } catch {
      // shown by the request wrapper
    }
    await load.run();
  };

  return (
    <PageRoot className="cc-rd" testId="page-childcare-reductions">
      <View className="card">
        <Text className="cc-rd__line">
          低保、低收入、特困供养、残疾儿童等困难家庭可申请减免托班费用，由团区委审核，结果会通过消息通知您。申请信息仅您和团区委可见。
        </Text>
      </View>
      {load.status === 'error' && mine.length === 0 ? (
        <LoadFailed error={load.error} onRetry={() => void load.run()} />
      ) : null}

      {mine.map((r) => (
        <View key={r.id} className="card cc-rd__item" data-testid={`cc-rd-${r.id}`}>
          <View className="cc-rd__head">
            <Text className="cc-rd__child">{r.childName}</Text>
            <Text className={`cc-rd__status cc-rd__status--${r.status}`}>
              {STATUS[r.status]}
              {r.percentOff ? `：${reductionLabel(r.percentOff)}` : ''}
            </Text>
          </View>
          <Text className="muted">
            {r.programmeName} · {REDUCTION_CATEGORIES[r.category]}
          </Text>
          {r.status === 'refused' && r.decisionNote ? (
            <Text className="cc-rd__reason">原因：{r.decisionNote}</Text>
          ) : null}
          {r.status === 'requested' ? (
            <Button className="btn btn-text" onClick={() => void withdraw(r)}>
              撤回申请
            </Button>
          ) : null}
        </View>
      ))}

      {programme ? (
        <View className="card cc-rd__form" data-testid="cc-rd-form">
          <Text className="cc-rd__title">申请减免 · {programme.name}</Text>
          <Text className="field-label">为哪个孩子申请</Text>
          <View className="cc-rd__chips">
            {children.map((c) => (
              <View
                key={c.id}
                className={`cc-rd__chip${childId === c.id ? ' cc-rd__chip--on' : ''}`}
                onClick={() => setChildId(c.id)}
                data-testid={`cc-rd-child-${c.id}`}
              >
                {c.name}
              </View>
            ))}
          </View>
          {children.length === 0 ? <Text className="muted">请先在“孩子资料”中添加孩子</Text> : null}
          <Text className="field-label">困难类别</Text>
          <View className="cc-rd__chips">
            {(Object.keys(REDUCTION_CATEGORIES) as ReductionCategory[]).map((k) => (
              <View
                key={k}
                className={`cc-rd__chip${category === k ? ' cc-rd__chip--on' : ''}`}
                onClick={() => setCategory(k)}
                data-testid={`cc-rd-category-${k}`}
              >
                {REDUCTION_CATEGORIES[k]}
              </View>
            ))}
          </View>
          <Text className="field-label">
            情况说明{category === 'other' ? '（必填）' : '（选填）'}
          </Text>
          <Textarea
            className="cc-rd__note"
            value={note}
            maxlength={300}
            placeholder="如：家庭收入情况、已获认定的证明名称"
            onInput={(e) => setNote(e.detail.value)}
            data-testid="cc-rd-note"
          />
          <Button
            className="btn btn-plain"
            disabled={busy || undefined}
            onClick={() => void upload()}
            data-testid="cc-rd-proof"
          >
            {fileId ? '证明已上传 ✓ 点此更换' : '上传证明照片（选填）'}
          </Button>
          <Text className="muted">如低保证、特困供养证、残疾证的照片，仅团区委可见</Text>
          <Button
            className="btn btn-primary"
            disabled={busy || !childId || !category || (category === 'other' && !note.trim())}
            onClick={() => void submit()}
            data-testid="cc-rd-submit"
          >
            提交申请
          </Button>
        </View>
      ) : null}
    </PageRoot>
  );
}
