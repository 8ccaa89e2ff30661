import { Text, View } from '@tarojs/components';
import './list-cell.scss';

interface Props {
  title: string;
  note?: string;
  testId?: string;
  onClick: () => void;
}

/** A full-width row with a chevron: one tap target of at least 96px (older users). */
export function ListCell({ title, note, testId, onClick }: Props) {
  return (
    <View className="list-cell" data-testid={testId} onClick={onClick}>
      <Text className="list-cell__title">{title}</Text>
      {note ? <Text className="list-cell__note">{note}</Text> : null}
      <Text className="list-cell__arrow">›</Text>
    </View>
  );
}
