import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { RosterEntry } from '@/contract/volunteer';
import { formatInstant } from '@/lib/dayjs';
import { confirmHours, correctHours, fetchRoster } from '../api';
import './roster.scss';

/** The sign-ups of one shift, with check-in state and the organizer's hour actions. */
export function Roster({ shiftId }: { shiftId: string }) {
  const [items, setItems] = useState<RosterEntry[] | null>(null);
  const load = () => fetchRoster(shiftId).then(setItems, () => setItems([]));
  useEffect(() => {
    void load();
  }, [shiftId]);

  const confirm = async (r: RosterEntry) => {
    await confirmHours(r.signupId).catch(() => undefined);
    await load();
  };
  const correct = async (r: RosterEntry) => {
    const res = await Taro.showModal({ title: `更正 ${r.name} 的时长`, editable: true, placeholderText: '格式：小时数 原因，如 2 提前离开' } as never);
    const text = (res as unknown as { content?: string }).content?.trim();
    if (!res.confirm || !text) return;
    const [h, ...why] = text.split(/\s+/);
    await correctHours(r.signupId, { hours: Number(h), reason: why.join(' ') }).catch(() => undefined);
    await load();
  };

  if (items === null) return <Text className='muted'>加载名单…</Text>;
  if (items.length === 0) return <Text className='muted'>暂无报名</Text>;
  return (
    <View className='roster' data-testid={`roster-${shiftId}`}>
      {items.map((r) => (
        <View key={r.signupId} className='roster__row'>
          <View className='roster__main'>
            <Text>{r.name} <Text className='muted'>{r.phoneMasked ?? ''}</Text></Text>
            <Text className='muted'>
              {r.checkedInAt ? `签到 ${formatInstant(r.checkedInAt, 'HH:mm')}` : '未签到'}
              {r.checkedOutAt ? ` · 签退 ${formatInstant(r.checkedOutAt, 'HH:mm')}` : ''}
              {r.offline ? ' · 离线上传' : ''} · {r.hours} 小时
            </Text>
          </View>
          {r.checkedInAt && !r.checkedOutAt && r.hours === 0 ? (
            <Button className='btn btn-plain roster__btn' onClick={() => void confirm(r)}>确认时长</Button>
          ) : null}
          {r.checkedInAt ? <Button className='btn btn-text roster__btn' onClick={() => void correct(r)}>更正</Button> : null}
        </View>
      ))}
    </View>
  );
}
