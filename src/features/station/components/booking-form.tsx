import { useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { CreateBookingBody, Eligibility, StationDetail } from '@/contract/station';
import {
  DECLARED_STATUS_LABELS,
  checkOutFor,
  graduationWindowWords,
  nightsOf,
  stayProblem,
  type DeclaredStatus,
} from '@/contract/station-rules';
import { daysBetween } from '@/contract/beijing-time';
import { GENDER_TEXT, dayLabel, weekday } from '../labels';
import { NightsStepper } from './nights-stepper';
import { NightCalendar } from './night-calendar';
import { ProofPicker } from './proof-picker';
import './booking-form.scss';

interface Props {
  detail: StationDetail;
  eligibility: Eligibility | null;
  onSubmit: (body: CreateBookingBody) => Promise<void>;
}

const PROBLEM_TEXT: Record<string, string> = {
  DATE_INVALID: '请选择入住日期',
  CHECKIN_IN_PAST: '入住日期不能早于今天',
  NIGHTS_OUT_OF_RANGE: '晚数超出范围',
  CHECKIN_TOO_FAR: '离店日期超出可预订范围，请减少晚数',
};

/**
 * Room type, first night on the calendar, number of nights and the declared status. The same
 * rules as the server (station-rules) answer at once; the server still decides.
 */
export function BookingForm({ detail, eligibility, onSubmit }: Props) {
  const { station } = detail;
  const gender = eligibility?.gender ?? null;
  const usable = station.roomTypes.filter(
    (r) => r.gender === 'any' || !gender || r.gender === gender,
  );
  const [roomTypeId, setRoomTypeId] = useState(usable[0]?.id ?? '');
  const [checkIn, setCheckIn] = useState<string | null>(null);
  const [nights, setNights] = useState(1);
  const [status, setStatus] = useState<DeclaredStatus>('job_seeking');
  const [graduationDate, setGraduationDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [proofId, setProofId] = useState<string | null>(null);
  const [noLocalHome, setNoLocalHome] = useState(false);
  const needs = eligibility?.requirements;

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
  if (!problem && status === 'graduating' && !/^\d{4}-\d{2}-\d{2}$/.test(graduationDate))
    problem = '请填写毕业日期（如 2027-06-30）';
  if (!problem && needs?.noLocalHomeRequired && !noLocalHome)
    problem = '请确认您在本市没有自有住房';
  if (!problem && needs?.proofRequired && !proofId) problem = '请上传证明材料';

  const submit = async () => {
    if (problem || !checkIn || busy) return;
    setBusy(true);
    try {
      await onSubmit({
        roomTypeId,
        checkIn,
        nights,
        declaredStatus: status,
        ...(status === 'graduating' ? { graduationDate } : {}),
        ...(proofId ? { proofId } : {}),
        ...(noLocalHome ? { noLocalHome } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="booking-form" data-testid="booking-form">
      <Text className="section-title">房型</Text>
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

      <Text className="section-title">我的情况</Text>
      <View className="booking-form__chips">
        {(Object.keys(DECLARED_STATUS_LABELS) as DeclaredStatus[]).map((s) => (
          <View
            key={s}
            className={`booking-form__chip${s === status ? ' booking-form__chip--on' : ''}`}
            onClick={() => setStatus(s)}
            data-testid={`status-${s}`}
          >
            <Text>{DECLARED_STATUS_LABELS[s]}</Text>
          </View>
        ))}
      </View>
      {status === 'graduating' ? (
        <View className="card field">
          <Text className="field-label">毕业日期（已毕业或预计）</Text>
          {needs ? (
            <Text className="muted" data-testid="graduation-window">
              {graduationWindowWords(needs)}内可申请
            </Text>
          ) : null}
          <Input
            className="field-input"
            id="station-graduation"
            value={graduationDate}
            placeholder="2027-06-30"
            maxlength={10}
            onInput={(e) => setGraduationDate(e.detail.value)}
          />
        </View>
      ) : null}

      {needs?.noLocalHomeRequired ? (
        <View
          className={`card booking-form__declare${noLocalHome ? ' booking-form__declare--on' : ''}`}
          onClick={() => setNoLocalHome(!noLocalHome)}
          data-testid="no-local-home"
        >
          <Text className="booking-form__box">{noLocalHome ? '✓' : ''}</Text>
          <Text>本人在本市没有自有住房（如实声明，随预订保存）</Text>
        </View>
      ) : null}

      <ProofPicker
        required={needs?.proofRequired ?? false}
        kind={
          status === 'graduating'
            ? 'student_card'
            : status === 'newly_employed'
              ? 'offer'
              : 'interview'
        }
        onUploaded={setProofId}
      />

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
        data-testid="booking-submit"
      >
        {busy ? '提交中…' : '提交预订'}
      </Button>
      <Text className="muted booking-form__note">
        入住当天 14:00–22:00
        凭“我的驿站”中的二维码和身份证办理入住；未按时入住，其余晚数将自动释放。
      </Text>
    </View>
  );
}
