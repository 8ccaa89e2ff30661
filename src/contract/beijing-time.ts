// Beijing time, the business clock of every service, on both sides (server and mini-program).
// China keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact and no
// time-zone database is consulted: the phone's own zone setting, which `dayjs.tz` follows on
// Android WeChat, never enters. Dates are 'YYYY-MM-DD', clock times 'HH:mm', instants ISO-8601.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

type Instant = Date | string | number;
const toMs = (at: Instant): number => (at instanceof Date ? at.getTime() : new Date(at).getTime());

/** The instant moved by +8 h and read in UTC mode: its fields are the Beijing wall clock. */
const wall = (at: Instant) => dayjs.utc(toMs(at) + OFFSET_MS).locale('zh-cn');

// ---- dates and clock times as typed

/** A real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-01 are not). */
export function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A clock time HH:mm (00:00–23:59). */
export function isClockTime(s: string): boolean {
  return TIME_RE.test(s);
}

function toUtcMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** date + n days (n may be negative), across month and year ends. */
export function addDays(date: string, n: number): string {
  return new Date(toUtcMs(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date as people read it: "1月25日". */
export function monthDay(date: string): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return `${Number(m[2])}月${Number(m[3])}日`;
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

// ---- instants and the Beijing wall clock

/** The Beijing date of an instant (pass the server's clock; the phone's only to preset a form). */
export function beijingToday(now: Instant): string {
  return wall(now).format('YYYY-MM-DD');
}

/** The Beijing wall clock of an instant: its date and the minutes since that midnight. */
export function beijingClock(now: Instant): { date: string; minutes: number } {
  const w = wall(now);
  return { date: w.format('YYYY-MM-DD'), minutes: w.hour() * 60 + w.minute() };
}

/** 'YYYY-MM-DD' + 'HH:mm' read as Beijing time → ISO instant; null when either is malformed. */
export function beijingInstant(date: string, time: string): string | null {
  if (!isCalendarDate(date) || !isClockTime(time)) return null;
  const [h, m] = time.split(':').map(Number);
  return new Date(toUtcMs(date) + (h * 60 + m) * 60_000 - OFFSET_MS).toISOString();
}

/** The first instant of the Beijing day after `date`: where a day that ends "at midnight" ends. */
export function beijingDayEnd(date: string): string {
  return beijingInstant(addDays(date, 1), '00:00') as string;
}

/**
 * An instant as people read it, in Beijing time: dayjs format tokens with the Chinese locale,
 * e.g. the default "11月23日 周一 19:00".
 */
export function formatInstant(at: Instant, pattern = 'M月D日 ddd HH:mm'): string {
  return wall(at).format(pattern);
}
