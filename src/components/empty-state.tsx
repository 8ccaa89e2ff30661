import { Text, View } from '@tarojs/components';
import './empty-state.scss';

interface Props {
  title: string;
  detail?: string;
}

export function EmptyState({ title, detail }: Props) {
  return (
    <View className="empty-state">
      <View className="empty-state__icon" />
      <Text className="empty-state__title">{title}</Text>
      {detail ? <Text className="empty-state__detail">{detail}</Text> : null}
    </View>
  );
}
