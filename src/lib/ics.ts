// An iCalendar (RFC 5545) event for "加入日历" in the browser, where there is no addPhoneCalendar:
// the phone or PC opens the .ics file with its own calendar app.

export interface CalendarEvent {
  uid: string;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
}

/** 20270121T060000Z: UTC, so every calendar shows the Beijing time in its own zone. */
const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';

/** Text values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
const text = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

export function toIcs(event: CalendarEvent, now: Date): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//youth-hub//青年汇//ZH',
    'BEGIN:VEVENT',
    `UID:${event.uid}@youth-hub`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(event.startsAt)}`,
    `DTEND:${stamp(event.endsAt)}`,
    `SUMMARY:${text(event.title)}`,
    `LOCATION:${text(event.place)}`,
    // a reminder the evening before is what the services' own reminders do too
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${text(event.title)}`,
    'TRIGGER:-PT12H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
