import { useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Eligibility, EligibilityFormBody, MyBooking, StationRules } from '@/contract/station';
import { ApiError } from '@/lib/api-error';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { askToSubscribe } from '@/lib/subscribe';
import { fetchServerOffset } from '@/lib/server-clock';
import { useLoadStatus } from '@/lib/use-load-status';
import {
  completeHold,
  fetchEligibility,
  fetchMyBooking,
  fetchStationRules,
  giveUpHold,
} from '../../api';
import { EligibilityForm } from '../../components/eligibility-form';
import { HoldCountdown } from '../../components/hold-countdown';
import { STATUS_TEXT, dayLabel } from '../../labels';
import './index.scss';

interface Loaded {
  booking: MyBooking;
  eligibility: Eligibility | null;
  /** The station's rules, for its check-in window in the form's copy. */
  rules: StationRules | null;
  offsetMs: number;
}

/**
 * Stage 2 of a booking (the Wuhan rule): the nights are held on the server's clock while the
 * guest fills in the eligibility form; a lapsed hold says so and offers to choose dates again.
 */
export default function StationHoldPage() {
  const id = String(useRouter().params.id ?? '');
  const [data, setData] = useState<Loaded | null>(null);
  const [lapsed, setLapsed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const {
    status,
    error: loadError,
    run,
  } = useLoadStatus(async () => {
    const [booking, offsetMs] = await Promise.all([fetchMyBooking(id), fetchServerOffset()]);
    const [eligibility, rules] = await Promise.all([
      fetchEligibility(booking.stationId).catch(() => null),
      fetchStationRules(booking.stationId, true).catch(() => null),
    ]);
    setData({ booking, eligibility, rules, offsetMs });
    setLapsed(booking.status === 'expired');
  });
  useLoad(() => void run());

  const submit = async (form: EligibilityFormBody) => {
    askToSubscribe(['booking', 'checkin_reminder']);
    setError(null);
    try {
      await completeHold(id, form);
      void Taro.showToast({ title: '预订已提交', icon: 'success' });
      void Taro.redirectTo({ url: '/features/station/pages/mine/index' });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STAY_HOLD_EXPIRED') setLapsed(true);
      else if (err instanceof ApiError) setError(err.message);
    }
  };

  /**
   * Back to the calendar. The hold is given up first: the release job runs once a minute, and
   * until it has, a hold the phone counted out would still refuse the same dates as an overlap.
   */
  const startAgain = async () => {
    await giveUpHold(id).catch(() => undefined);
    void Taro.redirectTo({
      url: `/features/station/pages/detail/index?id=${data?.booking.stationId ?? ''}`,
    });
  };

  if (!data)
    return (
      <PageRoot>
        {status === 'error' ? (
          <LoadFailed error={loadError} onRetry={() => void run()} notFound="未找到该预订" />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );
  const { booking } = data;
  return (
    <PageRoot className="station-hold" testId="page-station-hold">
      <View className="card station-hold__stay" data-testid="hold-stay">
        <Text className="station-hold__station">{booking.stationName}</Text>
        <Text>
          {booking.roomTypeName} · {dayLabel(booking.checkIn)} 入住 → {dayLabel(booking.checkOut)}{' '}
          离店（{booking.nights}晚）
        </Text>
      </View>
      {lapsed ? (
        <View className="card station-hold__lapsed" data-testid="hold-lapsed">
          <Text className="station-hold__lapsed-title">保留时间已过，床位已释放</Text>
          <Text className="muted">资格信息需在保留时间内提交。请重新选择日期，再次保留床位。</Text>
          <Button
            className="btn btn-primary"
            onClick={() => void startAgain()}
            data-testid="hold-restart"
          >
            重新选择日期
          </Button>
        </View>
      ) : booking.status !== 'held' ? (
        <View className="card" data-testid="hold-done">
          <Text>该预订{STATUS_TEXT[booking.status]}，无需再填写。</Text>
          <Button
            className="btn btn-plain"
            onClick={() => void Taro.redirectTo({ url: '/features/station/pages/mine/index' })}
          >
            查看我的驿站
          </Button>
        </View>
      ) : (
        <>
          <HoldCountdown
            heldUntil={booking.heldUntil!}
            offsetMs={data.offsetMs}
            onLapse={() => setLapsed(true)}
          />
          <EligibilityForm
            requirements={data.eligibility?.requirements ?? null}
            open={!lapsed}
            onSubmit={submit}
            checkInWindow={data.rules?.rules ?? null}
          />
          {error ? (
            <Text className="error-text" data-testid="booking-error">
              {error}
            </Text>
          ) : null}
          <Button
            className="btn btn-plain station-hold__giveup"
            onClick={() => void startAgain()}
            data-testid="hold-give-up"
          >
            放弃保留，重新选择
          </Button>
        </>
      )}
    </PageRoot>
  );
}
