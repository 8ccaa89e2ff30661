import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { Booking, MyStation, Settings } from '@/contract/station';
import { checkInWindowWords } from '@/contract/station-rules';
import { LoadFailed } from '@/components/load-failed';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchMyStation, fetchStationRules } from '../../api';
import { STATUS_TEXT, dayLabel } from '../../labels';
import { useCancelBooking } from '../../use-cancel-booking';
import './index.scss';
import { PageRoot } from '@/components/page-root';

function Stay({ b }: { b: Booking }) {
  return (
    <>
      <Text className="my-station__station">{b.stationName}</Text>
      <Text className="muted">
        {b.roomTypeName} · {dayLabel(b.checkIn)} 入住 → {dayLabel(b.checkOut)} 离店（{b.nights}晚）
      </Text>
    </>
  );
}

/**
 * 我的驿站: the allowance left, every stay not yet over (at any station, the nearest first, with
 * its QR code once approved), and the history.
 */
export default function MyStationPage() {
  const [data, setData] = useState<MyStation | null>(null);
  // the rules of the current stay's station, for its check-in window beside the code
  const [rules, setRules] = useState<Settings | null>(null);
  const {
    status,
    error,
    run: load,
  } = useLoadStatus(async () => {
    const mine = await fetchMyStation();
    setData(mine);
    if (mine.current)
      setRules(
        await fetchStationRules(mine.current.stationId, true).then(
          (r) => r.rules,
          () => null,
        ),
      );
  });
  useDidShow(() => void load());

  const { busy, cancel } = useCancelBooking(load);

  if (status === 'error' && !data)
    return (
      <PageRoot testId="page-station-mine">
        <LoadFailed error={error} onRetry={() => void load()} />
      </PageRoot>
    );
  if (!data)
    return (
      <PageRoot>
        <Text className="muted">加载中…</Text>
      </PageRoot>
    );
  const { current, allowance, upcoming } = data;
  return (
    <PageRoot className="my-station" testId="page-station-mine">
      <View className="card my-station__allowance">
        <Text className="my-station__big">{allowance.remaining}</Text>
        <Text className="muted" data-testid="allowance-words">
          {allowance.rule === 'one_stay'
            ? allowance.staysUsed > 0
              ? `晚可用 · ${allowance.windowMonths}个月内的 1 次免费入住已预订`
              : `晚可用 · ${allowance.windowMonths}个月内可免费入住 1 次，每次最多${allowance.total}晚`
            : `晚可用 · ${allowance.windowMonths}个月内共${allowance.total}晚，可分段入住`}
          {allowance.windowEnd
            ? `，${allowance.windowEnd.slice(0, 4)}年${dayLabel(allowance.windowEnd)}起重新计算`
            : ''}
        </Text>
      </View>

      {upcoming.length ? (
        <Text className="section-title">我的预订（{upcoming.length}）</Text>
      ) : null}
      {upcoming.map((b) => (
        <View key={b.id} className="card my-station__current" data-testid={`stay-${b.id}`}>
          <Text className={`my-station__status my-station__status--${b.status}`}>
            {STATUS_TEXT[b.status]}
          </Text>
          <Stay b={b} />
          {b.status === 'requested' ? (
            <Text className="muted" data-testid="qr-after-approval">
              驿站审核通过后，{b.id === current?.id ? '这里' : '入住前'}会显示入住码
            </Text>
          ) : null}
          {b.id === current?.id && data.qrDataUrl && b.status === 'approved' ? (
            <View className="my-station__qr">
              <Image className="my-station__qr-img" src={data.qrDataUrl} data-testid="booking-qr" />
              <Text className="muted" data-testid="check-in-window-note">
                {rules ? checkInWindowWords(rules) : '入住当天'}向前台出示此码和身份证
              </Text>
            </View>
          ) : null}
          {b.id !== current?.id && b.status === 'approved' ? (
            <Text className="muted">上一段住宿结束后，这里会显示本次的入住码</Text>
          ) : null}
          {b.status === 'held' ? (
            <Text
              className="my-station__more"
              data-testid={`continue-${b.id}`}
              onClick={() =>
                void Taro.navigateTo({ url: `/features/station/pages/hold/index?id=${b.id}` })
              }
            >
              床位保留中 · 继续填写资格信息 ›
            </Text>
          ) : null}
          {b.status === 'requested' || b.status === 'approved' ? (
            <Text
              className="my-station__more"
              data-testid={`open-${b.id}`}
              onClick={() =>
                void Taro.navigateTo({ url: `/features/station/pages/booking/index?id=${b.id}` })
              }
            >
              详情 · 修改日期 ›
            </Text>
          ) : null}
          {b.status === 'held' || b.status === 'requested' || b.status === 'approved' ? (
            <Button
              className="btn btn-plain my-station__cancel"
              disabled={busy || undefined}
              onClick={() => cancel(b)}
            >
              取消预订
            </Button>
          ) : null}
        </View>
      ))}
      <View className="card">
        {upcoming.length ? null : <Text>暂无进行中的预订</Text>}
        <Button
          className={`btn ${upcoming.length ? 'btn-plain' : 'btn-primary'} my-station__book`}
          onClick={() => void Taro.navigateTo({ url: '/features/station/pages/index/index' })}
        >
          {upcoming.length ? '再订一段（可换驿站）' : '去预订床位'}
        </Button>
      </View>

      {data.history.length ? <Text className="section-title">历史记录</Text> : null}
      {data.history.map((b) => (
        <View key={b.id} className="card my-station__past" data-testid={`history-${b.id}`}>
          <Text className="my-station__past-status">
            {STATUS_TEXT[b.status]}
            {b.status === 'checked_out' ? ` · 实住${b.nightsHeld}晚` : ''}
          </Text>
          <Stay b={b} />
          {b.rejectReason ? <Text className="error-text">原因：{b.rejectReason}</Text> : null}
        </View>
      ))}
    </PageRoot>
  );
}
