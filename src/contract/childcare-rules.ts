// Pure rules of 爱心暑托班, shared by the server and the client (instant feedback). TypeBox-free.
import { beijingToday } from './beijing-time';

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * A primary-school grade from what parents type: '二年级', '小学三年级', '3', '3年级', '三'.
 * Returns null when it is not a grade 1–9.
 */
export function parseGrade(raw: string | null | undefined): number | null {
  const s = String(raw ?? '')
    .trim()
    .replace(/^小学|^初中/, '')
    .replace(/年级$/, '')
    .trim();
  if (/^[1-9]$/.test(s)) return Number(s);
  if (s.length === 1 && CN_DIGITS[s]) return CN_DIGITS[s];
  return null;
}

export const GRADE_LABELS = [
  '',
  '一年级',
  '二年级',
  '三年级',
  '四年级',
  '五年级',
  '六年级',
  '七年级',
  '八年级',
  '九年级',
];

/** '1–5年级' or '3年级' */
export function gradeRangeLabel(min: number, max: number): string {
  return min === max ? `${min}年级` : `${min}–${max}年级`;
}

/** ¥400 / ¥400.50 from fen. */
export function formatFee(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? `¥${yuan}` : `¥${yuan}.${String(rest).padStart(2, '0')}`;
}

export interface EligibilityChild {
  grade: string | null;
  school: string | null;
}

export type EligibilityProblem =
  'GRADE_MISSING' | 'GRADE_OUT_OF_RANGE' | 'SCHOOL_MISSING' | 'SCHOOL_NOT_LOCAL';

/**
 * The pre-fill check: the child's profile names a school (one of the programme's local schools,
 * when it has a list: cc_check_family() in SQL compares the same trimmed names) and a grade inside
 * the class's range.
 */
export function eligibilityProblems(
  child: EligibilityChild,
  gradeMin: number,
  gradeMax: number,
  localSchools: string[] | null = null,
): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  const school = child.school?.trim() ?? '';
  if (!school) problems.push('SCHOOL_MISSING');
  else if (localSchools && !localSchools.includes(school)) problems.push('SCHOOL_NOT_LOCAL');
  const g = parseGrade(child.grade);
  if (g === null) problems.push('GRADE_MISSING');
  else if (g < gradeMin || g > gradeMax) problems.push('GRADE_OUT_OF_RANGE');
  return problems;
}

/**
 * A local-school list as staff typed it (one per line): trimmed, blanks and repeats dropped, in the
 * order typed. An empty result is null (no restriction); a name outside 2–40 characters, or more
 * than 300 schools, is refused ('invalid').
 */
export function normalizeSchools(lines: string[] | null): string[] | null | 'invalid' {
  if (lines === null) return null;
  const schools = [...new Set(lines.map((l) => l.trim()).filter((l) => l !== ''))];
  if (schools.some((s) => s.length < 2 || s.length > 40) || schools.length > 300) return 'invalid';
  return schools.length ? schools : null;
}

export type WindowState = 'prefill-not-open' | 'prefill' | 'open' | 'closed';

/** Where a programme stands at `now` (server time). */
export function windowState(
  p: { prefillOpensAt: string; registrationOpensAt: string; registrationClosesAt: string },
  now: Date,
): WindowState {
  const t = now.getTime();
  if (t < Date.parse(p.prefillOpensAt)) return 'prefill-not-open';
  if (t < Date.parse(p.registrationOpensAt)) return 'prefill';
  if (t < Date.parse(p.registrationClosesAt)) return 'open';
  return 'closed';
}

/**
 * The programme a page opens on: the one taking registrations now, else the next one ahead (the
 * soonest), else the latest. `programmes` is newest first, as the API lists them.
 */
export function currentProgramme<
  P extends { prefillOpensAt: string; registrationOpensAt: string; registrationClosesAt: string },
>(programmes: P[], now: Date): P | undefined {
  const open = programmes.find((p) => windowState(p, now) === 'open');
  const ahead = programmes.filter(
    (p) => windowState(p, now) !== 'closed' && windowState(p, now) !== 'open',
  );
  return open ?? ahead[ahead.length - 1] ?? programmes[0];
}

/** A period may be enrolled in or cancelled only before its first day (Shanghai). */
export function periodStarted(startsOn: string, now: Date): boolean {
  return beijingToday(now) >= startsOn;
}

/** The honest answer when a class is full; %s is the place (the rush's SQL fills it in with format()). */
export const WAITLIST_MESSAGE = '已满，您在候补第 %s 位';

/** A paid class's seat won in the rush: held for payment (the server's hold length fills %s). */
export const HELD_MESSAGE = '已为您保留名额，请在 %s 分钟内完成支付，逾期名额将顺延给候补';

export function heldMessage(holdMinutes: number): string {
  return HELD_MESSAGE.replace('%s', String(holdMinutes));
}

export function waitlistMessage(position: number): string {
  return WAITLIST_MESSAGE.replace('%s', String(position));
}

/** Remaining time split for a countdown; all zeros once reached. */
export function countdownParts(msLeft: number): {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
} {
  const s = Math.max(0, Math.floor(msLeft / 1000));
  return {
    days: Math.floor(s / 86400),
    hours: Math.floor((s % 86400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}

export const RELATIONS = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '其他'] as const;

// ---- the staff forms (the server repeats these checks; the client answers at once)

export const WINDOWS_ORDER_MESSAGE = '预填开始时间应早于报名开始时间，报名开始应早于截止';

/** The programme's windows: the pre-fill opens no later than registration, which opens before it closes. */
export function windowsInOrder(
  prefillOpensAt: string,
  registrationOpensAt: string,
  registrationClosesAt: string,
): boolean {
  const [a, b, c] = [prefillOpensAt, registrationOpensAt, registrationClosesAt].map(Date.parse);
  return a <= b && b < c;
}

/** The message for a capacity below the seats held, or null when the new capacity is acceptable. */
export function capacityProblem(capacity: number, taken: number): string | null {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500) return '容量应为 1–500 的整数';
  if (capacity < taken) return `容量不能低于已报名人数（已占 ${taken} 个名额）`;
  return null;
}

/** '450' / '450.5' yuan typed by staff → fen; null when not a non-negative amount with at most 2 decimals. */
export function yuanToFen(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(s)) return null;
  const [y, f = ''] = s.split('.');
  return Number(y) * 100 + Number(f.padEnd(2, '0'));
}

/** Authorized pick-up guardians per child; the database refuses a 7th (migration 0009). */
export const MAX_PICKUP_GUARDIANS = 6;

// ---- names

/** 爱心暑托班 in summer, 爱心寒托班 in winter: the name families know the programme by. */
export function programmeTitle(season: 'summer' | 'winter'): string {
  return season === 'winter' ? '爱心寒托班' : '爱心暑托班';
}

/** A site's name without a programme's prefix ("2026爱心寒托班·"): the page already names the programme. */
export function siteLabel(name: string): string {
  return name.replace(/^\d{4}爱心[寒暑]托班·/, '');
}
