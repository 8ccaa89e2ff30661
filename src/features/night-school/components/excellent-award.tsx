import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { MyAward } from '@/contract/excellent-awards';
import { EXCELLENT_LEARNER_RULE } from '@/contract/excellent-learner';
import { formatInstant } from '@/contract/beijing-time';
import { ApiError } from '@/lib/api-error';
import { redeemAward } from '../api';
import './excellent-award.scss';

/** The pick rule, shown to every student before the term ends (folded: one line until tapped). */
export function ExcellentRule() {
  const [open, setOpen] = useState(false);
  return (
    <View className="ns-excellent-rule" onClick={() => setOpen(!open)}>
      <Text className="muted">
        🏅 每门课学期末按出勤评选 1 名优秀学员，下学期可免抽签选 1 门课。{open ? '' : '查看规则 ›'}
      </Text>
      {open
        ? EXCELLENT_LEARNER_RULE.map((line, i) => (
            <Text key={line} className="muted ns-excellent-rule__line">
              {i + 1}. {line}
            </Text>
          ))
        : null}
    </View>
  );
}

/** 我的夜校: the learner's awards, what each is for, and whether it was used. */
export function MyAwardCard({ award }: { award: MyAward }) {
  const next = award.nextTerm;
  return (
    <View className="card ns-award" data-testid={`award-${award.id}`}>
      <Text className="ns-award__title">🏅 优秀学员 · {award.courseTitle}</Text>
      <Text className="muted">
        {award.termName} · 出勤 {award.present} 次（自主签到 {award.selfCheckIns} 次）
      </Text>
      {award.redeemed ? (
        <Text className="ns-award__state">已免抽签报名：{award.redeemed.courseTitle}</Text>
      ) : next ? (
        <>
          <Text className="ns-award__state">
            可在「{next.name}」报名期间（{formatInstant(next.opensAt)} 至{' '}
            {formatInstant(next.closesAt)}）免抽签选 1 门课程
          </Text>
          <Button
            className="btn btn-plain"
            onClick={() =>
              void Taro.navigateTo({ url: '/features/night-school/pages/index/index' })
            }
          >
            去选课程
          </Button>
        </>
      ) : (
        <Text className="muted">下学期公布后，可在报名期间免抽签选 1 门课程</Text>
      )}
    </View>
  );
}

/**
 * On a course of the term an award is for: one tap takes a confirmed seat outside the lottery.
 * The award is spent for good (a seat given up later is not given back), so it asks first.
 */
export function RedeemAward({
  award,
  courseId,
  courseTitle,
  onDone,
}: {
  award: MyAward;
  courseId: string;
  courseTitle: string;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const redeem = async () => {
    const { confirm } = await Taro.showModal({
      title: '使用优秀学员名额？',
      content: `免抽签报名「${courseTitle}」，直接录取。名额只能用一次，之后放弃也不退回。`,
    });
    if (!confirm || busy) return;
    setBusy(true);
    setError(null);
    try {
      await redeemAward(award.id, courseId);
      void Taro.showToast({ title: '已免抽签录取', icon: 'success' });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card ns-award" data-testid="redeem-award">
      <Text className="ns-award__title">🏅 你是「{award.courseTitle}」的优秀学员</Text>
      <Text className="muted">可免抽签直接录取本学期 1 门课程</Text>
      {error ? <Text className="error-text">{error}</Text> : null}
      <Button
        className={busy ? 'btn btn-primary btn--busy' : 'btn btn-primary'}
        disabled={busy}
        onClick={() => void redeem()}
      >
        {busy ? '提交中…' : '用优秀学员名额报名本课程'}
      </Button>
    </View>
  );
}
