import {
  applicantRatio,
  checkinWindow,
  formatSessionDate,
  isoWeekday,
  sessionDates,
  sessionInstant,
} from '@/contract/night-school-rules';

describe('sessionDates', () => {
  it('starts on the first given weekday on or after the start date, then weekly', () => {
    // 2026-03-01 is a Sunday; Tuesdays follow
    expect(sessionDates('2026-03-01', 2, 3)).toEqual(['2026-03-03', '2026-03-10', '2026-03-17']);
  });

  it('starts on the start date itself when it is that weekday', () => {
    expect(sessionDates('2026-03-03', 2, 2)).toEqual(['2026-03-03', '2026-03-10']);
  });

  it('crosses months and years', () => {
    expect(sessionDates('2026-12-20', 4, 3)).toEqual(['2026-12-24', '2026-12-31', '2027-01-07']);
  });

  it('gives 8 dates for an 8-session course, each on the weekday', () => {
    const dates = sessionDates('2026-09-01', 5, 8);
    expect(dates).toHaveLength(8);
    expect(new Set(dates.map(isoWeekday))).toEqual(new Set([5]));
  });
});

describe('formatSessionDate and sessionInstant', () => {
  it('shows a date in Chinese with the weekday', () => {
    expect(formatSessionDate('2026-03-03')).toBe('3月3日 周二');
  });

  it('turns a Shanghai wall-clock time into an instant', () => {
    expect(sessionInstant('2026-03-03', '19:00')).toBe('2026-03-03T11:00:00.000Z');
  });
});

describe('applicantRatio', () => {
  it('gives applicants per seat with one decimal', () => {
    expect(applicantRatio(500, 30)).toBe(16.7);
    expect(applicantRatio(0, 20)).toBe(0);
  });
});

describe('checkinWindow', () => {
  it('opens 30 minutes before the start (Beijing) and closes at the end', () => {
    expect(checkinWindow('2026-12-12', '19:00', '20:30')).toEqual({
      opensAt: '2026-12-12T10:30:00.000Z', // 18:30 Beijing
      closesAt: '2026-12-12T12:30:00.000Z',
    });
  });

  it('never opens on the day before: a session just after midnight opens at midnight', () => {
    expect(checkinWindow('2026-12-12', '00:10', '01:00').opensAt).toBe(
      '2026-12-11T16:00:00.000Z', // 12-12 00:00 Beijing
    );
  });
});
