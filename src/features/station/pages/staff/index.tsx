import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ApiError } from '@/lib/api-error';
import { downloadImage } from '@/lib/files';
import type { Occupancy, StaffBooking, Station } from '@/contract/station';
import { useOrgIds, useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { LoadFailed } from '@/components/load-failed';
import {
  approveBooking,
  checkOutBooking,
  exportOccupancyCsv,
  fetchOccupancy,
  fetchStaffBookings,
  fetchBookingProof,
  fetchStations,
  rejectBooking,
  scanCheckIn,
  setNightClosed,
} from '../../api';
import { STATUS_TEXT, dayLabel, lateArrivalLabel } from '../../labels';
import './index.scss';
import { PageRoot } from '@/components/page-root';
import { StaffOnly, isStaff } from '@/components/staff-only';

type Tab = 'pending' | 'arrivals' | 'departures' | 'in-house';
const TABS: { id: Tab; label: string }[] = [
  { id: 'pending', label: '待审核' },
  { id: 'arrivals', label: '今日到店' },
  { id: 'in-house', label: '在住' },
  { id: 'departures', label: '今日离店' },
];

/** Station staff: approvals, arrivals/departures, scan check-in, check-out, occupancy and CSV. */
export default function StationStaffPage() {
  const role = useSession((s) => s.user?.role);
  const orgIds = useOrgIds();
  const [stations, setStations] = useState<Station[]>([]);
  const [stationId, setStationId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('pending');
  const [items, setItems] = useState<StaffBooking[]>([]);
  const [occupancy, setOccupancy] = useState<Occupancy | null>(null);
  const [code, setCode] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  // a scan refused after the check-in window: the same code again, with a reason
  const [late, setLate] = useState<{ code: string; reason: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const stationList = useLoadStatus(() =>
    fetchStations().then((r) => {
      const mine = r.items.filter((s) => role === 'admin' || orgIds.includes(s.id));
      setStations(mine);
      setStationId((cur) => cur ?? mine[0]?.id ?? null);
    }),
  );
  useDidShow(() => {
    if (role === 'organizer' || role === 'admin') void stationList.run();
  });

  // A reload started by an action that finished after the staff switched tabs must show the tab
  // now on screen, and an older answer must never overwrite a newer one.
  const view = useRef({ stationId, tab });
  view.current = { stationId, tab };
  const generation = useRef(0);
  const reload = async () => {
    const { stationId: id, tab: current } = view.current;
    if (!id) return;
    const mine = ++generation.current;
    const q =
      current === 'pending'
        ? { status: 'requested' as const }
        : current === 'in-house'
          ? { status: 'checked_in' as const }
          : { view: current };
    const [list, occ] = await Promise.all([fetchStaffBookings(id, q), fetchOccupancy(id)]);
    if (mine !== generation.current) return;
    setItems(list.items);
    setOccupancy(occ);
  };
  const bookings = useLoadStatus(reload);
  useEffect(() => {
    if (stationId) void bookings.run();
  }, [stationId, tab]); // eslint-disable-line react-hooks/exhaustive-deps -- run is stable
  // the first failure that leaves nothing on screen: the stations, else this tab's bookings
  const failed =
    stationList.status === 'error' && stations.length === 0
      ? stationList
      : bookings.status === 'error' && items.length === 0
        ? bookings
        : null;

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      void Taro.showToast({ title: done, icon: 'success' });
      await reload();
    } catch {
      // request() already showed the server's message
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    let value = code.trim();
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      value = res.result;
    }
    if (!value) return;
    await checkIn(value);
  };

  const checkIn = async (value: string, reason?: string) => {
    setBusy(true);
    try {
      await scanCheckIn(value, reason);
      void Taro.showToast({ title: '已办理入住', icon: 'success' });
      setCode('');
      setLate(null);
      await reload();
    } catch (err) {
      // after 22:00 on the first night the server takes the check-in with a reason; outside that
      // night it refuses again with the same words
      if (!reason && err instanceof ApiError && err.code === 'CHECKIN_WINDOW_CLOSED')
        setLate({ code: value, reason: '' });
    } finally {
      setBusy(false);
    }
  };

  const showProof = async (bookingId: string) => {
    const proof = await fetchBookingProof(bookingId);
    // a file for proofs uploaded since files exist; the text copy for older ones
    const url = proof.fileId ? await downloadImage(proof.fileId) : proof.dataUrl;
    if (url) await Taro.previewImage({ urls: [url], current: url });
  };

  /** Maintenance: the server refuses to close a night someone already holds (NIGHT_HAS_BOOKINGS). */
  const toggleNight = async (roomTypeId: string, name: string, night: string, close: boolean) => {
    if (!stationId) return;
    const { confirm } = await Taro.showModal({
      title: close ? '关闭该晚' : '重新开放',
      content: close
        ? `${dayLabel(night)} ${name} 停止接受预订（如维修）？已有预订的日期不能关闭。`
        : `${dayLabel(night)} ${name} 重新开放预订？`,
      confirmText: close ? '关闭' : '开放',
      cancelText: '取消',
    });
    if (confirm)
      await act(
        () => setNightClosed(stationId, roomTypeId, night, close),
        close ? '已关闭' : '已开放',
      );
  };

  if (!isStaff(role)) return <StaffOnly />;
  if (!stationId)
    return (
      <PageRoot>
        <Text className="muted">您还不是任何驿站的工作人员</Text>
      </PageRoot>
    );

  const rtName = new Map(occupancy?.roomTypes.map((r) => [r.id, r.name]) ?? []);
  const week = occupancy ? [...new Set(occupancy.nights.map((n) => n.night))].slice(0, 7) : [];
  return (
    <PageRoot className="station-staff" testId="page-station-staff">
      <View className="station-staff__stations">
        {stations.map((s) => (
          <Text
            key={s.id}
            className={`station-staff__station${s.id === stationId ? ' station-staff__station--on' : ''}`}
            onClick={() => setStationId(s.id)}
          >
            {s.name.replace('青年人才驿站·', '')}
          </Text>
        ))}
      </View>

      <Text
        className="station-staff__manage"
        onClick={() => void Taro.navigateTo({ url: '/features/station/pages/manage/index' })}
        data-testid="open-manage"
      >
        房型床位、驿站信息与预订规则 ›
      </Text>

      <View className="card station-staff__scan">
        <Text className="station-staff__scan-title">扫码办理入住</Text>
        {process.env.TARO_ENV === 'weapp' ? null : (
          <Input
            className="field-input station-staff__code"
            id="station-scan-code"
            value={code}
            placeholder="扫码枪输入或粘贴住客码"
            onInput={(e) => setCode(e.detail.value)}
          />
        )}
        <Button
          className="btn btn-primary"
          disabled={busy || undefined}
          onClick={scan}
          data-testid="scan-submit"
        >
          {process.env.TARO_ENV === 'weapp' ? '扫一扫' : '办理入住'}
        </Button>
        {late ? (
          <View className="station-staff__late-checkin" data-testid="late-checkin">
            <Text className="field-hint">
              已过当天办理时间。住客当晚到达的，请填写原因后办理入住，原因会记入操作日志。
            </Text>
            <Input
              className="field-input"
              id="late-checkin-reason"
              value={late.reason}
              maxlength={200}
              placeholder="如：高铁晚点，住客已提前报告晚到"
              onInput={(e) => setLate({ ...late, reason: e.detail.value })}
            />
            <View className="station-staff__buttons">
              <Button
                className="btn btn-primary station-staff__btn station-staff__btn--main"
                disabled={busy || !late.reason.trim() || undefined}
                onClick={() => void checkIn(late.code, late.reason.trim())}
                data-testid="late-checkin-submit"
              >
                填写原因后办理入住
              </Button>
              <Button className="btn btn-plain station-staff__btn" onClick={() => setLate(null)}>
                取消
              </Button>
            </View>
          </View>
        ) : null}
      </View>

      <View className="station-staff__tabs">
        {TABS.map((t) => (
          <Text
            key={t.id}
            className={`station-staff__tab${t.id === tab ? ' station-staff__tab--on' : ''}`}
            onClick={() => setTab(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </Text>
        ))}
      </View>
      {failed ? <LoadFailed error={failed.error} onRetry={() => void failed.run()} /> : null}
      {bookings.status === 'ready' && items.length === 0 ? (
        <Text className="muted station-staff__empty">暂无</Text>
      ) : null}
      {items.map((b) => (
        <View key={b.id} className="card station-staff__item" data-testid={`staff-booking-${b.id}`}>
          <View className="station-staff__item-head">
            <Text className="station-staff__who">{b.residentName ?? '未实名'}</Text>
            <Text className="station-staff__status">{STATUS_TEXT[b.status]}</Text>
          </View>
          <Text className="muted">
            {b.gender === 'female' ? '女' : b.gender === 'male' ? '男' : ''} {b.age ?? ''}岁 ·{' '}
            {b.phoneMasked ?? '无手机'} · {b.idNumberMasked ?? ''}
          </Text>
          <Text>
            {b.roomTypeName} · {dayLabel(b.checkIn)} → {dayLabel(b.checkOut)}（{b.nights}晚）
          </Text>
          {b.lateArrival && b.status === 'approved' ? (
            <Text className="station-staff__late" data-testid={`late-${b.id}`}>
              已报告晚到：预计 {lateArrivalLabel(b.checkIn, b.lateArrival)} 到达
            </Text>
          ) : null}
          {b.hasProof ? (
            <Text className="station-staff__proof" onClick={() => void showProof(b.id)}>
              查看证明材料 ›
            </Text>
          ) : null}
          {b.status === 'requested' ? (
            <>
              <Input
                className="field-input station-staff__reason"
                value={reasons[b.id] ?? ''}
                placeholder="不通过时请填写原因"
                onInput={(e) => setReasons({ ...reasons, [b.id]: e.detail.value })}
              />
              <View className="station-staff__buttons">
                <Button
                  className="btn btn-primary station-staff__btn"
                  disabled={busy || undefined}
                  onClick={() => act(() => approveBooking(b.id), '已通过')}
                  data-testid={`approve-${b.id}`}
                >
                  通过
                </Button>
                <Button
                  className="btn btn-plain station-staff__btn station-staff__reject"
                  disabled={busy || (reasons[b.id] ?? '').trim().length < 2 || undefined}
                  onClick={() => act(() => rejectBooking(b.id, reasons[b.id]!.trim()), '已拒绝')}
                >
                  不通过
                </Button>
              </View>
            </>
          ) : null}
          {b.status === 'checked_in' ? (
            <Button
              className="btn btn-plain station-staff__btn-wide"
              disabled={busy || undefined}
              onClick={() => act(() => checkOutBooking(b.id), '已退房')}
              data-testid={`checkout-${b.id}`}
            >
              办理退房
            </Button>
          ) : null}
        </View>
      ))}

      <Text className="section-title">未来7晚入住（已订/床位）</Text>
      <Text className="field-hint station-staff__occ-hint">
        点格子可关闭该晚（维修）或重新开放；红色为已满
      </Text>
      <View className="card station-staff__occ" data-testid="occupancy">
        <View className="station-staff__occ-row">
          <Text className="station-staff__occ-name">房型</Text>
          {week.map((d) => (
            <Text key={d} className="station-staff__occ-cell">
              {d.slice(8)}日
            </Text>
          ))}
        </View>
        {occupancy?.roomTypes.map((r) => (
          <View key={r.id} className="station-staff__occ-row">
            <Text className="station-staff__occ-name">{rtName.get(r.id)}</Text>
            {week.map((d) => {
              const n = occupancy.nights.find((x) => x.night === d && x.roomTypeId === r.id);
              return (
                <Text
                  key={d}
                  className={`station-staff__occ-cell${
                    n?.closed
                      ? ' station-staff__occ-cell--closed'
                      : n && n.beds > 0 && n.taken >= n.beds
                        ? ' station-staff__occ-cell--full'
                        : n && n.taken > 0
                          ? ' station-staff__occ-cell--booked'
                          : ''
                  }`}
                  data-testid={`occ-${r.id}-${d}`}
                  onClick={() => n && toggleNight(r.id, r.name, d, !n.closed)}
                >
                  {n ? (n.closed ? '停' : `${n.taken}/${n.beds}`) : '-'}
                </Text>
              );
            })}
          </View>
        ))}
        <Button
          className="btn btn-plain station-staff__btn-wide"
          onClick={() => void exportOccupancyCsv(stationId)}
        >
          导出 CSV
        </Button>
      </View>
    </PageRoot>
  );
}
