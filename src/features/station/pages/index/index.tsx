import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Settings, Station } from '@/contract/station';
import { stationFacts, stationTagline } from '@/contract/station-rules';
import { serviceById } from '@/components/services';
import { LoadFailed } from '@/components/load-failed';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useLoadStatus } from '@/lib/use-load-status';
import { hasLiveSession, useSession } from '@/lib/session';
import { fetchSettings, fetchStations } from '../../api';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const service = serviceById('station');
const go = (url: string) => void Taro.navigateTo({ url });

/** The landing page: the stations, their free beds this week, and the way to 我的驿站. */
export default function StationHome() {
  const [stations, setStations] = useState<Station[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const signedIn = useSession((s) => hasLiveSession(s));
  const isStaff = useSession((s) => s.user?.role === 'organizer' || s.user?.role === 'admin');
  const list = useLoadStatus((fresh: boolean) =>
    fetchStations(fresh).then((r) => setStations(r.items)),
  );
  // without the settings the line is left out rather than guessed
  const loadSettings = () => fetchSettings().then(setSettings, () => undefined);
  useDidShow(() => {
    void loadSettings();
    void list.run(false);
  });
  usePullToRefresh(() => Promise.all([loadSettings(), list.run(true)]));

  return (
    <PageRoot className="station-home" testId="page-station">
      <View className="station-home__hero" style={{ background: service.tint }}>
        <Text className="station-home__title" style={{ color: service.color }}>
          {service.name}
        </Text>
        {settings ? (
          <Text className="station-home__tagline" data-testid="station-tagline">
            {stationTagline(settings)}
          </Text>
        ) : null}
        {settings
          ? stationFacts(settings).map((fact) => (
              <Text key={fact} className="station-home__fact" data-testid="station-fact">
                · {fact}
              </Text>
            ))
          : null}
      </View>
      <View className="station-home__actions">
        <Button
          className="btn btn-plain station-home__action"
          onClick={() => go(signedIn ? '/features/station/pages/mine/index' : '/pages/login/index')}
        >
          我的驿站
        </Button>
        {isStaff ? (
          <Button
            className="btn btn-plain station-home__action"
            onClick={() => go('/features/station/pages/staff/index')}
          >
            驿站工作台
          </Button>
        ) : null}
      </View>
      <Text className="section-title">合作驿站</Text>
      {list.status === 'error' && !stations?.length ? (
        <LoadFailed error={list.error} onRetry={() => void list.run(true)} />
      ) : null}
      {list.status !== 'error' && stations === null ? <Text className="muted">加载中…</Text> : null}
      {list.status === 'ready' && stations?.length === 0 ? (
        <Text className="muted">暂无驿站</Text>
      ) : null}
      {stations?.map((s) => {
        const tonight = s.freeThisWeek[0] ?? 0;
        return (
          <View
            key={s.id}
            className="card service-preview__org station-home__station"
            data-testid={`station-${s.id}`}
            onClick={() => go(`/features/station/pages/detail/index?id=${s.id}`)}
          >
            <Text className="service-preview__org-name station-home__name">{s.name}</Text>
            <Text className="muted">
              {s.district} · {s.address}
            </Text>
            <Text className="muted">
              {s.roomTypes.map((r) => r.name).join(' / ')} · 共{s.totalBeds}张床位
            </Text>
            <View className="station-home__free">
              <Text
                className={`station-home__tonight${tonight === 0 ? ' station-home__tonight--full' : ''}`}
              >
                今晚空床 {tonight}
              </Text>
              <Text className="muted">未来7晚最少 {Math.min(...s.freeThisWeek)}</Text>
            </View>
            <Text className="station-home__cta">查看日历并预订 ›</Text>
          </View>
        );
      })}
    </PageRoot>
  );
}
