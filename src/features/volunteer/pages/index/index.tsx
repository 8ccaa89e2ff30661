import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import type { TaskQuery } from '@/contract/volunteer';
import { useLoadStatus } from '@/lib/use-load-status';
import { serviceById } from '@/components/services';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useSession } from '@/lib/session';
import { useVolunteer } from '../../store';
import { FilterBar } from '../../components/filter-bar';
import { TaskCard } from '../../components/task-card';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const service = serviceById('volunteer');
const go = (page: string) => () =>
  void Taro.navigateTo({ url: `/features/volunteer/pages/${page}/index` });

export default function VolunteerHome() {
  const tasks = useVolunteer((s) => s.tasks);
  const filters = useVolunteer((s) => s.filters);
  const loadTasks = useVolunteer((s) => s.loadTasks);
  const setFilters = useVolunteer((s) => s.setFilters);
  const signUp = useVolunteer((s) => s.signUp);
  const role = useSession((s) => s.user?.role);
  // every category seen so far, so the chips do not vanish once one is picked
  const [categories, setCategories] = useState<string[]>([]);

  // a filter tap reloads too: its failure shows the same way as the first load's
  const list = useLoadStatus((fresh: boolean, patch?: Partial<TaskQuery>) =>
    patch ? setFilters(patch) : loadTasks(fresh),
  );
  useDidShow(() => void list.run(false));
  usePullToRefresh(() => list.run(true));
  useEffect(() => {
    if (!tasks) return;
    setCategories((prev) => Array.from(new Set([...prev, ...tasks.map((t) => t.category)])));
  }, [tasks]);

  const onSignUp = async (shiftId: string, key: string) => {
    await signUp(shiftId, key);
    void Taro.showToast({ title: '报名成功', icon: 'success' });
  };

  return (
    <PageRoot className="volunteer-home" testId="page-volunteer">
      <View className="volunteer-home__hero" style={{ background: service.tint }}>
        <Text className="volunteer-home__name" style={{ color: service.color }}>
          {service.name}
        </Text>
        <Text className="volunteer-home__tagline">{service.tagline}</Text>
      </View>
      <View className="volunteer-home__entries">
        <View className="volunteer-home__entry" onClick={go('mine')} data-testid="go-mine">
          <Text className="volunteer-home__entry-title">我的志愿</Text>
          <Text className="muted">班次 · 签到 · 时长</Text>
        </View>
        <View className="volunteer-home__entry" onClick={go('requests')} data-testid="go-requests">
          <Text className="volunteer-home__entry-title">点单服务</Text>
          <Text className="muted">居民点单 · 志愿者接单</Text>
        </View>
        {role === 'organizer' || role === 'admin' ? (
          <View className="volunteer-home__entry" onClick={go('manage')} data-testid="go-manage">
            <Text className="volunteer-home__entry-title">组织者</Text>
            <Text className="muted">名单 · 签到码 · 时长</Text>
          </View>
        ) : null}
      </View>
      <FilterBar
        filters={filters}
        categories={categories}
        onChange={(p) => void list.run(false, p)}
      />
      {list.status === 'error' && !tasks?.length ? (
        <LoadFailed error={list.error} onRetry={() => void list.run(true)} />
      ) : null}
      {list.status === 'loading' && tasks === null ? <Text className="muted">加载中…</Text> : null}
      {list.status === 'ready' && tasks?.length === 0 ? (
        <EmptyState title="暂时没有符合条件的志愿活动" detail="换个日期或类别看看" />
      ) : null}
      {tasks?.map((t) => (
        <TaskCard key={t.id} task={t} onSignUp={onSignUp} />
      ))}
    </PageRoot>
  );
}
