// CSV exports for station staff (opened in Excel on a district PC: BOM + Chinese headers).
// The bookings list names residents, so each read (on screen or as CSV) is on the audit trail.
import type { Occupancy, StaffBooking } from '@/contract/station';
import { toCsv, type Csv } from '../../lib/csv';

const STATUS_LABELS: Record<string, string> = {
  held: '填写资格信息中',
  requested: '待审核',
  approved: '已通过',
  rejected: '未通过',
  checked_in: '已入住',
  checked_out: '已退房',
  cancelled: '已取消',
  no_show: '未到店',
  expired: '已过期',
};

export function occupancyCsv(o: Occupancy): Csv {
  const names = new Map(o.roomTypes.map((r) => [r.id, r.name]));
  return toCsv(
    [
      { header: '日期', value: (n) => n.night },
      { header: '房型', value: (n) => names.get(n.roomTypeId) ?? n.roomTypeId },
      { header: '床位', value: (n) => n.beds },
      { header: '已订', value: (n) => n.taken },
      { header: '空余', value: (n) => n.free },
      { header: '关闭', value: (n) => (n.closed ? '是' : '') },
      {
        header: '入住率',
        value: (n) => (n.beds ? `${Math.round((n.taken / n.beds) * 100)}%` : ''),
      },
    ],
    o.nights,
  );
}

export const bookingsRead = (stationId: string, rows: StaffBooking[]) => ({
  action: 'station.bookings',
  entity: 'station',
  entityId: stationId,
  orgId: stationId,
  rows: rows.length,
});

export function bookingsCsv(rows: StaffBooking[]): Csv {
  return toCsv(
    [
      { header: '预订号', value: (b) => b.id },
      { header: '姓名', value: (b) => b.residentName },
      { header: '手机', value: (b) => b.phoneMasked },
      { header: '身份证', value: (b) => b.idNumberMasked },
      { header: '年龄', value: (b) => b.age },
      { header: '房型', value: (b) => b.roomTypeName },
      { header: '入住', value: (b) => b.checkIn },
      { header: '离店', value: (b) => b.checkOut },
      { header: '晚数', value: (b) => b.nightsHeld },
      { header: '状态', value: (b) => STATUS_LABELS[b.status] ?? b.status },
    ],
    rows,
  );
}
