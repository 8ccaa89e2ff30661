// Short signed tokens for things people scan or type: booking codes, rotating on-site check-in
// codes, pick-up codes. `purpose` separates the kinds, so a booking code never passes as a
// check-in code; `exp` (epoch seconds) makes a photo of a rotating code useless once it expires.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenPayload {
  /** What the token is for, e.g. 'station-booking', 'volunteer-checkin'. */
  p: string;
  /** The subject: a booking id, a shift id… */
  s: string;
  /** Expiry, epoch seconds; absent for codes that live as long as their subject. */
  exp?: number;
}

const b64url = (buf: Buffer) => buf.toString('base64url');

function sign(secret: string, body: string): string {
  return b64url(createHmac('sha256', secret).update(body).digest()).slice(0, 22);
}

export function signToken(secret: string, payload: TokenPayload): string {
  const body = b64url(Buffer.from(JSON.stringify(payload)));
  return `${body}.${sign(secret, body)}`;
}

export type VerifyResult =
  | { ok: true; payload: TokenPayload }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong-purpose' };

/** Checks the signature, the purpose and — at `at`, which may be a past scan time — the expiry. */
export function verifyToken(
  secret: string,
  token: string,
  purpose: string,
  at: Date,
): VerifyResult {
  const [body, sig, extra] = String(token).trim().split('.');
  if (!body || !sig || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'forged' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (payload.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (payload.exp !== undefined && at.getTime() / 1000 > payload.exp)
    return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
