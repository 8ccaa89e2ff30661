import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { MyShift } from '@/contract/volunteer';
import { formatInstant } from '@/contract/beijing-time';
import './my-shift-card.scss';

interface Props {
  item: MyShift;
  now: number;
  /** Scans of this shift kept on the phone, not yet uploaded. */
  queued?: ('in' | 'out')[];
  onCancel: (signupId: string) => void;
}

const checkinUrl = (item: MyShift, kind: 'in' | 'out') =>
  `/features/volunteer/pages/checkin/index?shiftId=${item.shift.id}&kind=${kind}&title=${encodeURIComponent(item.taskTitle)}`;

/** One of my shifts, with the one action that fits its moment: cancel, check in, check out. */
export function MyShiftCard({ item, now, queued = [], onCancel }: Props) {
  const cancelled = item.status === 'cancelled';
  // a scan waiting on the phone counts for what to offer next (check out after an offline check-in)
  const checkedIn = !!item.checkedInAt || queued.includes('in');
  const checkedOut = !!item.checkedOutAt || queued.includes('out');
  const ended = Date.parse(item.shift.endsAt) < now;
  // hours on the books without a check-out: the organizer confirmed them; nothing is left to do
  const confirmed = !item.checkedOutAt && item.hours > 0;
  const canCancel = !cancelled && !confirmed && now <= Date.parse(item.canCancelUntil);
  let state = '待签到';
  if (cancelled) state = '已取消';
  else if (item.awaitingConfirmation) state = '已签退 · 时长待组织方确认';
  else if (item.checkedOutAt) state = `已签退 · ${item.hours} 小时`;
  else if (confirmed) state = `时长已确认 · ${item.hours} 小时`;
  else if (checkedOut) state = '已签退 · 待上传';
  else if (item.checkedInAt) state = '已签到';
  else if (checkedIn) state = '已签到 · 待上传';
  else if (ended) state = '未签到';

  return (
    <View
      className={`card my-shift ${cancelled ? 'my-shift--off' : ''}`}
      data-testid={`my-shift-${item.shift.id}`}
    >
      <View className="my-shift__head">
        <Text className="my-shift__title">{item.taskTitle}</Text>
        <Text className="my-shift__state">{state}</Text>
      </View>
      <Text>
        {formatInstant(item.shift.startsAt)}–{formatInstant(item.shift.endsAt, 'HH:mm')}
      </Text>
      <Text className="muted">
        {item.shift.place} · {item.orgName}
      </Text>
      {!cancelled && !checkedOut && !confirmed ? (
        <View className="my-shift__actions">
          {!checkedIn && !ended ? (
            <Button
              className="btn btn-primary my-shift__btn"
              onClick={() => void Taro.navigateTo({ url: checkinUrl(item, 'in') })}
            >
              签到
            </Button>
          ) : null}
          {checkedIn ? (
            <Button
              className="btn btn-primary my-shift__btn"
              onClick={() => void Taro.navigateTo({ url: checkinUrl(item, 'out') })}
            >
              签退
            </Button>
          ) : null}
          {canCancel ? (
            <Button className="btn btn-text my-shift__btn" onClick={() => onCancel(item.signupId)}>
              取消报名
            </Button>
          ) : null}
        </View>
      ) : null}
      {canCancel ? (
        <Text className="muted">{formatInstant(item.canCancelUntil)} 前可取消</Text>
      ) : null}
    </View>
  );
}
