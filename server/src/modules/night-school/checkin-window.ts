// When a session can be checked in: on its own day, from CHECKIN_OPENS_BEFORE_MINUTES before the
// start until its end (the rule lives in the contract so the screens say the same). Always judged
// on the server's clock. Hand marks by staff follow a looser rule: any session that has begun.
import {
  checkinWindow,
  sessionDates,
  sessionInstant,
  type IsoWeekday,
} from '@/contract/night-school-rules';
import { formatInstant } from '@/contract/beijing-time';
import type { CourseRow } from './repo';
import { nsError } from './errors';

export interface SessionWindow {
  sessionNo: number;
  date: string;
  opensAt: string;
  closesAt: string;
  state: 'not_open' | 'open' | 'closed';
}

type Schedule = Pick<CourseRow, 'start_date' | 'weekday' | 'sessions' | 'start_time' | 'end_time'>;

const datesOf = (c: Schedule) => sessionDates(c.start_date, c.weekday as IsoWeekday, c.sessions);

export function sessionWindow(course: Schedule, sessionNo: number, now: Date): SessionWindow {
  if (!Number.isInteger(sessionNo) || sessionNo < 1 || sessionNo > course.sessions)
    throw nsError('SESSION_NOT_FOUND', 404);
  const date = datesOf(course)[sessionNo - 1];
  const { opensAt, closesAt } = checkinWindow(date, course.start_time, course.end_time);
  const t = now.getTime();
  const state = t < Date.parse(opensAt) ? 'not_open' : t < Date.parse(closesAt) ? 'open' : 'closed';
  return { sessionNo, date, opensAt, closesAt, state };
}

/** Throws CHECKIN_NOT_OPEN / CHECKIN_CLOSED (409) unless the window is open; the message names the times. */
export function assertOpen(w: SessionWindow): void {
  if (w.state === 'not_open')
    throw nsError(
      'CHECKIN_NOT_OPEN',
      409,
      `第${w.sessionNo}次课的签到将于${formatInstant(w.opensAt, 'M月D日 HH:mm')}开放`,
    );
  if (w.state === 'closed')
    throw nsError(
      'CHECKIN_CLOSED',
      409,
      `第${w.sessionNo}次课的签到已于${formatInstant(w.closesAt, 'M月D日 HH:mm')}结束，如已到场请联系组织者补记`,
    );
}

/**
 * The session a student typing a 6-digit code means: the one whose window holds `now` (a weekly
 * course has at most one), else the next one to open (for the message), else the last one.
 */
export function sessionForNow(course: Schedule, now: Date): SessionWindow {
  const all = datesOf(course).map((_, i) => sessionWindow(course, i + 1, now));
  return (
    all.find((w) => w.state === 'open') ??
    all.find((w) => w.state === 'not_open') ??
    all[all.length - 1]
  );
}

/** Staff may mark a session by hand once it has begun (never ahead of time). */
export function assertBegun(course: Schedule, sessionNo: number, now: Date): void {
  const { date } = sessionWindow(course, sessionNo, now);
  const start = sessionInstant(date, course.start_time);
  if (now.getTime() < Date.parse(start))
    throw nsError(
      'SESSION_NOT_STARTED',
      409,
      `第${sessionNo}次课${formatInstant(start, 'M月D日 HH:mm')}开始，开始后才能记录出勤`,
    );
}

/** How many sessions have begun by `now` (the roster offers hand marks for these only). */
export function sessionsBegun(course: Schedule, now: Date): number {
  return datesOf(course).filter(
    (d) => Date.parse(sessionInstant(d, course.start_time)) <= now.getTime(),
  ).length;
}

/** Whether the course's last session has ended by `now` (a term is over when all its courses are). */
export function courseEnded(course: Schedule, now: Date): boolean {
  const dates = datesOf(course);
  return Date.parse(sessionInstant(dates[dates.length - 1], course.end_time)) <= now.getTime();
}
