import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { UpcomingItem, UpcomingKind, UpcomingList } from '@/contract/upcoming';
import { formatInstant } from '@/contract/beijing-time';
import { addToCalendar } from '@/lib/add-to-calendar';
import { request } from '@/lib/request';
import { useLoadStatus } from '@/lib/use-load-status';
import { LoadFailed } from '@/components/load-failed';

const KIND_LABELS: Record<UpcomingKind, string> = {
  stay: '驿站入住',
  childcare: '托班',
  session: '夜校上课',
  shift: '志愿服务',
};

/** What starts when: a one-day event by its time, a stay or a period by its first day. */
function when(item: UpcomingItem): string {
  if (item.kind === 'session' || item.kind === 'shift')
    return `${formatInstant(item.startsAt)}–${formatInstant(item.endsAt, 'HH:mm')}`;
  return `${formatInstant(item.startsAt, 'M月D日 ddd')} 至 ${formatInstant(item.endsAt, 'M月D日')}`;
}

/**
 * 即将开始: the next 30 days across the four services, in time order, each with 加入日历.
 * Loaded whenever 我的 shows, silently: a failure says so in place, with 重试.
 */
export function Upcoming() {
  const [items, setItems] = useState<UpcomingItem[] | null>(null);
  const load = useLoadStatus(async () => {
    const r = await request<UpcomingList>('/api/v1/me/upcoming', {
      silent: true,
      expect: { items: 'array' },
    });
    setItems(r.items);
  });
  useDidShow(() => void load.run());

  const add = (item: UpcomingItem) =>
    addToCalendar({ uid: item.key, ...item }).then(
      () => {
        if (process.env.TARO_ENV === 'weapp')
          void Taro.showToast({ title: '已加入日历', icon: 'success' });
      },
      () => undefined, // the person closed WeChat's dialog: nothing to say
    );

  return (
    <View className="mine__upcoming" data-testid="mine-upcoming">
      <Text className="section-title">即将开始</Text>
      {load.status === 'error' ? (
        <LoadFailed error={load.error} onRetry={() => void load.run()} />
      ) : items === null ? null : items.length === 0 ? (
        <View className="card mine__upcoming-state">
          <Text className="muted">30天内没有安排。报名、预订后会显示在这里。</Text>
        </View>
      ) : (
        <View className="mine__list">
          {items.map((item) => (
            <View
              key={item.key}
              className="mine__event"
              data-testid="upcoming-item"
              onClick={() => void Taro.navigateTo({ url: item.url })}
            >
              <View className="mine__event-text">
                <Text className="mine__event-kind">{KIND_LABELS[item.kind]}</Text>
                <Text className="mine__event-title">{item.title}</Text>
                <Text className="muted">{when(item)}</Text>
                {item.place ? <Text className="muted">{item.place}</Text> : null}
              </View>
              <Button
                className="btn btn-plain mine__event-add"
                data-testid="upcoming-add"
                onClick={(e) => {
                  e.stopPropagation();
                  void add(item);
                }}
              >
                加入日历
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
