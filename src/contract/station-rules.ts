// Pure rules of the talent-station service, shared by the server and the mini-program (instant
// feedback in the booking form), so: no TypeBox, no Node, no Taro.
// Nights are 'YYYY-MM-DD' strings in Beijing time (src/contract/beijing-time.ts). A stay is the
// half-open range [checkIn, checkOut): the check-out day is not a night.
import { ageOn } from './id-number';
import {
  addDays,
  beijingClock,
  beijingInstant,
  beijingToday,
  daysBetween,
  isCalendarDate,
  isClockTime,
} from './beijing-time';

/** The check-out day of a stay of `nights` nights. */
export function checkOutFor(checkIn: string, nights: number): string {
  return addDays(checkIn, nights);
}

/** Every night of [checkIn, checkOut), in order (the order bookings take inventory rows in). */
export function nightsOf(checkIn: string, checkOut: string): string[] {
  const out: string[] = [];
  for (let d = checkIn; d < checkOut; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 'HH:MM' → minutes since midnight. */
export function parseHm(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
}

/** Staff may check a guest in on the first night only, from `from` until `until` (Shanghai time). */
export function isInCheckInWindow(
  now: Date,
  checkIn: string,
  from = '14:00',
  until = '22:00',
): boolean {
  const c = beijingClock(now);
  return c.date === checkIn && c.minutes >= parseHm(from) && c.minutes < parseHm(until);
}

/**
 * The latest a guest may say they will arrive on the first night: 06:00 the next morning. A bed
 * held later than that is a bed lost for the next guest, and the front desk cannot plan around it.
 */
export const LATEST_LATE_ARRIVAL = '06:00';

/**
 * A reported late arrival ('HH:MM') on the night of `checkIn` as an instant: a time from the end
 * of the check-in window to midnight is that evening, one up to LATEST_LATE_ARRIVAL the next
 * morning. Any other time is not a late arrival: null.
 */
export function lateArrivalInstant(checkIn: string, hm: string, until = '22:00'): string | null {
  if (!isClockTime(hm)) return null;
  const minutes = parseHm(hm);
  if (minutes >= parseHm(until)) return beijingInstant(checkIn, hm);
  if (minutes <= parseHm(LATEST_LATE_ARRIVAL)) return beijingInstant(addDays(checkIn, 1), hm);
  return null;
}

/**
 * How long after a reported arrival time the bed is still held. Trains and night buses run late,
 * and a guest an hour behind their own estimate is still coming; past that, the no-show job
 * releases the booking as it would have at 22:00.
 */
export const LATE_ARRIVAL_GRACE_MINUTES = 60;

/**
 * After the window closes, staff may still check a guest in on the first night, with a reason,
 * until LATEST_LATE_ARRIVAL the next morning (the no-show job may have released it earlier).
 */
export function isInLateCheckInWindow(now: Date, checkIn: string, until = '22:00'): boolean {
  const t = now.getTime();
  return (
    t >= Date.parse(beijingInstant(checkIn, until)!) &&
    t <= Date.parse(beijingInstant(addDays(checkIn, 1), LATEST_LATE_ARRIVAL)!)
  );
}

/**
 * Bookings whose check-in day is before the returned date have missed their first night: the
 * check-in window of that day has closed. Before `until` today, that is today; after, tomorrow.
 */
export function noShowCutoff(now: Date, until = '22:00'): string {
  const c = beijingClock(now);
  return c.minutes >= parseHm(until) ? addDays(c.date, 1) : c.date;
}

/**
 * The first night given back by a check-out at `now`: nights from the check-out day on are unused.
 * The first night always counts once the guest was checked in.
 */
export function firstUnusedNight(now: Date, checkIn: string): string {
  const today = beijingToday(now);
  const second = addDays(checkIn, 1);
  return today > second ? today : second;
}

export interface StaySettings {
  maxNightsPerStay: number;
  horizonDays: number;
}

export type StayProblem =
  'DATE_INVALID' | 'CHECKIN_IN_PAST' | 'NIGHTS_OUT_OF_RANGE' | 'CHECKIN_TOO_FAR';

/** Checks a requested stay against today and the settings; null when fine. */
export function stayProblem(
  checkIn: string,
  nights: number,
  today: string,
  s: StaySettings,
): StayProblem | null {
  if (!isCalendarDate(checkIn)) return 'DATE_INVALID';
  if (checkIn < today) return 'CHECKIN_IN_PAST';
  if (!Number.isInteger(nights) || nights < 1 || nights > s.maxNightsPerStay)
    return 'NIGHTS_OUT_OF_RANGE';
  if (daysBetween(today, checkOutFor(checkIn, nights)) > s.horizonDays) return 'CHECKIN_TOO_FAR';
  return null;
}

export type DeclaredStatus = 'job_seeking' | 'newly_employed' | 'graduating';

export const DECLARED_STATUS_LABELS: Record<DeclaredStatus, string> = {
  job_seeking: '在本区求职',
  newly_employed: '新就业（入职不满1年）',
  graduating: '应届/近年毕业生',
};

/** How free stays are counted over the window (see AllowanceRuleSchema in ./station). */
export type AllowanceRule = 'nights' | 'one_stay';

export interface AllowanceSettings {
  allowanceRule: AllowanceRule;
  allowanceNights: number;
  allowanceWindowMonths: number;
  maxNightsPerStay: number;
}

/** '每年' or '6 个月内'. */
function windowWords(months: number): string {
  return months === 12 ? '每年' : `${months} 个月内`;
}

/** The allowance in a phrase: "每年最多 7 晚" or "每年 1 次，每次最多 7 晚". */
export function allowanceWords(s: AllowanceSettings): string {
  const window = windowWords(s.allowanceWindowMonths);
  return s.allowanceRule === 'one_stay'
    ? `${window} 1 次，每次最多 ${s.maxNightsPerStay} 晚`
    : `${window}最多 ${s.allowanceNights} 晚`;
}

/**
 * The station home's one-line promise, from the district's settings (not hard-coded, so a change of
 * the rules changes the copy): "来区求职的 18–35 周岁青年，免费入住，每年最多 7 晚".
 */
export function stationTagline(s: AllowanceSettings & { minAge: number; maxAge: number }): string {
  return `来区求职的 ${s.minAge}–${s.maxAge} 周岁青年，免费入住，${allowanceWords(s)}`;
}

/** "入住当天 14:00–22:00": the check-in window in the station's rules, as every page words it. */
export function checkInWindowWords(s: { checkInFrom: string; checkInUntil: string }): string {
  return `入住当天 ${s.checkInFrom}–${s.checkInUntil}`;
}

/** The station home's facts, from the same settings. */
export function stationFacts(
  s: AllowanceSettings & {
    minAge: number;
    maxAge: number;
    checkInFrom: string;
    checkInUntil: string;
  },
): string[] {
  const window = s.allowanceWindowMonths === 12 ? '12 个月' : `${s.allowanceWindowMonths} 个月`;
  return [
    `${s.minAge}–${s.maxAge} 周岁，来区求职或新就业`,
    s.allowanceRule === 'one_stay'
      ? `${window}内免费入住 1 次，每次最多 ${s.maxNightsPerStay} 晚`
      : `每次最多 ${s.maxNightsPerStay} 晚，${window}内累计 ${s.allowanceNights} 晚，可分段住在不同驿站`,
    `${checkInWindowWords(s)} 凭码办理`,
  ];
}

export interface EligibilitySettings {
  minAge: number;
  maxAge: number;
  /** A graduate is eligible from this many months before their graduation… */
  graduatingWithinMonths: number;
  /** …to this many months after it. */
  graduatedWithinMonths: number;
}

export interface EligibilityInput {
  birthDate: string | null;
  declaredStatus: DeclaredStatus | null;
  /** For 'graduating': the (expected or past) graduation date. */
  graduationDate?: string | null;
  /** The day the rule is judged on (the check-in day, or today). */
  on: string;
}

export type Eligibility =
  | { ok: true; age: number }
  | { ok: false; code: 'PROFILE_INCOMPLETE' | 'NOT_ELIGIBLE'; reason: string };

/** Age on `on` from the profile's birth date (itself from the ID number) against the age range. */
export function checkAge(
  birthDate: string | null,
  on: string,
  s: Pick<EligibilitySettings, 'minAge' | 'maxAge'>,
): Eligibility {
  if (!birthDate)
    return {
      ok: false,
      code: 'PROFILE_INCOMPLETE',
      reason: '请先在“我的”中完成实名信息（身份证号）',
    };
  const age = ageOn(birthDate, on);
  if (age < s.minAge || age > s.maxAge) {
    return {
      ok: false,
      code: 'NOT_ELIGIBLE',
      reason: `青年驿站面向${s.minAge}–${s.maxAge}周岁青年，入住时您${age}周岁`,
    };
  }
  return { ok: true, age };
}

/**
 * The graduation dates a graduate checking in on `on` may have: from `graduatedWithinMonths`
 * before `on` (graduated at most that long ago) to `graduatingWithinMonths` after it.
 */
export function graduationWindow(
  on: string,
  s: Pick<EligibilitySettings, 'graduatingWithinMonths' | 'graduatedWithinMonths'>,
): { earliest: string; latest: string } {
  return {
    earliest: addMonths(on, -s.graduatedWithinMonths),
    latest: addMonths(on, s.graduatingWithinMonths),
  };
}

/** The graduation window in words: "毕业前 12 个月至毕业后 24 个月". */
export function graduationWindowWords(
  s: Pick<EligibilitySettings, 'graduatingWithinMonths' | 'graduatedWithinMonths'>,
): string {
  return `毕业前 ${s.graduatingWithinMonths} 个月至毕业后 ${s.graduatedWithinMonths} 个月`;
}

/** Age and a declared status (with its graduation date) against the rules. */
export function checkEligibility(input: EligibilityInput, s: EligibilitySettings): Eligibility {
  const age = checkAge(input.birthDate, input.on, s);
  if (!age.ok) return age;
  if (!input.declaredStatus)
    return { ok: false, code: 'NOT_ELIGIBLE', reason: '请选择您的求职/就业状态' };
  if (input.declaredStatus === 'graduating') {
    const g = input.graduationDate;
    if (!g || !isCalendarDate(g))
      return { ok: false, code: 'NOT_ELIGIBLE', reason: '请填写毕业日期' };
    const { earliest, latest } = graduationWindow(input.on, s);
    if (g < earliest || g > latest) {
      return {
        ok: false,
        code: 'NOT_ELIGIBLE',
        reason: `毕业生须在${graduationWindowWords(s).replace(/ /g, '')}内入住（毕业日期在${earliest}至${latest}之间）`,
      };
    }
  }
  return age;
}

/**
 * The committee's exceptions to Monday-to-Friday: public holidays (a weekday off) and 调休
 * make-up workdays (a weekend day worked), by Beijing date.
 */
export type WorkCalendar = Readonly<Record<string, 'holiday' | 'workday'>>;

/** Monday to Friday, unless the calendar marks the day a holiday or a make-up workday. */
export function isWorkingDay(day: string, calendar: WorkCalendar = {}): boolean {
  const kind = calendar[day];
  if (kind) return kind === 'workday';
  const [y, m, d] = day.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * The last day staff have to review a request submitted on `submittedDay` (Beijing date): the
 * `workingDays`-th working day after it. A request still 待审核 after that day is overdue.
 */
export function reviewDueDay(
  submittedDay: string,
  workingDays: number,
  calendar: WorkCalendar = {},
): string {
  let day = submittedDay;
  for (let left = workingDays; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** date + n calendar months, clamped to the month's last day (01-31 + 1 month → 02-28/29). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Nights left of the allowance. The window opens on the first night of a person's first stay and
 * lasts `windowMonths`; a stay starting after it closes opens a new window with the full allowance.
 * Under `one_stay`, a window with a stay in it has nothing left; an empty one, one stay's nights.
 */
export function remainingAllowance(
  allowance: { windowStart: string; nightsUsed: number; staysUsed?: number } | null,
  on: string,
  s: Pick<AllowanceSettings, 'allowanceNights' | 'allowanceWindowMonths'> &
    Partial<Pick<AllowanceSettings, 'allowanceRule' | 'maxNightsPerStay'>>,
): number {
  const open =
    allowance &&
    allowance.nightsUsed > 0 &&
    addMonths(allowance.windowStart, s.allowanceWindowMonths) > on;
  if (s.allowanceRule === 'one_stay')
    return open && (allowance.staysUsed ?? 1) > 0 ? 0 : (s.maxNightsPerStay ?? 0);
  if (!allowance || addMonths(allowance.windowStart, s.allowanceWindowMonths) <= on)
    return s.allowanceNights;
  return Math.max(0, s.allowanceNights - allowance.nightsUsed);
}
