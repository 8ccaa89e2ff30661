import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { RoundStats } from '@/contract/round-stats';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { RoundStatsView } from '@/components/round-stats-view';
import { useWidePublicPage } from '@/components/use-wide-public-page';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchProgrammeStats } from '../../api';

/** 报名统计 of a programme, for everyone: children, seats, ratio, waitlist moves, the last seat. */
export default function ChildcareStats() {
  const programmeId = useRouter().params.programmeId ?? '';
  const [stats, setStats] = useState<RoundStats | null>(null);
  const load = useLoadStatus(() => fetchProgrammeStats(programmeId).then(setStats));
  useWidePublicPage();
  useDidShow(() => void load.run());
  return (
    <PageRoot testId="page-cc-stats">
      {stats ? <RoundStatsView stats={stats} /> : null}
      {load.status === 'error' ? (
        <LoadFailed
          error={load.error}
          onRetry={() => void load.run()}
          notFound="未找到该托班项目"
        />
      ) : null}
    </PageRoot>
  );
}
