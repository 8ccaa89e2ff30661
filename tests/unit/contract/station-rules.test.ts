import {
  addDays,
  beijingClock,
  beijingToday,
  daysBetween,
  isCalendarDate,
} from '@/contract/beijing-time';

import {
  addMonths,
  checkEligibility,
  checkOutFor,
  firstUnusedNight,
  graduationWindow,
  isInCheckInWindow,
  isWorkingDay,
  reviewDueDay,
  isInLateCheckInWindow,
  lateArrivalInstant,
  nightsOf,
  noShowCutoff,
  remainingAllowance,
  stationFacts,
  stationTagline,
  stayProblem,
  type WorkCalendar,
} from '@/contract/station-rules';

describe('night arithmetic (half-open [checkIn, checkOut), Asia/Shanghai)', () => {
  it('does not count the check-out day', () => {
    expect(nightsOf('2026-07-30', '2026-08-02')).toEqual([
      '2026-07-30',
      '2026-07-31',
      '2026-08-01',
    ]);
    expect(nightsOf('2026-07-30', '2026-07-30')).toEqual([]);
  });

  it('crosses month ends, February of leap and common years, and the year end', () => {
    expect(checkOutFor('2026-01-30', 3)).toBe('2026-02-02');
    expect(checkOutFor('2028-02-28', 2)).toBe('2028-03-01');
    expect(nightsOf('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29']);
    expect(checkOutFor('2027-02-28', 1)).toBe('2027-03-01');
    expect(nightsOf('2026-12-30', checkOutFor('2026-12-30', 4))).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-07-30', '2026-09-10')).toBe(42);
  });

  it('takes the Shanghai date from a UTC instant: 16:00 UTC is already tomorrow (no DST, all year)', () => {
    expect(beijingToday(new Date('2026-07-30T15:59:59Z'))).toBe('2026-07-30');
    expect(beijingToday(new Date('2026-07-30T16:00:00Z'))).toBe('2026-07-31');
    expect(beijingToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    // March and November, when other zones change clocks, are ordinary days here.
    expect(beijingClock(new Date('2026-03-08T02:30:00Z'))).toEqual({
      date: '2026-03-08',
      minutes: 10 * 60 + 30,
    });
    expect(beijingClock(new Date('2026-11-01T06:00:00Z'))).toEqual({
      date: '2026-11-01',
      minutes: 14 * 60,
    });
  });

  it('validates real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-99-99')).toBe(false);
    expect(isCalendarDate('26-1-1')).toBe(false);
  });

  it('adds months clamped to the last day of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-16', 12)).toBe('2027-08-16');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('check-in window and no-shows', () => {
  const at = (iso: string) => new Date(iso);
  it('opens 14:00–22:00 Shanghai time on the first night only', () => {
    expect(isInCheckInWindow(at('2026-07-30T13:59:00+08:00'), '2026-07-30')).toBe(false);
    expect(isInCheckInWindow(at('2026-07-30T14:00:00+08:00'), '2026-07-30')).toBe(true);
    expect(isInCheckInWindow(at('2026-07-30T21:59:00+08:00'), '2026-07-30')).toBe(true);
    expect(isInCheckInWindow(at('2026-07-30T22:00:00+08:00'), '2026-07-30')).toBe(false);
    expect(isInCheckInWindow(at('2026-07-31T15:00:00+08:00'), '2026-07-30')).toBe(false);
    // 06:00 UTC is 14:00 in Shanghai
    expect(isInCheckInWindow(at('2026-07-30T06:00:00Z'), '2026-07-30')).toBe(true);
  });

  it('counts a first night as missed once its window has closed', () => {
    expect(noShowCutoff(at('2026-08-03T21:59:00+08:00'))).toBe('2026-08-03');
    expect(noShowCutoff(at('2026-08-03T22:00:00+08:00'))).toBe('2026-08-04');
  });

  it('keeps at least the first night on check-out, and nights before the check-out day', () => {
    expect(firstUnusedNight(at('2026-07-30T20:00:00+08:00'), '2026-07-30')).toBe('2026-07-31');
    expect(firstUnusedNight(at('2026-07-31T09:00:00+08:00'), '2026-07-30')).toBe('2026-07-31');
    expect(firstUnusedNight(at('2026-08-01T09:00:00+08:00'), '2026-07-30')).toBe('2026-08-01');
  });
});

describe('stayProblem', () => {
  const s = { maxNightsPerStay: 7, horizonDays: 42 };
  it.each([
    ['2026-07-29', 1, 'CHECKIN_IN_PAST'],
    ['2026-07-30', 0, 'NIGHTS_OUT_OF_RANGE'],
    ['2026-07-30', 8, 'NIGHTS_OUT_OF_RANGE'],
    ['2026-02-30', 1, 'DATE_INVALID'],
    ['2026-09-09', 2, 'CHECKIN_TOO_FAR'],
    ['2026-09-09', 1, null],
    ['2026-07-30', 7, null],
  ])('%s for %i nights → %s', (checkIn, nights, problem) => {
    expect(stayProblem(checkIn as string, nights as number, '2026-07-30', s)).toBe(problem);
  });
});

describe('checkEligibility', () => {
  const s = { minAge: 18, maxAge: 35, graduatingWithinMonths: 12, graduatedWithinMonths: 24 };
  it('needs a birth date from the real-name profile', () => {
    expect(
      checkEligibility({ birthDate: null, declaredStatus: 'job_seeking', on: '2026-08-01' }, s),
    ).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });
  });
  it('accepts 18 and 35 on the day, refuses 17 and 36', () => {
    const on = '2026-08-01';
    expect(
      checkEligibility({ birthDate: '2008-08-01', declaredStatus: 'job_seeking', on }, s),
    ).toEqual({ ok: true, age: 18 });
    expect(
      checkEligibility({ birthDate: '2008-08-02', declaredStatus: 'job_seeking', on }, s),
    ).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    expect(
      checkEligibility({ birthDate: '1990-08-02', declaredStatus: 'job_seeking', on }, s),
    ).toEqual({ ok: true, age: 35 });
    const old = checkEligibility({ birthDate: '1990-08-01', declaredStatus: 'job_seeking', on }, s);
    expect(old).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    expect(old.ok === false && old.reason).toContain('36周岁');
  });
  it('asks a graduating student for a graduation date within the setting', () => {
    const base = {
      birthDate: '2004-01-01',
      declaredStatus: 'graduating' as const,
      on: '2026-08-01',
    };
    expect(checkEligibility(base, s).ok).toBe(false);
    expect(checkEligibility({ ...base, graduationDate: '2027-08-01' }, s).ok).toBe(true);
    expect(checkEligibility({ ...base, graduationDate: '2027-08-02' }, s).ok).toBe(false);
  });
  it('accepts a graduate from 12 months before to 24 months after graduation, both ends included', () => {
    const base = {
      birthDate: '2002-01-01',
      declaredStatus: 'graduating' as const,
      on: '2026-08-01',
    };
    expect(checkEligibility({ ...base, graduationDate: '2024-08-01' }, s).ok).toBe(true);
    const late = checkEligibility({ ...base, graduationDate: '2024-07-31' }, s);
    expect(late).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    expect(late.ok === false && late.reason).toContain('2024-08-01至2027-08-01');
    expect(
      graduationWindow('2026-08-01', { graduatingWithinMonths: 0, graduatedWithinMonths: 6 }),
    ).toEqual({
      earliest: '2026-02-01',
      latest: '2026-08-01',
    });
  });
});

describe('reviewDueDay (staff review within N working days)', () => {
  it.each([
    // Thursday + 3 working days → the next Tuesday (the weekend does not count)
    ['2026-12-03', 3, '2026-12-08'],
    // Friday + 1 → Monday
    ['2026-12-04', 1, '2026-12-07'],
    // Saturday + 1 → Monday; Sunday + 2 → Tuesday
    ['2026-12-05', 1, '2026-12-07'],
    ['2026-12-06', 2, '2026-12-08'],
    // across the year end: Wednesday 2026-12-30 + 3 → Monday 2027-01-04
    ['2026-12-30', 3, '2027-01-04'],
  ])('%s + %i working days → %s', (day, n, due) => {
    expect(reviewDueDay(day as string, n as number)).toBe(due);
  });
  it('knows the weekend', () => {
    expect(isWorkingDay('2026-12-04')).toBe(true);
    expect(isWorkingDay('2026-12-05')).toBe(false);
    expect(isWorkingDay('2026-12-06')).toBe(false);
  });

  // An example calendar (test data, not an official notice): a holiday week Thursday 10-01 to
  // Wednesday 10-07, and Saturday 10-10 worked in exchange (调休).
  const calendar: WorkCalendar = {
    '2026-10-01': 'holiday',
    '2026-10-02': 'holiday',
    '2026-10-05': 'holiday',
    '2026-10-06': 'holiday',
    '2026-10-07': 'holiday',
    '2026-10-10': 'workday',
  };
  it.each([
    // Wednesday 09-30 + 1: the holiday week and its weekend are skipped → Thursday 10-08
    ['2026-09-30', 1, '2026-10-08'],
    // submitted during the holiday: + 3 → Thursday 10-08, Friday 10-09, Saturday 10-10 (调休)
    ['2026-10-03', 3, '2026-10-10'],
    // Friday 10-09 + 1 → the 调休 Saturday; + 2 → Monday 10-12 (Sunday still off)
    ['2026-10-09', 1, '2026-10-10'],
    ['2026-10-09', 2, '2026-10-12'],
    // Tuesday 09-29 + 3 → Wednesday 09-30, then Thursday 10-08, Friday 10-09
    ['2026-09-29', 3, '2026-10-09'],
  ])('with holidays and 调休: %s + %i working days → %s', (day, n, due) => {
    expect(reviewDueDay(day as string, n as number, calendar)).toBe(due);
  });
  it('lets the calendar override the weekday', () => {
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false); // Thursday, holiday
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-10-11', calendar)).toBe(false); // Sunday, unlisted
    expect(isWorkingDay('2026-10-08', calendar)).toBe(true); // Thursday, unlisted
  });
});

describe('remainingAllowance', () => {
  const s = { allowanceNights: 7, allowanceWindowMonths: 12 };
  it('is full without a window, reduced inside it, and full again once 12 months have passed', () => {
    expect(remainingAllowance(null, '2026-08-01', s)).toBe(7);
    expect(remainingAllowance({ windowStart: '2026-08-16', nightsUsed: 5 }, '2027-08-15', s)).toBe(
      2,
    );
    expect(remainingAllowance({ windowStart: '2026-08-16', nightsUsed: 5 }, '2027-08-16', s)).toBe(
      7,
    );
    expect(remainingAllowance({ windowStart: '2026-08-16', nightsUsed: 9 }, '2026-09-01', s)).toBe(
      0,
    );
  });
});

describe('stationTagline (the station home promises what the settings say)', () => {
  it('reads the age range, the allowance and its window', () => {
    const s = {
      minAge: 18,
      maxAge: 35,
      allowanceRule: 'nights' as const,
      allowanceNights: 7,
      allowanceWindowMonths: 12,
      maxNightsPerStay: 7,
    };
    expect(stationTagline(s)).toBe('来区求职的 18–35 周岁青年，免费入住，每年最多 7 晚');
    expect(
      stationTagline({ ...s, maxAge: 40, allowanceNights: 14, allowanceWindowMonths: 6 }),
    ).toBe('来区求职的 18–40 周岁青年，免费入住，6 个月内最多 14 晚');
  });

  it('under "one stay per 12 months" promises one stay of the nights per stay', () => {
    const s = {
      minAge: 18,
      maxAge: 35,
      allowanceRule: 'one_stay' as const,
      allowanceNights: 7,
      allowanceWindowMonths: 12,
      maxNightsPerStay: 6,
      checkInFrom: '14:00',
      checkInUntil: '22:00',
    };
    expect(stationTagline(s)).toBe('来区求职的 18–35 周岁青年，免费入住，每年 1 次，每次最多 6 晚');
    expect(stationFacts(s)).toEqual([
      '18–35 周岁，来区求职或新就业',
      '12 个月内免费入住 1 次，每次最多 6 晚',
      '入住当天 14:00–22:00 凭码办理',
    ]);
    expect(stationFacts({ ...s, allowanceRule: 'nights' })[1]).toBe(
      '每次最多 6 晚，12 个月内累计 7 晚，可分段住在不同驿站',
    );
  });
});

describe('remainingAllowance under "one stay per 12 months"', () => {
  const s = {
    allowanceRule: 'one_stay' as const,
    allowanceNights: 7,
    allowanceWindowMonths: 12,
    maxNightsPerStay: 6,
  };
  it('an empty window offers one stay of the nights per stay; a window with a stay, nothing', () => {
    expect(remainingAllowance(null, '2026-08-01', s)).toBe(6);
    expect(
      remainingAllowance(
        { windowStart: '2026-08-01', nightsUsed: 2, staysUsed: 1 },
        '2026-08-05',
        s,
      ),
    ).toBe(0);
    // the window has ended: a new stay
    expect(
      remainingAllowance(
        { windowStart: '2026-08-01', nightsUsed: 2, staysUsed: 1 },
        '2027-08-01',
        s,
      ),
    ).toBe(6);
  });
});

describe('late arrival (晚到) on the first night', () => {
  it('reads 22:00–23:59 as that evening and 00:00–06:00 as the next morning, Beijing time', () => {
    expect(lateArrivalInstant('2026-07-31', '22:00')).toBe('2026-07-31T14:00:00.000Z');
    expect(lateArrivalInstant('2026-07-31', '23:59')).toBe('2026-07-31T15:59:00.000Z');
    // across a month end
    expect(lateArrivalInstant('2026-07-31', '00:00')).toBe('2026-07-31T16:00:00.000Z');
    expect(lateArrivalInstant('2026-07-31', '06:00')).toBe('2026-07-31T22:00:00.000Z');
  });

  it('is not a late arrival inside the window, after 06:00, or not a clock time', () => {
    for (const hm of ['21:59', '14:00', '06:01', '12:00', '24:00', '7:00', 'abc'])
      expect(lateArrivalInstant('2026-07-31', hm)).toBeNull();
    // a station closing at 20:00 takes 20:00 as late
    expect(lateArrivalInstant('2026-07-31', '20:00', '20:00')).toBe('2026-07-31T12:00:00.000Z');
  });

  it('lets staff check in with a reason from the end of the window to 06:00 the next morning', () => {
    const at = (iso: string) => isInLateCheckInWindow(new Date(iso), '2026-07-31');
    expect(at('2026-07-31T21:59:00+08:00')).toBe(false);
    expect(at('2026-07-31T22:00:00+08:00')).toBe(true);
    expect(at('2026-08-01T06:00:00+08:00')).toBe(true);
    expect(at('2026-08-01T06:01:00+08:00')).toBe(false);
    expect(at('2026-07-30T23:00:00+08:00')).toBe(false);
  });
});
