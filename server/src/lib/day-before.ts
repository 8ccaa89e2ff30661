// Day-before reminders (a stay, a night-school session, a volunteer shift) go out from 18:00 Beijing
// time on the day before: the evening, when people plan tomorrow — not just after midnight, when a
// job that looked at "tomorrow" would first see them. Something booked after 18:00, or due while
// the jobs were down, is reminded at the next run, as long as it has not started.
import { addDays, beijingClock, beijingDayEnd } from '@/contract/beijing-time';

export const DAY_BEFORE_FROM_MINUTES = 18 * 60;

/** The last Beijing date whose events are due a reminder at `now`: tomorrow from 18:00, else today. */
export function remindThrough(now: Date): string {
  const c = beijingClock(now);
  return c.minutes >= DAY_BEFORE_FROM_MINUTES ? addDays(c.date, 1) : c.date;
}

/** The instant before which an event must start to be due a reminder at `now`. */
export function remindBefore(now: Date): Date {
  return new Date(beijingDayEnd(remindThrough(now)));
}
