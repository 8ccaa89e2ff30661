import { ageOn, maskIdNumber, parseIdNumber } from '@/contract/id-number';

const TODAY = '2026-11-23';

describe('parseIdNumber', () => {
  it.each([
    ['a valid number ending in X', '11010519491231002X', '1949-12-31', 'female'],
    ['a lower-case x', '11010519491231002x', '1949-12-31', 'female'],
    ['a valid male number', '310107199003071239', '1990-03-07', 'male'],
    ['a leap day', '310107202002290012', '2020-02-29', 'male'],
    ['surrounding spaces', ' 310104201809010022 ', '2018-09-01', 'female'],
  ])('accepts %s and derives birth date and gender', (_label, raw, birthDate, gender) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({
      ok: true,
      idNumber: raw.trim().toUpperCase(),
      birthDate,
      gender,
    });
  });

  it.each([
    ['a wrong check digit', '310107199003071230', '校验位'],
    ['17 characters', '31010719900307123', '18位'],
    ['19 characters', '3101071990030712390', '18位'],
    ['letters inside', '3101071990O3071239', '格式'],
    ['an impossible date 1999-02-30', '310107199902300015', '出生日期'],
    ['a birth date in the future', '310107300001010014', '晚于今天'],
    ['an empty string', '', '18位'],
  ])('refuses %s with ID_NUMBER_INVALID and says why', (_label, raw, hint) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('ID_NUMBER_INVALID');
      expect(r.message).toContain(hint);
    }
  });
});

describe('ageOn', () => {
  it('counts a birthday on the day itself, not the day before', () => {
    expect(ageOn('2008-11-23', '2026-11-22')).toBe(17);
    expect(ageOn('2008-11-23', '2026-11-23')).toBe(18);
    expect(ageOn('2008-11-23', '2026-11-24')).toBe(18);
  });
  it('handles month boundaries and leap-day birthdays', () => {
    expect(ageOn('2020-02-29', '2021-02-28')).toBe(0);
    expect(ageOn('2020-02-29', '2021-03-01')).toBe(1);
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
