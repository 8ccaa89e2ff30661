// The 6-digit check-in code for students on H5, who have no scanner: shown beside the QR on the
// organizer's screen and typed in. Derived, not stored: HMAC(codeSecret, course, session, slot),
// so it belongs to one session and rotates every PIN_SLOT_SECONDS like the QR. The current and
// the previous slot are accepted, so a code read just before the screen refreshes (every minute)
// still works while it is typed. Six digits can be guessed: the route is rate-limited per person
// (ABUSE_LIMITS.checkinPin), and the code is only asked of enrolled students inside the window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PIN_SLOT_SECONDS = 120;
const PURPOSE = 'ns-checkin-pin';

function pinAt(secret: string, courseId: string, sessionNo: number, slot: number): string {
  const mac = createHmac('sha256', secret)
    .update(`${PURPOSE}:${courseId}:${sessionNo}:${slot}`)
    .digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

const slotOf = (now: Date) => Math.floor(now.getTime() / 1000 / PIN_SLOT_SECONDS);

/** The code to show now, and when it stops being accepted (the end of the next slot). */
export function currentPin(
  secret: string,
  courseId: string,
  sessionNo: number,
  now: Date,
): { pin: string; expiresAt: Date } {
  const slot = slotOf(now);
  return {
    pin: pinAt(secret, courseId, sessionNo, slot),
    expiresAt: new Date((slot + 2) * PIN_SLOT_SECONDS * 1000),
  };
}

/** True when `pin` is this session's code of the current or the previous slot. */
export function pinMatches(
  secret: string,
  courseId: string,
  sessionNo: number,
  pin: string,
  now: Date,
): boolean {
  const slot = slotOf(now);
  const given = Buffer.from(pin);
  return [slot, slot - 1].some((s) => {
    const expected = Buffer.from(pinAt(secret, courseId, sessionNo, s));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
