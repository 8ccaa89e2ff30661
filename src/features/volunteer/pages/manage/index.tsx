import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Task } from '@/contract/volunteer';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { formatInstant } from '@/contract/beijing-time';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchTasks, hoursCsvPath } from '../../api';
import { downloadCsv } from '@/lib/download-csv';
import { PendingDecisions } from '../../components/pending-decisions';
import { Roster } from '../../components/roster';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';

/**
 * Organizer side: what volunteers asked for (corrections, appeals), my organizations' tasks and
 * shifts, rosters with the hours to confirm, the on-site code, hours export.
 */
export default function ManagePage() {
  const user = useSession((s) => s.user);
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const staff = isStaff(user?.role);
  const list = useLoadStatus(() =>
    fetchTasks().then((all) => setTasks(all.filter((t) => user?.orgIds.includes(t.orgId)))),
  );
  useDidShow(() => {
    if (staff) void list.run();
  });

  if (!staff) return <StaffOnly />;

  return (
    <PageRoot className="volunteer-manage" testId="page-volunteer-manage">
      <Button
        className="btn btn-primary volunteer-manage__publish"
        data-testid="manage-publish"
        onClick={() => void Taro.navigateTo({ url: '/features/volunteer/pages/publish/index' })}
      >
        ＋ 发布志愿项目
      </Button>
      <Button
        className="btn btn-plain volunteer-manage__publish"
        data-testid="manage-team-asks"
        onClick={() => void Taro.navigateTo({ url: '/features/volunteer/pages/team-asks/index' })}
      >
        入队审核（队长）
      </Button>
      <PendingDecisions />
      {list.status === 'error' && !tasks?.length ? (
        <LoadFailed error={list.error} onRetry={() => void list.run()} />
      ) : null}
      {list.status === 'ready' && tasks?.length === 0 ? (
        <EmptyState title="暂无本组织的志愿项目" />
      ) : null}
      {tasks?.map((t) => (
        <View key={t.id} className="card volunteer-manage__task">
          <Text className="volunteer-manage__title">{t.title}</Text>
          <Text className="muted">{t.orgName}</Text>
          <View className="volunteer-manage__links">
            <Button
              className="btn btn-text volunteer-manage__csv"
              onClick={() =>
                void downloadCsv(hoursCsvPath(t.id), `${t.title}-志愿时长.csv`).catch(
                  () => undefined,
                )
              }
            >
              导出时长 CSV
            </Button>
            <Button
              className="btn btn-text volunteer-manage__csv"
              data-testid={`manage-add-shift-${t.id}`}
              onClick={() =>
                void Taro.navigateTo({
                  url: `/features/volunteer/pages/publish/index?taskId=${t.id}&title=${encodeURIComponent(t.title)}`,
                })
              }
            >
              ＋ 添加班次
            </Button>
          </View>
          {t.shifts.map((s) => (
            <View
              key={s.id}
              className="volunteer-manage__shift"
              data-testid={`manage-shift-${s.id}`}
            >
              <Text className="volunteer-manage__time">
                {formatInstant(s.startsAt)}–{formatInstant(s.endsAt, 'HH:mm')}
              </Text>
              <Text className="muted">
                {s.place} · 已报 {s.filled}/{s.needed}
                {s.skills.length ? ` · 需要技能：${s.skills.join('、')}` : ''}
              </Text>
              <View className="volunteer-manage__actions">
                <Button
                  className="btn btn-primary volunteer-manage__btn"
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `/features/volunteer/pages/code/index?shiftId=${s.id}&title=${encodeURIComponent(t.title)}`,
                    })
                  }
                >
                  现场签到码
                </Button>
                <Button
                  className="btn btn-plain volunteer-manage__btn"
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  {open === s.id ? '收起名单' : '名单与时长'}
                </Button>
              </View>
              {open === s.id ? <Roster shiftId={s.id} /> : null}
            </View>
          ))}
        </View>
      ))}
    </PageRoot>
  );
}
