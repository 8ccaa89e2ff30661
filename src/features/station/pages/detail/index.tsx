import { useRef, useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { CreateHoldBody, Eligibility, StationDetail } from '@/contract/station';
import { ApiError } from '@/lib/api-error';
import { openMap } from '@/lib/open-map';
import { callPhone, phoneNumberIn } from '@/lib/phone-call';
import { LoadFailed } from '@/components/load-failed';
import { usePullToRefresh } from '@/lib/pull-refresh';
import { useLoadStatus } from '@/lib/use-load-status';
import { useSharePage } from '@/lib/share';
import { newIdempotencyKey } from '@/lib/request';
import { hasLiveSession, useSession } from '@/lib/session';
import { createHold, fetchEligibility, fetchStation } from '../../api';
import { StayPicker } from '../../components/stay-picker';
import './index.scss';
import { PageRoot } from '@/components/page-root';

const go = (url: string) => void Taro.navigateTo({ url });
const PAGE = '/features/station/pages/detail/index';

/** One station: what it is, its rules, the calendar of free beds and the booking form. */
export default function StationDetailPage() {
  const [detail, setDetail] = useState<StationDetail | null>(null);
  const [eligibility, setEligibility] = useState<Eligibility | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedIn = useSession((s) => hasLiveSession(s));
  // One key per hold attempt, kept across a network retry, dropped once the server answered.
  const key = useRef<string | null>(null);

  const id = String(useRouter().params.id ?? '');
  const detailLoad = useLoadStatus((fresh: boolean) => fetchStation(id, fresh).then(setDetail));
  const load = (fresh = false) =>
    Promise.all([
      // a failed refresh keeps the page as it was (request() has shown why)
      detailLoad.run(fresh),
      signedIn ? fetchEligibility(id).then(setEligibility, () => undefined) : undefined,
    ]);
  useLoad(() => void load());
  usePullToRefresh(() => load(true));
  useSharePage(PAGE, id, () => detail?.station.name);

  // Stage 1 holds the nights; stage 2 (the eligibility form) is its own page, so a reload or a
  // return from 我的驿站 finds the hold and its countdown again.
  const submit = async (body: CreateHoldBody) => {
    if (!detail) return;
    key.current ??= newIdempotencyKey();
    setError(null);
    try {
      const hold = await createHold(detail.station.id, body, key.current);
      key.current = null;
      void Taro.redirectTo({ url: `/features/station/pages/hold/index?id=${hold.id}` });
    } catch (err) {
      if (err instanceof ApiError) {
        key.current = null;
        setError(err.message);
        void Taro.showToast({ title: err.message, icon: 'none', duration: 3000 });
      }
    }
  };

  if (!detail)
    return (
      <PageRoot>
        {detailLoad.status === 'error' ? (
          <LoadFailed
            error={detailLoad.error}
            onRetry={() => void load()}
            notFound="未找到该驿站"
          />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );
  const { station } = detail;
  const phone = phoneNumberIn(station.contact);
  const onMap =
    station.latitude !== null && station.longitude !== null
      ? () =>
          openMap({
            latitude: station.latitude!,
            longitude: station.longitude!,
            name: station.name,
            address: station.address ?? undefined,
          })
      : // no position yet: the map link staff entered, which only a browser can open
        station.mapUrl && process.env.TARO_ENV === 'h5'
        ? () => void window.open(station.mapUrl!, '_blank')
        : null;
  return (
    <PageRoot className="station-detail" testId="page-station-detail">
      <View className="card station-detail__head">
        <Text className="station-detail__name">{station.name}</Text>
        <Text className="muted">{station.address}</Text>
        {station.contact ? (
          <Text
            className={phone ? 'station-detail__link' : 'muted'}
            data-testid="station-contact"
            onClick={phone ? () => callPhone(phone) : undefined}
          >
            联系：{station.contact}
            {phone ? '（点击拨打）' : ''}
          </Text>
        ) : null}
        {station.photos[0] ? (
          <Image className="station-detail__photo" src={station.photos[0]} mode="aspectFill" />
        ) : null}
        {onMap ? (
          <Text className="station-detail__map" data-testid="station-map" onClick={onMap}>
            在地图中查看 ›
          </Text>
        ) : null}
      </View>
      {station.rules.length ? (
        <View className="card">
          <Text className="station-detail__rules-title">入住须知</Text>
          {station.rules.map((r) => (
            <Text key={r} className="station-detail__rule">
              · {r}
            </Text>
          ))}
        </View>
      ) : null}

      {!signedIn ? (
        <View className="card">
          <Text className="muted">登录并完成实名后即可预订</Text>
          <Button
            className="btn btn-primary station-detail__btn"
            onClick={() => go('/pages/login/index')}
          >
            登录 / 注册
          </Button>
        </View>
      ) : eligibility && !eligibility.ok ? (
        <View className="card station-detail__refused" data-testid="eligibility-refused">
          <Text className="station-detail__refused-title">暂不符合入住条件</Text>
          <Text>{eligibility.reason}</Text>
          {eligibility.code === 'PROFILE_INCOMPLETE' ? (
            <Button
              className="btn btn-primary station-detail__btn"
              onClick={() => go('/features/account/pages/profile/index')}
            >
              去完成实名
            </Button>
          ) : null}
        </View>
      ) : (
        <>
          {eligibility?.hasActiveBooking ? (
            // several stays are fine (at any station), as long as no night is shared
            <Text
              className="station-detail__map"
              data-testid="has-bookings"
              onClick={() => go('/features/station/pages/mine/index')}
            >
              您已有预订；再订一段时日期不能与之重叠 · 查看我的驿站 ›
            </Text>
          ) : null}
          <StayPicker detail={detail} eligibility={eligibility} onSubmit={submit} />
        </>
      )}
      {error ? (
        <Text className="error-text" data-testid="booking-error">
          {error}
        </Text>
      ) : null}
    </PageRoot>
  );
}
