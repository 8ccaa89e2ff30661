import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Shift } from '@/contract/volunteer';
import { EmptyState } from '@/components/empty-state';
import { PageRoot } from '@/components/page-root';
import { formatInstant } from '@/contract/beijing-time';
import { fetchOrgs } from '@/lib/orgs-api';
import { useSession } from '@/lib/session';
import { TaskForm, type OrgOption } from '../../components/task-form';
import { ShiftForm } from '../../components/shift-form';
import './index.scss';
import { StaffOnly, isStaff } from '@/components/staff-only';

/**
 * Organizer: publish a task, then add its shifts one by one (?taskId=&title= skips straight to
 * the shifts of an existing task). Only volunteer teams and committees may publish (the server
 * says so too), so only those of the organizer's organizations are offered.
 */
export default function PublishPage() {
  const user = useSession((s) => s.user);
  const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
  const [task, setTask] = useState<{ id: string; title: string } | null>(
    params.taskId ? { id: params.taskId, title: decodeURIComponent(params.title ?? '') } : null,
  );
  const [orgs, setOrgs] = useState<OrgOption[] | null>(null);
  const [shifts, setShifts] = useState<Shift[]>([]);
  const staff = isStaff(user?.role);

  useEffect(() => {
    if (!staff || task) return;
    void Promise.all([fetchOrgs('team'), fetchOrgs('committee')]).then(
      ([teams, committees]) =>
        setOrgs(
          [...teams, ...committees]
            .filter((o) => user?.role === 'admin' || user?.orgIds.includes(o.id))
            .map((o) => ({ id: o.id, name: o.name })),
        ),
      () => setOrgs([]),
    );
  }, [staff, task, user]);

  if (!staff) return <StaffOnly />;

  return (
    <PageRoot className="volunteer-publish" testId="page-volunteer-publish">
      {task ? (
        <>
          <View className="card volunteer-publish__task" data-testid="publish-task">
            <Text className="muted">志愿项目</Text>
            <Text className="volunteer-publish__title">{task.title}</Text>
            {shifts.map((s) => (
              <Text
                key={s.id}
                className="volunteer-publish__shift"
                data-testid={`published-shift-${s.id}`}
              >
                ✓ {formatInstant(s.startsAt)}–{formatInstant(s.endsAt, 'HH:mm')} · {s.place} · 需{' '}
                {s.needed} 人{s.skills.length ? ` · 需要技能：${s.skills.join('、')}` : ''}
              </Text>
            ))}
            {shifts.length === 0 ? (
              <Text className="muted">还没有班次：请在下方添加，志愿者才能报名</Text>
            ) : null}
          </View>
          <ShiftForm
            taskId={task.id}
            onCreated={(s) => {
              setShifts([...shifts, s]);
              void Taro.showToast({ title: '班次已添加', icon: 'success' });
            }}
          />
          {shifts.length > 0 ? (
            <Button
              className="btn btn-plain volunteer-publish__done"
              onClick={() =>
                void Taro.redirectTo({ url: '/features/volunteer/pages/manage/index' })
              }
            >
              完成，返回项目管理
            </Button>
          ) : null}
        </>
      ) : orgs && orgs.length === 0 ? (
        <EmptyState title="没有可发布项目的组织" detail="只有志愿服务队或团委可以发布志愿项目" />
      ) : orgs ? (
        <TaskForm orgs={orgs} onCreated={(t) => setTask({ id: t.id, title: t.title })} />
      ) : null}
    </PageRoot>
  );
}
