import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { useLoadStatus } from '@/lib/use-load-status';
import { MessageItem } from '@/features/messages/components/message-item';
import { useMessages } from '@/features/messages/store';
import { hasLiveSession, useSession } from '@/lib/session';
import './index.scss';
import { PageRoot } from '@/components/page-root';

export default function Messages() {
  const signedIn = useSession((s) => hasLiveSession(s));
  const items = useMessages((s) => s.items);
  const unread = useMessages((s) => s.unread);
  const loaded = useMessages((s) => s.loaded);
  const next = useMessages((s) => s.next);
  const { load, loadMore, open, readAll } = useMessages.getState();
  const { status, error, run } = useLoadStatus(load);

  useDidShow(() => {
    if (signedIn) void run();
  });
  usePullDownRefresh(() => {
    void run().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void loadMore().catch(() => undefined));

  if (!signedIn) {
    return (
      <PageRoot>
        <EmptyState
          title="登录后查看消息"
          detail="摇号结果、候补递补、预约审核和活动提醒都会出现在这里。"
        />
        <Button
          className="btn btn-primary"
          onClick={() => void Taro.navigateTo({ url: '/pages/login/index' })}
        >
          登录 / 注册
        </Button>
      </PageRoot>
    );
  }

  if (status === 'error' && items.length === 0) {
    return (
      <PageRoot>
        <LoadFailed error={error} onRetry={() => void run()} />
      </PageRoot>
    );
  }

  if (loaded && items.length === 0) {
    return (
      <PageRoot>
        <EmptyState
          title="暂无消息"
          detail="摇号结果、候补递补、预约审核和活动提醒都会出现在这里。"
        />
      </PageRoot>
    );
  }

  return (
    <PageRoot className="messages">
      <View className="messages__bar">
        <Text className="muted">{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
        {unread > 0 ? (
          <Text
            className="messages__read-all"
            onClick={() => void readAll().catch(() => undefined)}
          >
            全部已读
          </Text>
        ) : null}
      </View>
      {items.map((m) => (
        <MessageItem key={m.id} message={m} onOpen={(msg) => void open(msg)} />
      ))}
      {next ? (
        <Text className="muted messages__more" onClick={() => void loadMore()}>
          加载更多
        </Text>
      ) : null}
    </PageRoot>
  );
}
