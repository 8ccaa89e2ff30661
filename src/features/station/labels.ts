// Words residents and staff see for the booking states.
import type { BookingStatus } from '@/contract/station';
import { addDays } from '@/contract/beijing-time';
import { LATEST_LATE_ARRIVAL, parseHm } from '@/contract/station-rules';

export const STATUS_TEXT: Record<BookingStatus, string> = {
  held: '填写资格信息中',
  requested: '待审核',
  approved: '已通过，待入住',
  rejected: '未通过',
  checked_in: '已入住',
  checked_out: '已退房',
  cancelled: '已取消',
  no_show: '未到店',
  expired: '已过期',
};

/** Who-may-stay yes/no rules, as staff choose them (district defaults and a station's own). */
export const ELIGIBILITY_SWITCHES = [
  { key: 'noLocalHomeRequired', label: '本市无自有住房声明', yes: '需要声明', no: '不需要' },
  { key: 'proofRequired', label: '证明材料', yes: '必须上传', no: '可选' },
] as const;

/** The allowance rules, as staff choose them. */
export const ALLOWANCE_RULE_TEXT = {
  nights: '按晚累计（可分多次）',
  one_stay: '每个周期限 1 次',
} as const;

export const GENDER_TEXT = { any: '不限', male: '男', female: '女' } as const;

/** '2026-08-01' → '8月1日' */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
export function weekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/** 'HH:MM' up to the latest arrival is the next morning ('8月4日凌晨 01:30'), others that day. */
export function lateArrivalLabel(checkIn: string, hm: string): string {
  return parseHm(hm) <= parseHm(LATEST_LATE_ARRIVAL)
    ? `${dayLabel(addDays(checkIn, 1))}凌晨 ${hm}`
    : `${dayLabel(checkIn)} ${hm}`;
}
