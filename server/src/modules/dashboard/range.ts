// The months a dashboard covers, and the buckets its rows fall into. Months are Beijing calendar
// months; a date column (a night, a period's first day) is already a Beijing date, a timestamp is
// turned into one with AT TIME ZONE 'Asia/Shanghai' in the SQL.
import { DASHBOARD_MAX_MONTHS, type DashboardQuery } from '@/contract/dashboard';
import { beijingToday } from '@/contract/beijing-time';
import { AppError } from '../../errors';
import { DASHBOARD_ERRORS } from '@/contract/dashboard';

export interface Range {
  /** First and last month, YYYY-MM. */
  from: string;
  to: string;
  /** First day of `from`, and first day after `to` (exclusive), YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  /** The same bounds as instants, for timestamp columns. */
  fromInstant: string;
  toInstant: string;
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
/** Midnight of a Beijing date as an instant. */
const beijingMidnight = (date: string) => `${date}T00:00:00+08:00`;

export function resolveRange(q: DashboardQuery, now: Date): Range {
  const current = beijingToday(now).slice(0, 7);
  const to = q.to ?? (q.from ? monthOf(monthIndex(q.from) + 11) : current);
  const from = q.from ?? monthOf(monthIndex(to) - 11);
  const span = monthIndex(to) - monthIndex(from) + 1;
  if (span < 1 || span > DASHBOARD_MAX_MONTHS)
    throw new AppError('DASHBOARD_RANGE_INVALID', DASHBOARD_ERRORS.DASHBOARD_RANGE_INVALID, 400);
  const fromDate = `${from}-01`;
  const toDate = `${monthOf(monthIndex(to) + 1)}-01`;
  return {
    from,
    to,
    fromDate,
    toDate,
    fromInstant: beijingMidnight(fromDate),
    toInstant: beijingMidnight(toDate),
  };
}

/** Every month of the range, YYYY-MM. */
export function monthsOf(r: Range): string[] {
  const out: string[] = [];
  for (let i = monthIndex(r.from); i <= monthIndex(r.to); i++) out.push(monthOf(i));
  return out;
}

/** Every year the range touches, YYYY. */
export function yearsOf(r: Range): string[] {
  const out: string[] = [];
  for (let y = Number(r.from.slice(0, 4)); y <= Number(r.to.slice(0, 4)); y++) out.push(String(y));
  return out;
}

/**
 * Time buckets for figures that run all year (served, occupancy, volunteer, no-shows): by month,
 * or by the reporting year (their "round": the committee reports these figures yearly).
 */
export interface TimeBuckets {
  /** date_trunc unit and to_char format for the SQL. */
  unit: 'month' | 'year';
  format: 'YYYY-MM' | 'YYYY';
  keys: string[];
  label: (key: string) => string;
}

export function timeBuckets(by: 'month' | 'round', r: Range): TimeBuckets {
  return by === 'month'
    ? {
        unit: 'month',
        format: 'YYYY-MM',
        keys: monthsOf(r),
        label: (k) => `${k.slice(0, 4)}年${Number(k.slice(5, 7))}月`,
      }
    : { unit: 'year', format: 'YYYY', keys: yearsOf(r), label: (k) => `${k}年` };
}
