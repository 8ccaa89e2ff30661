import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  beijingClock,
  beijingDayEnd,
  beijingInstant,
  beijingToday,
  formatInstant,
  isClockTime,
  monthDay,
} from '@/contract/beijing-time';

describe('Beijing time at a fixed +08:00', () => {
  it('rolls the date over at midnight Beijing time (16:00 UTC), across month and year ends', () => {
    expect(beijingToday(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(beijingToday(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
    expect(beijingToday('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });

  it('reads the wall clock; March and November, when other zones change clocks, are ordinary days', () => {
    expect(beijingClock(new Date('2026-03-08T02:30:00Z'))).toEqual({
      date: '2026-03-08',
      minutes: 10 * 60 + 30,
    });
    expect(beijingClock(new Date('2026-11-01T06:00:00Z'))).toEqual({
      date: '2026-11-01',
      minutes: 14 * 60,
    });
  });

  it('parses a typed date and time as Beijing time, and refuses malformed ones', () => {
    expect(beijingInstant('2027-06-10', '08:00')).toBe('2027-06-10T00:00:00.000Z');
    expect(beijingInstant('2027-06-10', '00:30')).toBe('2027-06-09T16:30:00.000Z');
    expect(beijingInstant('2027-01-01', '07:59')).toBe('2026-12-31T23:59:00.000Z');
    expect(beijingInstant('2027-02-30', '08:00')).toBeNull();
    expect(beijingInstant('2027-06-10', '24:00')).toBeNull();
    expect(beijingInstant('2027/06/10', '08:00')).toBeNull();
    expect(isClockTime('9:00')).toBe(false);
  });

  it('writes a calendar date as people read it, without leading zeros', () => {
    expect(monthDay('2027-01-05')).toBe('1月5日');
    expect(monthDay('2027-12-25')).toBe('12月25日');
    expect(() => monthDay('2027/01/05')).toThrow();
  });

  it('ends a day at the next Beijing midnight', () => {
    expect(beijingDayEnd('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
  });

  it('formats in Chinese with the weekday', () => {
    expect(formatInstant('2026-11-23T11:00:00Z')).toBe('11月23日 周一 19:00');
    expect(formatInstant('2026-11-23T16:05:09Z', 'YYYY年M月D日 HH:mm:ss')).toBe(
      '2026年11月24日 00:05:09',
    );
  });

  it("ignores the device's own time zone (a phone set to New York or Tokyo shows Beijing time)", () => {
    // a process of its own per zone: TZ is read by the runtime, and jest's sandbox copies the env
    const probe = [
      "const t = require('./src/contract/beijing-time.ts');",
      "console.log(JSON.stringify([t.formatInstant('2026-03-08T15:30:00Z', 'M月D日 HH:mm'),",
      "  t.beijingToday(new Date('2026-03-08T15:30:00Z')), t.beijingInstant('2026-03-08', '23:30')]));",
    ].join('\n');
    for (const TZ of ['America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, TZ },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual(['3月8日 23:30', '2026-03-08', '2026-03-08T15:30:00.000Z']);
    }
  });
});
