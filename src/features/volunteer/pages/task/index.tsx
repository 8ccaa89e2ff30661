import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Task } from '@/contract/volunteer';
import { fetchTask } from '../../api';
import { useVolunteer } from '../../store';
import { ShiftRow } from '../../components/shift-row';
import './index.scss';
import { PageRoot } from '@/components/page-root';

export default function TaskPage() {
  const [task, setTask] = useState<Task | null>(null);
  const [id, setId] = useState('');
  const load = (taskId: string) => fetchTask(taskId).then(setTask, () => undefined);
  useLoad(() => {
    const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    setId(params.id);
    void load(params.id);
  });

  const onSignUp = async (shiftId: string, key: string) => {
    await useVolunteer.getState().signUp(shiftId, key);
    void Taro.showToast({ title: '报名成功', icon: 'success' });
    await load(id);
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
                  void Taro.openLocation({
                    latitude: first.lat,
                    longitude: first.lng,
                    name: first.place,
                    scale: 16,
                  })
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
      ) : (
        <Text className="muted">加载中…</Text>
      )}
    </PageRoot>
  );
}
