import { Text, View } from '@tarojs/components';
import type { Message } from '@/contract/messages';
import { MESSAGE_KIND_LABELS } from '@/contract/message-kinds';
import { formatInstant } from '@/contract/beijing-time';
import './message-item.scss';

interface Props {
  message: Message;
  onOpen: (message: Message) => void;
}

export function MessageItem({ message, onOpen }: Props) {
  return (
    <View
      className={`message-item ${message.read ? '' : 'message-item--unread'}`}
      data-testid="message-item"
      onClick={() => onOpen(message)}
    >
      <View className="message-item__head">
        <Text className="message-item__kind">{MESSAGE_KIND_LABELS[message.kind]}</Text>
        <Text className="message-item__time">
          {formatInstant(message.createdAt, 'M月D日 HH:mm')}
        </Text>
      </View>
      <View className="message-item__title-row">
        {message.read ? null : <View className="message-item__dot" aria-label="未读" />}
        <Text className="message-item__title">{message.title}</Text>
      </View>
      <Text className="message-item__body">{message.body}</Text>
      {message.link ? <Text className="message-item__more">查看详情 ›</Text> : null}
    </View>
  );
}
