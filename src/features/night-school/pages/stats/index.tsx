import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { RoundStats } from '@/contract/round-stats';
import { EmptyState } from '@/components/empty-state';
import { PageRoot } from '@/components/page-root';
import { RoundStatsView } from '@/components/round-stats-view';
import { useWidePublicPage } from '@/components/use-wide-public-page';
import { fetchRoundStats } from '../../api';

/** 本轮统计 of a term, for everyone: applicants, seats, ratio, waitlist moves, the last seat. */
export default function NightSchoolStats() {
  const termId = useRouter().params.termId ?? '';
  const [stats, setStats] = useState<RoundStats | null>(null);
  const [failed, setFailed] = useState(false);
  useWidePublicPage();
  useDidShow(() => void fetchRoundStats(termId).then(setStats, () => setFailed(true)));
  return (
    <PageRoot testId="page-ns-stats">
      {stats ? <RoundStatsView stats={stats} /> : null}
      {failed ? <EmptyState title="未找到该学期" /> : null}
    </PageRoot>
  );
}
