import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Task } from '@/contract/volunteer';
import { openMap } from '@/lib/open-map';
import { LoadFailed } from '@/components/load-failed';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useLoadStatus } from '@/lib/use-load-status';
import { useSharePage } from '@/lib/share';
import { fetchTask } from '../../api';
import { useVolunteer } from '../../store';
import { ShiftRow } from '../../components/shift-row';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const PAGE = '/features/volunteer/pages/task/index';

export default function TaskPage() {
  const [task, setTask] = useState<Task | null>(null);
  const id = Taro.getCurrentInstance().router?.params?.id ?? '';
  const {
    status,
    error,
    run: load,
  } = useLoadStatus((fresh: boolean) => fetchTask(id, fresh).then(setTask));
  useLoad(() => void load(false));
  usePullToRefresh(() => load(true));
  useSharePage(PAGE, id, () => task?.title);

  const onSignUp = async (shiftId: string, key: string) => {
    await useVolunteer.getState().signUp(shiftId, key);
    void Taro.showToast({ title: '报名成功', icon: 'success' });
    await load(true);
  };
  const first = task?.shifts[0];

  return (
    <PageRoot className="volunteer-task" testId="page-volunteer-task">
      {task ? (
        <>
          <View className="card">
            <Text className="volunteer-task__title">{task.title}</Text>
            <Text className="muted">
              {task.orgName} · {task.category}
            </Text>
            <Text className="volunteer-task__desc">{task.description}</Text>
            {task.skills.length ? (
              <Text className="muted">需要：{task.skills.join('、')}</Text>
            ) : null}
            <Text className="muted">
              开始前 {task.cancelCutoffMin / 60} 小时可取消；开始前 {task.checkinOpenBeforeMin}{' '}
              分钟起可签到
            </Text>
            {first ? (
              <Button
                className="btn btn-plain volunteer-task__map"
                onClick={() =>
                  openMap({ latitude: first.lat, longitude: first.lng, name: first.place })
                }
              >
                查看地图
              </Button>
            ) : null}
          </View>
          <Text className="section-title">班次</Text>
          <View className="card">
            {task.shifts.length === 0 ? <Text className="muted">暂无班次</Text> : null}
            {task.shifts.map((s) => (
              <ShiftRow key={s.id} shift={s} onSignUp={onSignUp} />
            ))}
          </View>
        </>
      ) : status === 'error' ? (
        <LoadFailed error={error} onRetry={() => void load(true)} notFound="未找到该志愿项目" />
      ) : (
        <Text className="muted">加载中…</Text>
      )}
    </PageRoot>
  );
}
