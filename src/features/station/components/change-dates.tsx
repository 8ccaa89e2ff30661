// 修改日期: the same calendar as booking, for the stay's room type, with the guest's own beds
// counted as free on the nights they hold now; the server decides (beds, allowance, other stays).
import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Booking, CalendarNight, StationDetail } from '@/contract/station';
import { checkOutFor, nightsOf, stayProblem } from '@/contract/station-rules';
import { daysBetween } from '@/contract/beijing-time';
import { dayLabel, weekday } from '../labels';
import { NightsStepper } from './nights-stepper';
import { NightCalendar } from './night-calendar';
import './booking-form.scss';

interface Props {
  booking: Booking;
  detail: StationDetail;
  /** Nights the guest may book in all: this stay's nights plus what is left of the allowance. */
  maxNights: number;
  /** The station reviews bookings: an approved stay on new dates goes back to 待审核. */
  reviewed: boolean;
  onSubmit: (checkIn: string, nights: number) => Promise<void>;
  onCancel: () => void;
}

const range = (checkIn: string, nights: number) => {
  const out = checkOutFor(checkIn, nights);
  return `${dayLabel(checkIn)}（${weekday(checkIn)}）→ ${dayLabel(out)}（${weekday(out)}），${nights}晚`;
};

export function ChangeDates({ booking, detail, maxNights, reviewed, onSubmit, onCancel }: Props) {
  const [checkIn, setCheckIn] = useState(booking.checkIn);
  const [nights, setNights] = useState(booking.nights);
  const [busy, setBusy] = useState(false);
  const held = useMemo(
    () => new Set(nightsOf(booking.checkIn, booking.checkOut)),
    [booking.checkIn, booking.checkOut],
  );
  // the guest's own bed on the nights they hold is theirs to keep
  const roomNights: CalendarNight[] = useMemo(
    () =>
      detail.nights
        .filter((n) => n.roomTypeId === booking.roomTypeId)
        .map((n) => (held.has(n.night) ? { ...n, free: n.free + 1 } : n)),
    [detail.nights, booking.roomTypeId, held],
  );

  const unchanged = checkIn === booking.checkIn && nights === booking.nights;
  let problem: string | null = null;
  const p = stayProblem(checkIn, nights, detail.from, {
    maxNightsPerStay: maxNights,
    horizonDays: daysBetween(detail.from, detail.to),
  });
  if (p === 'NIGHTS_OUT_OF_RANGE') problem = `最多可住${maxNights}晚`;
  else if (p === 'CHECKIN_IN_PAST') problem = '入住日期不能早于今天';
  else if (p) problem = '离店日期超出可预订范围，请减少晚数';
  else {
    const full = nightsOf(checkIn, checkOutFor(checkIn, nights)).find((d) => {
      const n = roomNights.find((x) => x.night === d);
      return !n || n.closed || n.free === 0;
    });
    if (full) problem = `${dayLabel(full)}${booking.roomTypeName}已满，请换个日期`;
  }

  const submit = async () => {
    if (problem || unchanged || busy) return;
    setBusy(true);
    try {
      await onSubmit(checkIn, nights);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="booking-form" data-testid="change-dates">
      <Text className="section-title">选择新的入住日期（数字为当晚空床）</Text>
      <View className="card">
        <NightCalendar
          nights={roomNights}
          checkIn={checkIn}
          nightCount={nights}
          onPick={setCheckIn}
        />
      </View>
      <NightsStepper nights={nights} max={maxNights} onChange={setNights} />
      <View className="card booking-form__summary" data-testid="change-summary">
        <Text className="muted">原日期：{range(booking.checkIn, booking.nights)}</Text>
        <Text className="booking-form__stay">新日期：{range(checkIn, nights)}</Text>
        {reviewed && booking.status === 'approved' ? (
          <Text className="muted" data-testid="review-again">
            本驿站需审核：改期后将重新审核，通过前不显示入住码
          </Text>
        ) : null}
        <Text className="muted">原日期的床位会在改期成功时释放；改期不成功则保留原预订。</Text>
        {problem ? (
          <Text className="error-text" data-testid="change-problem">
            {problem}
          </Text>
        ) : null}
      </View>
      <Button
        className="btn btn-primary"
        disabled={busy || unchanged || problem !== null || undefined}
        onClick={() => void submit()}
        data-testid="change-submit"
      >
        {busy ? '正在修改…' : '确认修改'}
      </Button>
      <Button className="btn btn-plain booking-form__note" onClick={onCancel}>
        不改了
      </Button>
    </View>
  );
}
