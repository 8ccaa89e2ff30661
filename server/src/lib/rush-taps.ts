// What the one-statement rush calls share (docs/adr/0025-childcare-enroll-in-one-statement.md,
// 0026-group-commit-by-batching.md, 0028-night-school-apply-in-one-statement.md): a tap's answer
// from a batch, the error its own block raised rebuilt as the error it was, and the session and
// Idempotency-Key refusals every such statement raises before its own rules.
import { AppError } from '../errors';
import { KEY_IN_PROGRESS_MESSAGE } from '../plugins/idempotency';
import { sqlRefusal, type SqlRefusal } from './pg-errors';

/** The error a tap's block caught (rolled back alone): its SQLSTATE, message, DETAIL and constraint. */
export interface TapError {
  code: string;
  message: string;
  detail: string | null;
  constraint: string | null;
}

/** A tap's answer from a batch: what it would have answered alone, or its own error. */
export type TapAnswer<Body> =
  { replayed: boolean; statusCode: number; body: Body; error?: undefined } | { error: TapError };

/** The caught error as a thrown one, so isUniqueViolation() and sqlRefusal() read it as usual. */
export function tapError(e: TapError): Error {
  return Object.assign(new Error(e.message), e);
}

/** yh_check_session's and yh_claim_key's refusals (migration 0035), or null for the route's own. */
export function sessionOrKeyRefusal(r: SqlRefusal): AppError | null {
  switch (r.code) {
    case 'UNAUTHORIZED':
    case 'SESSION_REVOKED':
      return new AppError(r.code, undefined, r.status);
    case 'IDEMPOTENCY_KEY_REUSED':
      return new AppError(r.code, r.inProgress ? KEY_IN_PROGRESS_MESSAGE : undefined, r.status);
    default:
      return null;
  }
}

/**
 * What a tap of a batch answers: its own answer, or the error its block raised — a refusal of the
 * route's SQL in the route's words (`refuse`), any other error as it was.
 */
export function tapResult<Body>(
  answer: TapAnswer<Body>,
  refuse: (r: SqlRefusal) => AppError,
): { replayed: boolean; body: Body } {
  if (!answer.error) return { replayed: answer.replayed, body: answer.body };
  const err = tapError(answer.error);
  const refusal = sqlRefusal(err);
  throw refusal ? refuse(refusal) : err;
}
