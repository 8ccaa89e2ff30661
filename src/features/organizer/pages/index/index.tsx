import { Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/empty-state';
import { useSession } from '@/lib/session';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const TOOLS = ['预约与报名审核', '摇号与名单', '扫码签到核销', '名单导出（CSV）'];

/** Role-gated: the server enforces the same gate on every organizer endpoint. */
export default function OrganizerHome() {
  const role = useSession((s) => s.user?.role);
  const orgCount = useSession((s) => s.user?.orgIds.length ?? 0);
  if (role !== 'organizer' && role !== 'admin') {
    return (
      <PageRoot>
        <EmptyState title='仅组织者可用' detail='团区委、驿站、托管点位和志愿队伍的工作人员由管理员授权后可见。' />
      </PageRoot>
    );
  }
  return (
    <PageRoot className='organizer' testId='page-organizer'>
      <View className='card'>
        <Text className='organizer__title'>{role === 'admin' ? '管理员' : '组织者'}</Text>
        <Text className='muted'>负责 {orgCount} 个组织</Text>
      </View>
      <View className='organizer__grid'>
        {TOOLS.map((tool) => (
          <View key={tool} className='organizer__tool'>
            <Text>{tool}</Text>
            <Text className='muted'>随各项服务上线</Text>
          </View>
        ))}
      </View>
    </PageRoot>
  );
}
