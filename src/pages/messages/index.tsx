import { View } from '@tarojs/components';
import { EmptyState } from '@/components/empty-state';

export default function Messages() {
  return (
    <View className='page'>
      <EmptyState title='暂无消息' detail='摇号结果、候补递补、预约审核和活动提醒都会出现在这里。' />
    </View>
  );
}
