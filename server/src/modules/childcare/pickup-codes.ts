// Pick-up codes: one per enrolled child and authorized guardian, signed, bound to that guardian
// (staff see the guardian's name when they scan) and expiring with the period's last day. A code
// never changes within its period, so its QR image is drawn once per process and then reused:
// 我的托班 no longer draws every guardian's QR on every load.
import { beijingDayEnd } from '@/contract/beijing-time';
import { qrDataUrl } from '../../lib/qr';
import { signToken } from '../../lib/signed-token';

export const PICKUP_PURPOSE = 'childcare-pickup';

/** The last second of the period's last day (Beijing time), epoch seconds. */
export function periodEndEpoch(endsOn: string): number {
  return Date.parse(beijingDayEnd(endsOn)) / 1000 - 1;
}

export function pickupCode(
  secret: string,
  enrollmentId: string,
  guardianId: string,
  endsOn: string,
): string {
  return signToken(secret, {
    p: PICKUP_PURPOSE,
    s: `${enrollmentId}.${guardianId}`,
    exp: periodEndEpoch(endsOn),
  });
}

// Bounded: a code is ~120 bytes and its PNG ~4 KB, so 2,000 entries stay under 10 MB. Oldest out first.
const MAX_CACHED = 2000;
const cache = new Map<string, Promise<string>>();

/** The QR image of a code, drawn at most once while it stays in the cache. */
export function pickupQr(code: string): Promise<string> {
  let png = cache.get(code);
  if (!png) {
    png = qrDataUrl(code);
    png.catch(() => cache.delete(code));
    cache.set(code, png);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    qrStats.drawn++;
  }
  return png;
}

/** How many QR images this process has drawn (tests check the cache through it). */
export const qrStats = { drawn: 0 };
