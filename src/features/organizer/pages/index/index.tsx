import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import type { Today } from '@/contract/organizer';
import { ListCell } from '@/components/list-cell';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { useOrgIds, useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchAllOrgs, fetchToday } from '../../api';
import './index.scss';
import { StaffOnly, isStaff } from '@/components/staff-only';

const KIND_LABEL: Record<Organization['kind'], string> = {
  committee: '团区委',
  station: '青年驿站',
  site: '托班点位',
  team: '志愿队伍',
};
// Where each kind of organization's staff work.
const STAFF_PAGE: Record<Organization['kind'], string> = {
  committee: '/features/night-school/pages/admin/index',
  station: '/features/station/pages/staff/index',
  site: '/features/childcare/pages/staff/index',
  team: '/features/volunteer/pages/manage/index',
};
const go = (url: string) => void Taro.navigateTo({ url });

/** Organizer home: my organizations, each one tap from its service's work; admin tools for admins. */
export default function OrganizerHome() {
  const role = useSession((s) => s.user?.role);
  const orgIds = useOrgIds();
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  const [today, setToday] = useState<Today | null>(null);
  const staff = isStaff(role);

  const list = useLoadStatus(() => fetchAllOrgs().then(setOrgs));
  useEffect(() => {
    if (!staff) return;
    void list.run();
    fetchToday().then(setToday, () => undefined);
  }, [staff]); // eslint-disable-line react-hooks/exhaustive-deps -- run is stable

  if (!staff) return <StaffOnly />;

  const mine = (orgs ?? []).filter((o) => role === 'admin' || orgIds.includes(o.id));
  return (
    <PageRoot className="organizer" testId="page-organizer">
      <View className="card organizer__head">
        <Text className="organizer__title">
          {role === 'admin' ? '管理员工作台' : '组织者工作台'}
        </Text>
        <Text className="muted">
          {role === 'admin' ? '可管理全部组织' : `负责 ${orgIds.length} 个组织`}
        </Text>
      </View>

      {today ? (
        <>
          <Text className="section-title">今日待办</Text>
          <View className="organizer__today">
            {today.items.map((item) => (
              <View
                key={item.label}
                className={`organizer__todo ${item.count > 0 ? 'organizer__todo--busy' : ''}`}
                data-testid="today-item"
                onClick={() => go(item.url)}
              >
                <Text className="organizer__todo-count">{item.count}</Text>
                <Text className="organizer__todo-label">{item.label}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <Text className="section-title">我负责的组织</Text>
      {list.status === 'error' && !orgs?.length ? (
        <LoadFailed error={list.error} onRetry={() => void list.run()} />
      ) : null}
      {list.status !== 'error' && orgs === null ? (
        <Text className="muted organizer__loading">加载中…</Text>
      ) : null}
      <View className="organizer__list">
        {mine.map((org) => {
          return (
            <ListCell
              key={org.id}
              title={org.name}
              note={KIND_LABEL[org.kind]}
              testId={`org-${org.id}`}
              onClick={() => go(STAFF_PAGE[org.kind])}
            />
          );
        })}
      </View>

      {process.env.TARO_ENV === 'h5' ? (
        <View className="organizer__list">
          <ListCell
            title="电脑工作台"
            note="表格、筛选、批量操作"
            testId="open-console"
            onClick={() => go('/features/console/pages/index/index')}
          />
        </View>
      ) : null}

      {process.env.TARO_ENV === 'weapp' ? (
        <View className="organizer__list">
          <ListCell
            title="扫码登录电脑端"
            note="在电脑上用工作台"
            testId="pc-login"
            onClick={() => go('/features/account/pages/pc-login/index')}
          />
        </View>
      ) : null}

      {role === 'admin' ? (
        <>
          <Text className="section-title">管理</Text>
          <View className="organizer__list">
            <ListCell
              title="工作人员授权"
              testId="admin-roles"
              onClick={() => go('/features/organizer/pages/roles/index')}
            />
            <ListCell
              title="操作日志"
              testId="admin-audit"
              onClick={() => go('/features/organizer/pages/audit/index')}
            />
          </View>
        </>
      ) : null}
    </PageRoot>
  );
}
