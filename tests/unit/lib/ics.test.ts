import { toIcs } from '@/lib/ics';

describe('toIcs (加入日历 in the browser)', () => {
  const event = {
    uid: 'session-3-2',
    title: '摄影入门 · 第2次课',
    place: '徐汇青年活动中心, 3楼; 教室\\A',
    startsAt: '2027-01-26T11:00:00.000Z',
    endsAt: '2027-01-26T12:30:00.000Z',
  };
  const ics = toIcs(event, new Date('2027-01-20T02:00:00Z'));
  const lines = ics.split('\r\n');

  it('writes one event in UTC, so any calendar shows 19:00 Beijing time in its own zone', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        'UID:session-3-2@youth-hub',
        'DTSTAMP:20270120T020000Z',
        'DTSTART:20270126T110000Z',
        'DTEND:20270126T123000Z',
        'SUMMARY:摄影入门 · 第2次课',
        'END:VEVENT',
      ]),
    );
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('escapes the characters that would end or split a value', () => {
    expect(lines).toContain('LOCATION:徐汇青年活动中心\\, 3楼\\; 教室\\\\A');
  });
});
