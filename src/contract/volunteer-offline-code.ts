// The organizer's offline check-in code, TOTP-style: the organizer's phone keeps a secret of one
// shift (fetched in advance, organizers only) and mints the code of each 30-second step itself;
// the server derives the same secret and checks the code on upload. Both sides build the text the
// MAC covers here, so the phone and the server cannot drift apart.
import { CHECKIN_CODE_GRACE_SEC, CHECKIN_CODE_WINDOW_SEC } from './volunteer-rules';

/** Marks a code minted offline (the server's own rotating codes are `body.signature`). */
export const OFFLINE_CODE_PREFIX = 'vo1';
/** Base64url characters of the HMAC kept in a code: 22 × 6 = 132 bits, beyond guessing online. */
export const OFFLINE_CODE_MAC_CHARS = 22;
/** The secret can be fetched from this long before check-in opens (and until check-out closes). */
export const OFFLINE_SECRET_LEAD_SEC = 24 * 3600;

const PATTERN = /^vo1\.([0-9]{1,15})\.([0-9]{1,12})\.([A-Za-z0-9_-]{22})$/;

/** The step (30-second window number since the epoch) an instant falls in. */
export function offlineCodeStep(epochMs: number): number {
  return Math.floor(epochMs / 1000 / CHECKIN_CODE_WINDOW_SEC);
}

/** What the MAC covers: purpose, shift and step (the secret is per shift as well). */
export function offlineCodeMessage(shiftId: string, step: number): string {
  return `volunteer-offline-code|${shiftId}|${step}`;
}

export function formatOfflineCode(shiftId: string, step: number, mac: string): string {
  return `${OFFLINE_CODE_PREFIX}.${shiftId}.${step}.${mac.slice(0, OFFLINE_CODE_MAC_CHARS)}`;
}

export function parseOfflineCode(
  token: string,
): { shiftId: string; step: number; mac: string } | null {
  const m = PATTERN.exec(String(token).trim());
  return m ? { shiftId: m[1], step: Number(m[2]), mac: m[3] } : null;
}

/**
 * A step's life in epoch ms, the same as a rotating code's: from the start of its window to the
 * window's end plus the grace, so a scan at the switch still passes.
 */
export function offlineCodeLife(step: number): { from: number; until: number } {
  const from = step * CHECKIN_CODE_WINDOW_SEC * 1000;
  return { from, until: from + (CHECKIN_CODE_WINDOW_SEC + CHECKIN_CODE_GRACE_SEC) * 1000 };
}
