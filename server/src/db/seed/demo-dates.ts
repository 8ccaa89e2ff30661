// Demo dates are counted from the day the demo is seeded, so whoever starts the app sees a term
// taking applications and a childcare sign-up still ahead, not a catalogue that expired last month.
import dayjs from 'dayjs';

/** The first Monday on or after `date`. */
export function mondayFrom(date: string): string {
  const d = dayjs(date);
  return d.add((8 - d.day()) % 7, 'day').format('YYYY-MM-DD');
}

/** An instant at a Shanghai wall-clock time on `date`. */
export const shanghaiAt = (date: string, hhmm: string): string => `${date}T${hhmm}:00+08:00`;

/** 春季/夏季/秋季/冬季 of the month `date` falls in. */
export function seasonOf(date: string): '春季' | '夏季' | '秋季' | '冬季' {
  const m = dayjs(date).month() + 1;
  return m >= 3 && m <= 5
    ? '春季'
    : m >= 6 && m <= 8
      ? '夏季'
      : m >= 9 && m <= 11
        ? '秋季'
        : '冬季';
}
