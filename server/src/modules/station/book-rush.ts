// The station bed rush (POST /stations/:id/bookings and …/holds) in one statement per tap, batched
// per room type (docs/adr/0030-station-booking-in-one-statement.md): while a call for a room type
// is in flight, its next taps wait and then go to the database together, up to
// `config.enrollBatchMax` in one statement and one commit. The rules are in st_book (migration
// 0047); its refusals come back here with their facts, to be worded as the service words them.
import type { FastifyInstance } from 'fastify';
import type {
  Booking,
  CreateBookingBody,
  CreateHoldBody,
  StationErrorCode,
} from '@/contract/station';
import { beijingToday, isCalendarDate } from '@/contract/beijing-time';
import { checkAge, checkEligibility, type StayProblem } from '@/contract/station-rules';
import type { TokenUser } from '../../plugins/auth';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import type { AppError } from '../../errors';
import { KeyedBatcher } from '../../lib/keyed-batcher';
import { sqlRefusal, type SqlRefusal } from '../../lib/pg-errors';
import { sessionOrKeyRefusal, tapError } from '../../lib/rush-taps';
import * as repo from './repo';
import {
  allowanceError,
  allowanceOf,
  eligibilityRefusal,
  nightLabel,
  overlapRefusal,
  stationError,
  stayError,
  type AllowanceRules,
} from './service';

export type BookBatcher = KeyedBatcher<repo.BookTap, repo.BookAnswer>;

/** This process's queue of booking and hold taps per room type (the scarce rows are its nights). */
export function bookBatcher(app: FastifyInstance): BookBatcher {
  return new KeyedBatcher(app.config.enrollBatchMax, (roomTypeId, taps) =>
    repo.bookBatch(app.db, roomTypeId, taps),
  );
}

/**
 * One tap of 预订 (a request, or an approved stay where the station approves automatically, with
 * the eligibility form) or of 保留 (`form` null: the nights held for hold_minutes, the age judged
 * now). `user` is the verified token's (app.authenticateToken); st_book checks it.
 */
async function tap(
  app: FastifyInstance,
  batcher: BookBatcher,
  user: TokenUser,
  stationId: string,
  stay: { roomTypeId: string; checkIn: string; nights: number },
  form: repo.BookTap['form'],
  claim: IdempotencyClaim | null,
): Promise<{ replayed: boolean; body: Booking }> {
  const now = app.now();
  const t: repo.BookTap = {
    userId: user.id,
    tokenVersion: user.tokenVersion,
    stationId,
    checkIn: isCalendarDate(stay.checkIn) ? stay.checkIn : null,
    nights: stay.nights,
    form,
    now,
    today: beijingToday(now),
    claim,
  };
  const r = await batcher.submit(stay.roomTypeId, t);
  if (!r.error) return { replayed: r.replayed, body: r.body };
  // This tap's part of the call rolled back alone: its nights, booking and key claim went with it.
  const err = tapError(r.error);
  const refusal = sqlRefusal(err);
  if (refusal) throw bookRefusal(refusal, t);
  throw err;
}

export const bookStay = (
  app: FastifyInstance,
  batcher: BookBatcher,
  user: TokenUser,
  stationId: string,
  body: CreateBookingBody,
  claim: IdempotencyClaim | null,
) =>
  tap(
    app,
    batcher,
    user,
    stationId,
    body,
    {
      declaredStatus: body.declaredStatus,
      graduationDate:
        body.graduationDate && isCalendarDate(body.graduationDate) ? body.graduationDate : null,
      noLocalHome: body.noLocalHome === true,
      proofNote: body.proofNote?.trim() || null,
      proofId: body.proofId ?? null,
    },
    claim,
  );

export const holdStay = (
  app: FastifyInstance,
  batcher: BookBatcher,
  user: TokenUser,
  stationId: string,
  body: CreateHoldBody,
  claim: IdempotencyClaim | null,
) => tap(app, batcher, user, stationId, body, null, claim);

/** A refusal of st_book, in the service's words (the facts are the ones the SQL judged on). */
function bookRefusal(r: SqlRefusal, t: repo.BookTap): AppError {
  const common = sessionOrKeyRefusal(r);
  if (common) return common;
  switch (r.code) {
    case 'DATE_INVALID':
    case 'CHECKIN_IN_PAST':
    case 'NIGHTS_OUT_OF_RANGE':
    case 'CHECKIN_TOO_FAR':
      return stayError(r.code as StayProblem, {
        max_nights_per_stay: Number(r.maxNightsPerStay),
        horizon_days: Number(r.horizonDays),
      });
    case 'PROFILE_INCOMPLETE':
    case 'NOT_ELIGIBLE': {
      // the same rule in TypeScript words it (tests/api/station/eligibility-in-sql.test.ts holds them equal)
      const s = {
        minAge: Number(r.minAge),
        maxAge: Number(r.maxAge),
        graduatingWithinMonths: Number(r.graduatingWithinMonths),
        graduatedWithinMonths: Number(r.graduatedWithinMonths),
      };
      const birthDate = (r.birthDate as string | null) ?? null;
      const on = t.checkIn!;
      const verdict = t.form
        ? checkEligibility(
            {
              birthDate,
              declaredStatus: t.form.declaredStatus as CreateBookingBody['declaredStatus'],
              graduationDate: t.form.graduationDate,
              on,
            },
            s,
          )
        : checkAge(birthDate, on, s);
      return eligibilityRefusal(verdict) ?? stationError(r.code, r.status);
    }
    case 'NIGHT_FULL':
      return stationError(
        r.code,
        409,
        `${nightLabel(String(r.night))}${String(r.roomTypeName)}已满，请换个日期或房型`,
      );
    case 'STAY_OVERLAPS':
      return overlapRefusal(
        r.stationName
          ? {
              station_name: String(r.stationName),
              check_in: String(r.checkIn),
              check_out: String(r.checkOut),
            }
          : null,
      );
    case 'ALLOWANCE_EXCEEDED': {
      const rules: AllowanceRules = {
        allowance_rule: r.rule as AllowanceRules['allowance_rule'],
        allowance_nights: Number(r.allowanceNights),
        allowance_window_months: Number(r.windowMonths),
        max_nights_per_stay: Number(r.maxNightsPerStay),
      };
      const used = {
        window_start: String(r.windowStart),
        nights_used: Number(r.nightsUsed),
        stays_used: Number(r.staysUsed),
      };
      return allowanceError(rules, allowanceOf(used, String(r.on), rules).remaining);
    }
    default:
      return stationError(r.code as StationErrorCode, r.status);
  }
}
