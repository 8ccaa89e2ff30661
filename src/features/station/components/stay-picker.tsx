import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { CreateHoldBody, Eligibility, StationDetail } from '@/contract/station';
import { checkOutFor, nightsOf, stayProblem } from '@/contract/station-rules';
import { daysBetween } from '@/contract/beijing-time';
import { GENDER_TEXT, dayLabel, weekday } from '../labels';
import { NightsStepper } from './nights-stepper';
import { NightCalendar } from './night-calendar';
import './booking-form.scss';

interface Props {
  detail: StationDetail;
  eligibility: Eligibility | null;
  onSubmit: (body: CreateHoldBody) => Promise<void>;
}

const PROBLEM_TEXT: Record<string, string> = {
  DATE_INVALID: '请选择入住日期',
  CHECKIN_IN_PAST: '入住日期不能早于今天',
  NIGHTS_OUT_OF_RANGE: '晚数超出范围',
  CHECKIN_TOO_FAR: '离店日期超出可预订范围，请减少晚数',
};

/**
 * Stage 1 of a booking: room type, first night on the calendar and number of nights. The same
 * rules as the server (station-rules) answer at once; the server then holds the nights for
 * holdMinutes while stage 2 (the eligibility form) is filled in.
 */
export function StayPicker({ detail, eligibility, onSubmit }: Props) {
  const { station } = detail;
  const gender = eligibility?.gender ?? null;
  const usable = station.roomTypes.filter(
    (r) => r.gender === 'any' || !gender || r.gender === gender,
  );
  const [roomTypeId, setRoomTypeId] = useState(usable[0]?.id ?? '');
  const [checkIn, setCheckIn] = useState<string | null>(null);
  const [nights, setNights] = useState(1);
  const [busy, setBusy] = useState(false);

  const maxNights = Math.min(
    eligibility?.maxNightsPerStay ?? 7,
    eligibility?.allowance.remaining ?? 7,
  );
  const roomNights = useMemo(
    () => detail.nights.filter((n) => n.roomTypeId === roomTypeId),
    [detail.nights, roomTypeId],
  );

  let problem: string | null = null;
  if (!checkIn) problem = '请在日历上点选入住日期';
  else {
    const p = stayProblem(checkIn, nights, detail.from, {
      maxNightsPerStay: maxNights,
      horizonDays: daysBetween(detail.from, detail.to),
    });
    if (p) problem = p === 'NIGHTS_OUT_OF_RANGE' ? `本次最多可住${maxNights}晚` : PROBLEM_TEXT[p];
    else {
      const full = nightsOf(checkIn, checkOutFor(checkIn, nights)).find((d) => {
        const n = roomNights.find((x) => x.night === d);
        return !n || n.closed || n.free === 0;
      });
      if (full) problem = `${dayLabel(full)}该房型已满，请换个日期或房型`;
    }
  }

  const submit = async () => {
    if (problem || !checkIn || busy) return;
    setBusy(true);
    try {
      await onSubmit({ roomTypeId, checkIn, nights });
    } finally {
      setBusy(false);
    }
  };

  const holdMinutes = eligibility?.requirements.holdMinutes ?? 30;
  return (
    <View className="booking-form" data-testid="booking-form">
      <Text className="section-title">第 1 步 · 选择房型和日期</Text>
      <View className="booking-form__chips">
        {station.roomTypes.map((r) => {
          const allowed = usable.includes(r);
          return (
            <View
              key={r.id}
              className={`booking-form__chip${r.id === roomTypeId ? ' booking-form__chip--on' : ''}${allowed ? '' : ' booking-form__chip--off'}`}
              onClick={() => allowed && setRoomTypeId(r.id)}
              data-testid={`room-${r.code}`}
            >
              <Text>{r.name}</Text>
              <Text className="booking-form__chip-sub">
                {r.gender === 'any' ? `${r.beds}床` : `限${GENDER_TEXT[r.gender]} · ${r.beds}床`}
              </Text>
            </View>
          );
        })}
      </View>

      <Text className="section-title">入住日期（数字为当晚空床）</Text>
      <View className="card">
        <NightCalendar
          nights={roomNights}
          checkIn={checkIn}
          nightCount={nights}
          onPick={setCheckIn}
        />
      </View>

      <NightsStepper nights={nights} max={maxNights} onChange={setNights} />

      <View className="card booking-form__summary" data-testid="booking-summary">
        {checkIn ? (
          <Text className="booking-form__stay">
            {dayLabel(checkIn)}（{weekday(checkIn)}）入住 → {dayLabel(checkOutFor(checkIn, nights))}
            （{weekday(checkOutFor(checkIn, nights))}）离店，共{nights}晚
          </Text>
        ) : null}
        {eligibility ? (
          <Text className="muted">
            {eligibility.allowance.windowMonths}个月内还可免费入住 {eligibility.allowance.remaining}{' '}
            晚{eligibility.allowance.rule === 'one_stay' ? '（限 1 次）' : ''}
          </Text>
        ) : null}
        {problem ? (
          <Text className="error-text" data-testid="booking-problem">
            {problem}
          </Text>
        ) : null}
      </View>
      <Button
        className={`btn btn-primary${busy ? ' btn--busy' : ''}`}
        disabled={Boolean(problem) || busy || undefined}
        onClick={submit}
        data-testid="hold-submit"
      >
        {busy ? '正在保留…' : '保留床位，填写资格信息'}
      </Button>
      <Text className="muted booking-form__note" data-testid="hold-note">
        床位为你保留 {holdMinutes} 分钟，请在此时间内填写资格信息并提交；超时床位自动释放。
      </Text>
    </View>
  );
}
