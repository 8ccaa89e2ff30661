import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ServiceCard } from '@/components/service-card';
import { SERVICES } from '@/components/services';
import { useMessages } from '@/features/messages/store';
import { hasLiveSession, useSession } from '@/lib/session';
import { preloadSubscribeTemplates } from '@/lib/subscribe';
import './index.scss';
import { PageRoot } from '@/components/page-root';

export default function Home() {
  const name = useSession((s) => s.user?.name);
  const signedIn = useSession((s) => hasLiveSession(s));
  // the 消息 tab's unread badge stays current wherever the resident lands first
  useDidShow(() => {
    if (!signedIn) return;
    void useMessages
      .getState()
      .refreshBadge()
      .catch(() => undefined);
    void preloadSubscribeTemplates();
  });
  return (
    <PageRoot className="home">
      <View className="home__hero">
        <Text className="home__title">{name ? `${name}，你好` : '你好，青年'}</Text>
        <Text className="home__subtitle">团区委青年服务，一站办理</Text>
      </View>
      {SERVICES.map((service) => (
        <ServiceCard
          key={service.id}
          service={service}
          onOpen={(s) => void Taro.navigateTo({ url: s.url })}
        />
      ))}
      <Text className="home__footer muted">服务时间以各项目公告为准 · 共青团区委</Text>
    </PageRoot>
  );
}
