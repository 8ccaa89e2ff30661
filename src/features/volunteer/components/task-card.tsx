import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Task } from '@/contract/volunteer';
import { ShiftRow } from './shift-row';
import './task-card.scss';

interface Props {
  task: Task;
  onSignUp: (shiftId: string, idempotencyKey: string) => Promise<void>;
}

/**
 * A task with its upcoming shifts. The card also carries the service-preview classes, so the
 * home e2e finds this service's organizations the same way as on the other services' pages.
 */
export function TaskCard({ task, onSignUp }: Props) {
  return (
    <View className="card task-card service-preview__org" data-testid={`task-${task.id}`}>
      <View
        className="task-card__head"
        onClick={() =>
          void Taro.navigateTo({ url: `/features/volunteer/pages/task/index?id=${task.id}` })
        }
      >
        <Text className="task-card__category">{task.category}</Text>
        <Text className="task-card__title">{task.title}</Text>
        <Text className="muted task-card__org service-preview__org-name">{task.orgName}</Text>
        {task.description ? <Text className="task-card__desc">{task.description}</Text> : null}
        {task.skills.length ? <Text className="muted">技能：{task.skills.join('、')}</Text> : null}
      </View>
      {task.shifts.map((s) => (
        <ShiftRow key={s.id} shift={s} onSignUp={onSignUp} />
      ))}
    </View>
  );
}
