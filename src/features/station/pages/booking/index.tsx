import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { Eligibility, MyBooking, StationDetail, StationRules } from '@/contract/station';
import { ApiError } from '@/lib/api-error';
import { useLoadStatus } from '@/lib/use-load-status';
import { LoadFailed } from '@/components/load-failed';
import { newIdempotencyKey } from '@/lib/request';
import { PageRoot } from '@/components/page-root';
import {
  changeBookingDates,
  fetchEligibility,
  fetchMyBooking,
  fetchStation,
  fetchStationRules,
} from '../../api';
import { ChangeDates } from '../../components/change-dates';
import { LateArrival } from '../../components/late-arrival';
import { STATUS_TEXT, dayLabel } from '../../labels';
import { useCancelBooking } from '../../use-cancel-booking';
import './index.scss';

interface Changing {
  detail: StationDetail;
  rules: StationRules;
  eligibility: Eligibility | null;
}

/** One of my stays: its dates and status, the check-in code once approved, 修改日期 and 取消预订. */
export default function MyBookingPage() {
  const id = String(useRouter().params.id ?? '');
  const [booking, setBooking] = useState<MyBooking | null>(null);
  const [changing, setChanging] = useState<Changing | null>(null);
  const [error, setError] = useState<string | null>(null);
  // one key per change attempt, kept across a network retry, dropped once the server answered
  const key = useRef<string | null>(null);

  // a failed load is shown as one (with 重试), a booking that is not there as missing
  const {
    status,
    error: loadError,
    run: load,
  } = useLoadStatus(() => fetchMyBooking(id).then(setBooking));
  useDidShow(() => void load());

  const open = async (b: MyBooking) => {
    setError(null);
    try {
      const [detail, rules, eligibility] = await Promise.all([
        fetchStation(b.stationId, true),
        fetchStationRules(b.stationId),
        fetchEligibility().catch(() => null),
      ]);
      setChanging({ detail, rules, eligibility });
    } catch {
      // request() has said why
    }
  };

  const change = async (checkIn: string, nights: number) => {
    key.current ??= newIdempotencyKey();
    try {
      await changeBookingDates(id, { checkIn, nights }, key.current);
      key.current = null;
      setChanging(null);
      void Taro.showToast({ title: '日期已修改', icon: 'success' });
      await load();
    } catch (err) {
      if (err instanceof ApiError) {
        key.current = null;
        setError(err.message);
      }
    }
  };

  const { busy, cancel } = useCancelBooking(load);

  if (!booking)
    return (
      <PageRoot>
        {status === 'error' ? (
          <LoadFailed error={loadError} onRetry={() => void load()} notFound="未找到该预订" />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );
  const changeable = booking.status === 'requested' || booking.status === 'approved';
  const rules = changing?.rules.rules;
  const allowance = changing?.eligibility?.allowance;
  const maxNights = !rules
    ? booking.nights
    : rules.allowanceRule === 'one_stay'
      ? rules.maxNightsPerStay
      : Math.min(rules.maxNightsPerStay, booking.nights + (allowance?.remaining ?? 0));
  return (
    <PageRoot className="my-booking" testId="page-station-booking">
      <View className="card my-booking__card" data-testid="booking-card">
        <Text className={`my-booking__status my-booking__status--${booking.status}`}>
          {STATUS_TEXT[booking.status]}
        </Text>
        <Text className="my-booking__station">{booking.stationName}</Text>
        {booking.stationAddress ? <Text className="muted">{booking.stationAddress}</Text> : null}
        <Text className="my-booking__dates" data-testid="booking-dates">
          {booking.roomTypeName} · {dayLabel(booking.checkIn)} 入住 → {dayLabel(booking.checkOut)}{' '}
          离店（{booking.nights}晚）
        </Text>
        {booking.qrDataUrl ? (
          <View className="my-booking__qr">
            <Image
              className="my-booking__qr-img"
              src={booking.qrDataUrl}
              data-testid="booking-qr"
            />
            <Text className="muted">入住当天向前台出示此码和身份证</Text>
          </View>
        ) : booking.status === 'requested' ? (
          <Text className="muted">驿站审核通过后，这里会显示入住码</Text>
        ) : null}
      </View>

      {booking.status === 'approved' && !changing ? (
        <LateArrival
          booking={booking}
          onChanged={(b) => setBooking({ ...booking, lateArrival: b.lateArrival })}
        />
      ) : null}

      {changing ? (
        <ChangeDates
          booking={booking}
          detail={changing.detail}
          maxNights={maxNights}
          reviewed={!changing.rules.rules.autoApprove}
          onSubmit={change}
          onCancel={() => {
            setChanging(null);
            setError(null);
          }}
        />
      ) : changeable ? (
        <View className="my-booking__actions">
          <Button
            className="btn btn-primary"
            onClick={() => void open(booking)}
            data-testid="open-change-dates"
          >
            修改日期
          </Button>
          <Button
            className="btn btn-plain"
            disabled={busy || undefined}
            onClick={() => void cancel(booking)}
          >
            取消预订
          </Button>
        </View>
      ) : null}
      {error ? (
        <Text className="error-text my-booking__error" data-testid="change-error">
          {error}
        </Text>
      ) : null}
    </PageRoot>
  );
}
