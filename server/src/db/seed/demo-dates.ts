// Demo dates are counted from the day the demo is seeded, so whoever starts the app sees a term
// taking applications and a childcare sign-up still ahead, not a catalogue that expired last month.
import { addDays, beijingInstant } from '@/contract/beijing-time';
import { isoWeekday } from '@/contract/night-school-rules';

/** The first Monday on or after `date`. */
export function mondayFrom(date: string): string {
  return addDays(date, (8 - isoWeekday(date)) % 7);
}

/** An instant at a Beijing wall-clock time on `date`. */
export const shanghaiAt = (date: string, hhmm: string): string =>
  beijingInstant(date, hhmm) as string;

/** 春季/夏季/秋季/冬季 of the month `date` falls in. */
export function seasonOf(date: string): '春季' | '夏季' | '秋季' | '冬季' {
  const m = Number(date.slice(5, 7));
  return m >= 3 && m <= 5
    ? '春季'
    : m >= 6 && m <= 8
      ? '夏季'
      : m >= 9 && m <= 11
        ? '秋季'
        : '冬季';
}
