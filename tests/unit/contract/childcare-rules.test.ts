import {
  countdownParts,
  currentProgramme,
  eligibilityProblems,
  formatFee,
  gradeRangeLabel,
  normalizeSchools,
  parseGrade,
  periodStarted,
  waitlistMessage,
  windowState,
  capacityProblem,
  windowsInOrder,
  yuanToFen,
  programmeTitle,
  siteLabel,
} from '@/contract/childcare-rules';
import { beijingToday } from '@/contract/beijing-time';

describe('parseGrade', () => {
  it.each([
    ['二年级', 2],
    ['小学三年级', 3],
    ['3', 3],
    ['5年级', 5],
    ['一', 1],
    [' 四年级 ', 4],
  ])('reads %p as grade %p', (raw, n) => expect(parseGrade(raw)).toBe(n));
  it.each([[''], [null], ['幼儿园大班'], ['十年级'], ['0'], ['12']])('gives null for %p', (raw) =>
    expect(parseGrade(raw as string)).toBeNull(),
  );
});

describe('eligibilityProblems', () => {
  it('passes a child with a school and a grade inside the range', () => {
    expect(eligibilityProblems({ school: '田林第三小学', grade: '二年级' }, 1, 3)).toEqual([]);
  });
  it('flags a grade outside the range at both ends', () => {
    expect(eligibilityProblems({ school: 'x小学', grade: '四年级' }, 1, 3)).toEqual([
      'GRADE_OUT_OF_RANGE',
    ]);
    expect(eligibilityProblems({ school: 'x小学', grade: '一年级' }, 2, 5)).toEqual([
      'GRADE_OUT_OF_RANGE',
    ]);
  });
  it('flags a missing school and grade (pre-fill not done)', () => {
    expect(eligibilityProblems({ school: ' ', grade: null }, 1, 5)).toEqual([
      'SCHOOL_MISSING',
      'GRADE_MISSING',
    ]);
  });
  it('with a local-school list, flags a school not on it (spaces around the name do not count)', () => {
    const list = ['长风小学', '田林第三小学'];
    expect(eligibilityProblems({ school: ' 田林第三小学 ', grade: '二年级' }, 1, 3, list)).toEqual(
      [],
    );
    expect(eligibilityProblems({ school: '田林三小', grade: '二年级' }, 1, 3, list)).toEqual([
      'SCHOOL_NOT_LOCAL',
    ]);
    expect(eligibilityProblems({ school: '', grade: '二年级' }, 1, 3, list)).toEqual([
      'SCHOOL_MISSING',
    ]);
  });
});

describe('normalizeSchools', () => {
  it('trims, drops blank lines and repeats, keeps the typed order', () => {
    expect(normalizeSchools([' 长风小学', '', '普陀区第二中心小学 ', '长风小学'])).toEqual([
      '长风小学',
      '普陀区第二中心小学',
    ]);
  });
  it('an empty list lifts the restriction', () => {
    expect(normalizeSchools(['', '  '])).toBeNull();
    expect(normalizeSchools(null)).toBeNull();
  });
  it('refuses a one-character or overlong name, and more than 300 schools', () => {
    expect(normalizeSchools(['某'])).toBe('invalid');
    expect(normalizeSchools(['小'.repeat(41)])).toBe('invalid');
    expect(normalizeSchools(Array.from({ length: 301 }, (_, i) => `第${i}小学`))).toBe('invalid');
  });
});

describe('windowState', () => {
  const p = {
    prefillOpensAt: '2026-11-20T00:00:00Z',
    registrationOpensAt: '2026-12-01T00:00:00Z',
    registrationClosesAt: '2027-01-20T09:00:00Z',
  };
  it('moves from before pre-fill to pre-fill to open to closed at the exact instants', () => {
    expect(windowState(p, new Date('2026-11-19T23:59:59Z'))).toBe('prefill-not-open');
    expect(windowState(p, new Date('2026-11-20T00:00:00Z'))).toBe('prefill');
    expect(windowState(p, new Date('2026-11-30T23:59:59.999Z'))).toBe('prefill');
    expect(windowState(p, new Date('2026-12-01T00:00:00Z'))).toBe('open');
    expect(windowState(p, new Date('2027-01-20T09:00:00Z'))).toBe('closed');
  });
});

describe('currentProgramme (the one a page opens on)', () => {
  const at = (opens: string, closes: string, id: string) => ({
    id,
    prefillOpensAt: opens,
    registrationOpensAt: opens,
    registrationClosesAt: closes,
  });
  // newest first, as the API lists them
  const later = at('2027-06-01T00:00:00Z', '2027-06-30T00:00:00Z', 'summer-2027');
  const sooner = at('2027-01-01T00:00:00Z', '2027-01-20T00:00:00Z', 'winter-2027');
  const open = at('2026-11-01T00:00:00Z', '2026-12-20T00:00:00Z', 'open-now');
  const past = at('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z', 'summer-2026');
  const now = new Date('2026-12-01T00:00:00Z');
  it('prefers the programme taking registrations now over ones further ahead', () => {
    expect(currentProgramme([later, sooner, open, past], now)?.id).toBe('open-now');
  });
  it('else the soonest ahead, else the latest', () => {
    expect(currentProgramme([later, sooner, past], now)?.id).toBe('winter-2027');
    expect(currentProgramme([past], now)?.id).toBe('summer-2026');
    expect(currentProgramme([], now)).toBeUndefined();
  });
});

describe('dates in Shanghai', () => {
  it('rolls over at midnight Shanghai time, not UTC', () => {
    expect(beijingToday(new Date('2027-01-24T15:59:59Z'))).toBe('2027-01-24');
    expect(beijingToday(new Date('2027-01-24T16:00:00Z'))).toBe('2027-01-25');
    expect(periodStarted('2027-01-25', new Date('2027-01-24T15:59:59Z'))).toBe(false);
    expect(periodStarted('2027-01-25', new Date('2027-01-24T16:00:00Z'))).toBe(true);
  });
});

describe('labels', () => {
  it('formats fees, grade ranges, the waitlist message and countdown parts', () => {
    expect(formatFee(40000)).toBe('¥400');
    expect(formatFee(40050)).toBe('¥400.50');
    expect(gradeRangeLabel(1, 5)).toBe('1–5年级');
    expect(gradeRangeLabel(3, 3)).toBe('3年级');
    expect(waitlistMessage(12)).toBe('已满，您在候补第 12 位');
    expect(countdownParts(90061_000)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1 });
    expect(countdownParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});

describe('the staff forms rules', () => {
  it('the pre-fill opens no later than registration, which opens before it closes', () => {
    const a = '2027-06-01T00:00:00.000Z';
    const b = '2027-06-10T00:00:00.000Z';
    const c = '2027-06-30T00:00:00.000Z';
    expect(windowsInOrder(a, b, c)).toBe(true);
    expect(windowsInOrder(b, b, c)).toBe(true);
    expect(windowsInOrder(b, a, c)).toBe(false);
    expect(windowsInOrder(a, c, c)).toBe(false);
  });

  it('a capacity may be any value from the seats held up to 500', () => {
    expect(capacityProblem(30, 30)).toBeNull();
    expect(capacityProblem(29, 30)).toBe('容量不能低于已报名人数（已占 30 个名额）');
    expect(capacityProblem(0, 0)).toBe('容量应为 1–500 的整数');
    expect(capacityProblem(35.5, 0)).toBe('容量应为 1–500 的整数');
  });

  it('turns yuan typed by staff into fen', () => {
    expect(yuanToFen('450')).toBe(45000);
    expect(yuanToFen('450.5')).toBe(45050);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('4.505')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
});

describe('names', () => {
  it('calls the programme 暑托班 in summer and 寒托班 in winter', () => {
    expect(programmeTitle('summer')).toBe('爱心暑托班');
    expect(programmeTitle('winter')).toBe('爱心寒托班');
  });

  it("drops any programme's prefix from a site name, and nothing else", () => {
    expect(siteLabel('2026爱心暑托班·长风新村街道社区中心')).toBe('长风新村街道社区中心');
    expect(siteLabel('2027爱心寒托班·宜川路街道')).toBe('宜川路街道');
    expect(siteLabel('宜川路街道·爱心寒托班')).toBe('宜川路街道·爱心寒托班');
  });
});
