// The shift sign-up rush (docs/adr/0031-volunteer-sign-up-in-one-statement.md): one tap is one
// statement, vol_sign_up (migration 0048), shared with the taps for the same shift that arrived
// while the previous call for it was in flight (vol_sign_up_batch: one statement, one commit).
// The rules are in the SQL; the refusals come back here to be worded.
import type { FastifyInstance } from 'fastify';
import type { TokenUser } from '../../plugins/auth';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { KeyedBatcher } from '../../lib/keyed-batcher';
import type { SqlRefusal } from '../../lib/pg-errors';
import { sessionOrKeyRefusal, tapResult, type TapAnswer } from '../../lib/rush-taps';
import { beijingTime } from '../../lib/format-time';
import { VOLUNTEER_ERRORS, type Signup, type VolunteerErrorCode } from '@/contract/volunteer';
import { VOID_BAR_COUNT } from '@/contract/volunteer-rules';

interface SignUpTap {
  userId: string;
  /** The session token's version, checked against the account's in the same call. */
  tokenVersion: number;
  /** When the tap arrived (the app's clock); a shift that has begun is refused against it. */
  now: Date;
  claim: IdempotencyClaim | null;
}

export type SignUpBatcher = KeyedBatcher<SignUpTap, TapAnswer<Signup>>;

/**
 * The sign-up taps for one shift in ONE statement: each tap's session, key claim, shift, bar,
 * start, sign-up, place and stored answer, tap by tap, and one commit for all. The answers come
 * back in the order of `taps`.
 */
async function signUpBatch(
  db: Queryable,
  shiftId: string,
  taps: SignUpTap[],
): Promise<TapAnswer<Signup>[]> {
  const calls = taps.map((t) => ({
    userId: t.userId,
    tokenVersion: t.tokenVersion,
    now: t.now.toISOString(),
    key: t.claim?.key ?? null,
    route: t.claim?.route ?? null,
    hash: t.claim?.hash ?? null,
  }));
  const [row] = await db.query<{ r: TapAnswer<Signup>[] }>(
    'SELECT vol_sign_up_batch($1::text, $2::jsonb, $3::integer) AS r',
    [shiftId, JSON.stringify(calls), VOID_BAR_COUNT],
  );
  return row!.r;
}

/**
 * This process's queue of sign-up taps per shift: while a call for a shift is in flight, its next
 * taps wait and then go to the database together, up to `config.enrollBatchMax` (which caps every
 * rush batch) in one statement and one commit.
 */
export function signUpBatcher(app: FastifyInstance): SignUpBatcher {
  return new KeyedBatcher(app.config.enrollBatchMax, (shiftId, taps) =>
    signUpBatch(app.db, shiftId, taps),
  );
}

/** One tap of 报名 for a shift. `user` is the verified token's (app.authenticateToken). */
export async function signUp(
  app: FastifyInstance,
  batcher: SignUpBatcher,
  user: TokenUser,
  shiftId: string,
  claim: IdempotencyClaim | null,
): Promise<{ replayed: boolean; body: Signup }> {
  const r = await batcher.submit(shiftId, {
    userId: user.id,
    tokenVersion: user.tokenVersion,
    now: app.now(),
    claim,
  });
  // a refused tap's part of the call rolled back alone: its sign-up, place and key claim
  return tapResult(r, signUpRefusal);
}

/** A refusal of vol_sign_up, in the family's words; an overlap names the person's other shift. */
function signUpRefusal(r: SqlRefusal): AppError {
  const common = sessionOrKeyRefusal(r);
  if (common) return common;
  const code = r.code as VolunteerErrorCode;
  if (code === 'SHIFT_OVERLAP' && typeof r.title === 'string') {
    const [from, to] = [beijingTime(String(r.startsAt)), beijingTime(String(r.endsAt))];
    return new AppError(code, `与您已报名的「${r.title}」（${from}–${to.slice(-5)}）时间重叠`, 409);
  }
  return new AppError(code, VOLUNTEER_ERRORS[code], r.status);
}
