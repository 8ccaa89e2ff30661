// Pure rules of the night school, shared by the server and the mini-program (no Node, no Taro,
// no TypeBox): a course's session dates and the applicants-per-seat ratio (the lottery is
// src/contract/lottery.ts).
import { beijingInstant } from './beijing-time';

/**
 * Self check-in (QR or 6-digit code) opens this many minutes before a session starts: people come
 * early to find the room and should not queue at the door at the start time. It never opens before
 * the session's own day (Beijing time), and it closes when the session ends; anyone missed after
 * that is marked by hand by the organizer.
 */
export const CHECKIN_OPENS_BEFORE_MINUTES = 30;

/** 1 = Monday … 7 = Sunday (ISO weekday), as stored on a course. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

function parseDate(d: string): Date {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}

function formatDate(dt: Date): string {
  return dt.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): IsoWeekday {
  const w = parseDate(date).getUTCDay();
  return (w === 0 ? 7 : w) as IsoWeekday;
}

/**
 * The dates (YYYY-MM-DD) of a weekly course: the first `weekday` on or after `startDate`, then
 * every 7 days, `count` times. The server computes the same dates in SQL for the absence job.
 */
export function sessionDates(startDate: string, weekday: IsoWeekday, count: number): string[] {
  const first = parseDate(startDate);
  const shift = (weekday - isoWeekday(startDate) + 7) % 7;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(formatDate(new Date(first.getTime() + (shift + 7 * i) * 86_400_000)));
  }
  return out;
}

/** '3月12日 周四' */
export function formatSessionDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAY_LABELS[isoWeekday(date)]}`;
}

/** The instant (ISO) a session starts or ends: its stored date + 'HH:MM' in Beijing time. */
export function sessionInstant(date: string, time: string): string {
  const at = beijingInstant(date, time);
  if (at === null) throw new Error(`not a session date and time: ${date} ${time}`);
  return at;
}

/** When self check-in for a session on `date` (start–end, 'HH:MM' Beijing) opens and closes (ISO). */
export function checkinWindow(
  date: string,
  startTime: string,
  endTime: string,
): { opensAt: string; closesAt: string } {
  const early = Date.parse(sessionInstant(date, startTime)) - CHECKIN_OPENS_BEFORE_MINUTES * 60_000;
  const dayStart = Date.parse(sessionInstant(date, '00:00'));
  return {
    opensAt: new Date(Math.max(early, dayStart)).toISOString(),
    closesAt: sessionInstant(date, endTime),
  };
}

/** '报名 1,234 / 名额 20' style ratio, e.g. 61.7 (applicants per seat), one decimal. */
export function applicantRatio(applicants: number, capacity: number): number {
  return capacity > 0 ? Math.round((applicants / capacity) * 10) / 10 : 0;
}
