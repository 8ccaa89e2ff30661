import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { RoundStats } from '@/contract/round-stats';
import { EmptyState } from '@/components/empty-state';
import { PageRoot } from '@/components/page-root';
import { RoundStatsView } from '@/components/round-stats-view';
import { useWidePublicPage } from '@/components/use-wide-public-page';
import { fetchProgrammeStats } from '../../api';

/** 报名统计 of a programme, for everyone: children, seats, ratio, waitlist moves, the last seat. */
export default function ChildcareStats() {
  const programmeId = useRouter().params.programmeId ?? '';
  const [stats, setStats] = useState<RoundStats | null>(null);
  const [failed, setFailed] = useState(false);
  useWidePublicPage();
  useDidShow(() => void fetchProgrammeStats(programmeId).then(setStats, () => setFailed(true)));
  return (
    <PageRoot testId="page-cc-stats">
      {stats ? <RoundStatsView stats={stats} /> : null}
      {failed ? <EmptyState title="未找到该托班项目" /> : null}
    </PageRoot>
  );
}
