import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import type { TeamMembership } from '@/contract/volunteer';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { fetchOrgs } from '@/lib/orgs-api';
import { useLoadStatus } from '@/lib/use-load-status';
import { askToJoinTeam, fetchMyTeams } from '../../api';
import './index.scss';

/** What my latest ask to a team came to (the newest row per team: the server lists newest first). */
function latestPerTeam(items: TeamMembership[]): Map<string, TeamMembership> {
  const by = new Map<string, TeamMembership>();
  for (const m of items) if (!by.has(m.teamId)) by.set(m.teamId, m);
  return by;
}

const STATE_TEXT = {
  approved: '已加入 · 派给本队的点单会出现在「可接的单」中',
  pending: '已申请，等待队长审核',
  refused: '上次申请未通过，可再次申请',
} as const;

/** 志愿服务队: the teams, and for each whether I am in it, waiting, or may ask to join. */
export default function VolunteerTeamsPage() {
  const [teams, setTeams] = useState<Organization[] | null>(null);
  const [mine, setMine] = useState<Map<string, TeamMembership>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);
  const load = useLoadStatus(async () => {
    const [all, asks] = await Promise.all([fetchOrgs('team'), fetchMyTeams()]);
    setTeams(all);
    setMine(latestPerTeam(asks));
  });
  useDidShow(() => void load.run());

  const join = async (teamId: string) => {
    setBusy(teamId);
    try {
      const m = await askToJoinTeam(teamId);
      setMine(new Map(mine).set(teamId, m));
    } catch {
      // the request wrapper has shown why
    } finally {
      setBusy(null);
    }
  };

  if (!teams)
    return (
      <PageRoot testId="page-volunteer-teams">
        {load.status === 'error' ? (
          <LoadFailed error={load.error} onRetry={() => void load.run()} />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );
  return (
    <PageRoot className="volunteer-teams" testId="page-volunteer-teams">
      {teams.length === 0 ? <EmptyState title="暂无志愿服务队" /> : null}
      {teams.map((t) => {
        const m = mine.get(t.id);
        return (
          <View key={t.id} className="card volunteer-teams__team" data-testid={`team-${t.id}`}>
            <Text className="volunteer-teams__name">{t.name}</Text>
            <Text className="muted">
              {t.district}
              {t.summary ? ` · ${t.summary}` : ''}
            </Text>
            {m ? (
              <Text
                className={`volunteer-teams__state volunteer-teams__state--${m.status}`}
                data-testid={`team-state-${t.id}`}
              >
                {STATE_TEXT[m.status]}
              </Text>
            ) : null}
            {!m || m.status === 'refused' ? (
              <Button
                className="btn btn-primary volunteer-teams__btn"
                disabled={busy === t.id || undefined}
                onClick={() => void join(t.id)}
                data-testid={`join-${t.id}`}
              >
                申请加入
              </Button>
            ) : null}
          </View>
        );
      })}
    </PageRoot>
  );
}
