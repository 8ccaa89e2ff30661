import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TeamMembership } from '@/contract/volunteer';
import { formatInstant } from '@/contract/beijing-time';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { decideTeamAsk, fetchTeamAsks } from '../../api';
import './index.scss';

/**
 * 入队审核, the team leader's page: who asked to join my teams (names masked), to approve or
 * refuse once; the volunteer is told in 消息 either way.
 */
export default function TeamAsksPage() {
  const staff = isStaff(useSession((s) => s.user?.role));
  const [asks, setAsks] = useState<TeamMembership[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useLoadStatus(() => fetchTeamAsks().then(setAsks));
  useDidShow(() => {
    if (staff) void load.run();
  });

  const decide = async (a: TeamMembership, decision: 'approved' | 'refused') => {
    if (decision === 'refused') {
      const { confirm } = await Taro.showModal({
        title: '不同意入队？',
        content: `${a.nameMasked} 申请加入${a.teamName}。对方会收到未通过的消息。`,
      });
      if (!confirm) return;
    }
    setBusy(a.id);
    try {
      await decideTeamAsk(a.id, decision);
      void Taro.showToast({ title: decision === 'approved' ? '已同意' : '已拒绝', icon: 'none' });
      setAsks((asks ?? []).filter((x) => x.id !== a.id));
    } catch {
      // the request wrapper has shown why (e.g. another leader decided first); read the list again
      await load.run();
    } finally {
      setBusy(null);
    }
  };

  if (!staff) return <StaffOnly />;
  return (
    <PageRoot className="team-asks" testId="page-team-asks">
      {load.status === 'error' && !asks ? (
        <LoadFailed error={load.error} onRetry={() => void load.run()} />
      ) : null}
      {asks?.length === 0 ? <EmptyState title="暂无待审核的入队申请" /> : null}
      {asks?.map((a) => (
        <View key={a.id} className="card team-asks__ask" data-testid={`ask-${a.id}`}>
          <Text className="team-asks__who">{a.nameMasked}</Text>
          <Text className="muted">
            申请加入 {a.teamName} · {formatInstant(a.createdAt, 'M月D日 HH:mm')}
          </Text>
          <View className="team-asks__buttons">
            <Button
              className="btn btn-primary team-asks__btn"
              disabled={busy === a.id || undefined}
              onClick={() => void decide(a, 'approved')}
              data-testid={`approve-${a.id}`}
            >
              同意
            </Button>
            <Button
              className="btn btn-plain team-asks__btn"
              disabled={busy === a.id || undefined}
              onClick={() => void decide(a, 'refused')}
              data-testid={`refuse-${a.id}`}
            >
              不同意
            </Button>
          </View>
        </View>
      ))}
    </PageRoot>
  );
}
