import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { RoundStats } from '@/contract/round-stats';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { RoundStatsView } from '@/components/round-stats-view';
import { useWidePublicPage } from '@/components/use-wide-public-page';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchRoundStats } from '../../api';

/** 本轮统计 of a term, for everyone: applicants, seats, ratio, waitlist moves, the last seat. */
export default function NightSchoolStats() {
  const termId = useRouter().params.termId ?? '';
  const [stats, setStats] = useState<RoundStats | null>(null);
  const load = useLoadStatus(() => fetchRoundStats(termId).then(setStats));
  useWidePublicPage();
  useDidShow(() => void load.run());
  return (
    <PageRoot testId="page-ns-stats">
      {stats ? <RoundStatsView stats={stats} /> : null}
      {load.status === 'error' ? (
        <LoadFailed error={load.error} onRetry={() => void load.run()} notFound="未找到该学期" />
      ) : null}
    </PageRoot>
  );
}
