// The server's half of the offline check-in code (TOTP-style, see src/contract/volunteer-offline-code.ts):
// each shift's secret is derived from the server's code secret and the shift id, so nothing new is
// stored, one shift's secret mints nothing for another, and the volunteer never needs it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  offlineCodeLife,
  offlineCodeMessage,
  OFFLINE_CODE_MAC_CHARS,
  parseOfflineCode,
} from '@/contract/volunteer-offline-code';

/** The per-shift secret handed to the shift's organizers (base64url of 32 bytes). */
export function shiftOfflineSecret(codeSecret: string, shiftId: string): string {
  return createHmac('sha256', codeSecret)
    .update(`volunteer-offline-secret|${shiftId}`)
    .digest('base64url');
}

/** The code a holder of the shift's secret shows in a step (what the organizer's phone computes). */
export function offlineCodeMac(shiftSecret: string, shiftId: string, step: number): string {
  return createHmac('sha256', Buffer.from(shiftSecret, 'base64url'))
    .update(offlineCodeMessage(shiftId, step))
    .digest('base64url')
    .slice(0, OFFLINE_CODE_MAC_CHARS);
}

export type OfflineCodeCheck =
  { ok: true; shiftId: string; from: Date; until: Date } | { ok: false };

/** Checks an offline code's MAC against its own shift's secret; the caller judges its life window. */
export function readOfflineCode(codeSecret: string, token: string): OfflineCodeCheck | null {
  const code = parseOfflineCode(token);
  if (!code) return null; // not an offline code at all
  const expected = Buffer.from(
    offlineCodeMac(shiftOfflineSecret(codeSecret, code.shiftId), code.shiftId, code.step),
  );
  const given = Buffer.from(code.mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false };
  const life = offlineCodeLife(code.step);
  return {
    ok: true,
    shiftId: code.shiftId,
    from: new Date(life.from),
    until: new Date(life.until),
  };
}
