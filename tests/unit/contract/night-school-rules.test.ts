import { createHash } from 'node:crypto';
import {
  ageEligible,
  applicantListText,
  applicantRatio,
  formatSessionDate,
  isoWeekday,
  rankByTickets,
  sessionDates,
  sessionInstant,
  sortApplicantIds,
  ticketText,
} from '@/contract/night-school-rules';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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

describe('the lottery order', () => {
  it('sorts applicant ids as integers, not as text', () => {
    expect(sortApplicantIds(['10', '9', '100', '2'])).toEqual(['2', '9', '10', '100']);
    expect(applicantListText(['10', '9'])).toBe('9\n10');
  });

  it('ranks by sha256(seed:courseId:userId) ascending', () => {
    const seed = 'a1b2c3';
    const ids = ['5', '17', '3', '42'];
    const ranked = rankByTickets(ids, (u) => sha256(ticketText(seed, '7', u)));
    const expected = ids
      .map((u) => ({ u, h: sha256(`${seed}:7:${u}`) }))
      .sort((a, b) => (a.h < b.h ? -1 : 1));
    expect(ranked.map((r) => r.userId)).toEqual(expected.map((e) => e.u));
  });

  it('does not depend on the order applicants arrived in', () => {
    const t = (u: string) => sha256(ticketText('seed', '1', u));
    expect(rankByTickets(['1', '2', '3', '4'], t)).toEqual(rankByTickets(['4', '2', '3', '1'], t));
  });

  it('breaks a tie by user id', () => {
    expect(rankByTickets(['20', '3'], () => 'same').map((r) => r.userId)).toEqual(['3', '20']);
  });

  it('changes with the seed', () => {
    const ids = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const a = rankByTickets(ids, (u) => sha256(ticketText('one', '1', u))).map((r) => r.userId);
    const b = rankByTickets(ids, (u) => sha256(ticketText('two', '1', u))).map((r) => r.userId);
    expect(a).not.toEqual(b);
  });
});

describe('applicantRatio and ageEligible', () => {
  it('gives applicants per seat with one decimal', () => {
    expect(applicantRatio(500, 30)).toBe(16.7);
    expect(applicantRatio(0, 20)).toBe(0);
  });

  it('includes both ends of the age range', () => {
    expect(ageEligible(18, 18, 40)).toBe(true);
    expect(ageEligible(40, 18, 40)).toBe(true);
    expect(ageEligible(17, 18, 40)).toBe(false);
    expect(ageEligible(41, 18, 40)).toBe(false);
  });
});
