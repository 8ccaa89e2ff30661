// Rules and transactions of the talent-station service. Every write that guards an invariant is a
// conditional statement in repo.ts; this file orders them inside one transaction.
import type { FastifyInstance } from 'fastify';
import {
  STATION_ERRORS,
  type Allowance,
  type Booking,
  type EligibilityFormBody,
  type OverdueReviewList,
  type CreateProofBody,
  type Proof,
  type ProofImage,
  type CreateRoomTypeBody,
  type Eligibility,
  type MyBooking,
  type MyStation,
  type Occupancy,
  type RoomType,
  type Settings,
  type StationRules,
  type UpdateStationRulesBody,
  type StaffBooking,
  type StaffBookingQuery,
  type Station,
  type StationDetail,
  type StationErrorCode,
  type UpdateRoomTypeBody,
  type UpdateSettingsBody,
  type UpdateStationBody,
} from '@/contract/station';

import { addDays, beijingToday } from '@/contract/beijing-time';
import {
  addMonths,
  checkEligibility,
  firstUnusedNight,
  isInCheckInWindow,
  isInLateCheckInWindow,
  LATE_ARRIVAL_GRACE_MINUTES,
  nightsOf,
  noShowCutoff,
  remainingAllowance,
  reviewDueDay,
  stayProblem,
  type DeclaredStatus,
  type StayProblem,
  type Eligibility as EligibilityVerdict,
} from '@/contract/station-rules';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { FILE_ERRORS } from '@/contract/files';
import { isUniqueViolation } from '../../lib/pg-errors';
import * as files from '../files/service';
import { assertOrgAccess, canManageOrg as canSeeStation } from '../../lib/org-access';
import { qrDataUrl } from '../../lib/qr';
import { signToken, verifyToken } from '../../lib/signed-token';
import { toBooking, toRoomType, toSettings, toStaffBooking, toStation } from './present';
import { audit } from '../../lib/audit';
import { notify } from '../messages/service';
import { remindThrough } from '../../lib/day-before';
import * as repo from './repo';
import { calendarFrom } from './work-calendar';

export const BOOKING_CODE_PURPOSE = 'station-booking';

export function stationError(code: StationErrorCode, status: number, message?: string): AppError {
  return new AppError(code, message ?? STATION_ERRORS[code], status);
}

const today = (app: FastifyInstance) => beijingToday(app.now());

// ---- settings
export async function getSettings(app: FastifyInstance): Promise<Settings> {
  return toSettings(await repo.getSettings(app.db));
}

/** The district defaults: the committee's (the route admits admins only). */
export async function updateSettings(
  app: FastifyInstance,
  auth: AuthUser,
  patch: UpdateSettingsBody,
): Promise<Settings> {
  return app.db.transaction(async (tx) => {
    await repo.updateSettings(tx, patch);
    const s = await repo.getSettings(tx);
    if (s.min_age > s.max_age)
      throw new AppError('VALIDATION_FAILED', '最小年龄不能大于最大年龄', 400);
    await audit(app, tx, auth, {
      action: 'station.settings.update',
      entity: 'station_settings',
      after: patch,
    });
    return toSettings(s);
  });
}

// ---- one station's own rules (auto-approval, allowance, nights per stay) over the district defaults
async function stationRules(db: Queryable, stationId: string): Promise<StationRules> {
  const [rules, defaults, own] = await Promise.all([
    repo.getSettings(db, stationId),
    repo.getSettings(db),
    repo.getStationRules(db, stationId),
  ]);
  return {
    stationId,
    rules: toSettings(rules),
    defaults: toSettings(defaults),
    overrides: {
      autoApprove: own.auto_approve,
      allowanceRule: own.allowance_rule,
      allowanceNights: own.allowance_nights,
      maxNightsPerStay: own.max_nights_per_stay,
      graduatingWithinMonths: own.graduating_within_months,
      graduatedWithinMonths: own.graduated_within_months,
      noLocalHomeRequired: own.no_local_home_required,
      proofRequired: own.proof_required,
    },
  };
}

export async function getStationRules(
  app: FastifyInstance,
  stationId: string,
): Promise<StationRules> {
  if (!(await repo.getStation(app.db, stationId))) throw stationError('STATION_NOT_FOUND', 404);
  return stationRules(app.db, stationId);
}

/** Staff of this station (or an admin) set its rules; staff of another station get a 404. */
export async function updateStationRules(
  app: FastifyInstance,
  auth: AuthUser,
  stationId: string,
  patch: UpdateStationRulesBody,
): Promise<StationRules> {
  return app.db.transaction(async (tx) => {
    await assertStation(tx, auth, stationId);
    const before = await stationRules(tx, stationId);
    await repo.upsertStationRules(tx, stationId, patch);
    const after = await stationRules(tx, stationId);
    await audit(app, tx, auth, {
      action: 'station.rules.update',
      entity: 'station',
      entityId: stationId,
      orgId: stationId,
      before: before.overrides,
      after: after.overrides,
    });
    return after;
  });
}

// ---- stations (public)
async function stationsWithFree(
  app: FastifyInstance,
  db: Queryable,
  only?: string,
): Promise<Station[]> {
  const from = today(app);
  const to = addDays(from, 7);
  const [stations, roomTypes, free] = await Promise.all([
    repo.listStations(db),
    repo.listRoomTypes(db),
    repo.freeByStation(db, from, to),
  ]);
  return stations
    .filter((s) => !only || s.id === only)
    .map((s) => {
      const week = nightsOf(from, to).map(
        (n) => free.find((f) => f.station_id === s.id && f.night === n)?.free ?? 0,
      );
      return toStation(
        s,
        roomTypes.filter((r) => r.station_id === s.id),
        week,
      );
    });
}

export async function listStations(app: FastifyInstance): Promise<Station[]> {
  return stationsWithFree(app, app.db);
}

export async function stationDetail(
  app: FastifyInstance,
  stationId: string,
  range: { from?: string; to?: string },
): Promise<StationDetail> {
  const [station] = await stationsWithFree(app, app.db, stationId);
  if (!station) throw stationError('STATION_NOT_FOUND', 404);
  const settings = await repo.getSettings(app.db);
  const { from, to } = clampRange(today(app), range, settings.horizon_days);
  const nights = (await repo.listNights(app.db, stationId, from, to)).map(toCalendarNight);
  return { station, from, to, nights };
}

function clampRange(
  t: string,
  range: { from?: string; to?: string },
  horizon: number,
  pastDays = 0,
) {
  const from = range.from && range.from >= addDays(t, -pastDays) ? range.from : t;
  const maxTo = addDays(from, Math.max(horizon, 1));
  const to = range.to && range.to > from && range.to <= maxTo ? range.to : maxTo;
  return { from, to };
}

function toCalendarNight(n: repo.NightRow) {
  return {
    night: n.night,
    roomTypeId: n.room_type_id,
    beds: n.beds,
    taken: n.taken,
    free: n.closed ? 0 : n.beds - n.taken,
    closed: n.closed,
  };
}

// ---- residents
/** The allowance rules of a station, as the settings row (or a refusal's facts) gives them. */
export type AllowanceRules = Pick<
  repo.SettingsRow,
  'allowance_rule' | 'allowance_nights' | 'allowance_window_months' | 'max_nights_per_stay'
>;

export function allowanceOf(
  row: repo.AllowanceRow | null,
  on: string,
  s: AllowanceRules,
): Allowance {
  const remaining = remainingAllowance(
    row && {
      windowStart: row.window_start,
      nightsUsed: row.nights_used,
      staysUsed: row.stays_used,
    },
    on,
    {
      allowanceRule: s.allowance_rule,
      allowanceNights: s.allowance_nights,
      allowanceWindowMonths: s.allowance_window_months,
      maxNightsPerStay: s.max_nights_per_stay,
    },
  );
  const open =
    row && row.nights_used > 0 && addMonths(row.window_start, s.allowance_window_months) > on;
  const total = s.allowance_rule === 'one_stay' ? s.max_nights_per_stay : s.allowance_nights;
  return {
    rule: s.allowance_rule,
    total,
    used: open ? row.nights_used : 0,
    remaining,
    staysUsed: open ? row.stays_used : 0,
    windowMonths: s.allowance_window_months,
    windowStart: open ? row.window_start : null,
    windowEnd: open ? addMonths(row.window_start, s.allowance_window_months) : null,
  };
}

/** The refusal when the allowance is spent, in the words of the rule in force. */
export function allowanceError(s: AllowanceRules, left: number): AppError {
  const months = s.allowance_window_months;
  return stationError(
    'ALLOWANCE_EXCEEDED',
    409,
    s.allowance_rule === 'one_stay'
      ? `${months}个月内可免费入住1次，您已有一次入住或预订`
      : `${months}个月内免费入住最多${s.allowance_nights}晚，您还可预订${left}晚`,
  );
}

export const limitOf = (s: repo.SettingsRow): repo.AllowanceLimit => ({
  rule: s.allowance_rule,
  nights: s.allowance_nights,
  windowMonths: s.allowance_window_months,
});

export async function eligibility(
  app: FastifyInstance,
  auth: AuthUser,
  q: { declaredStatus?: DeclaredStatus; graduationDate?: string; on?: string; stationId?: string },
): Promise<Eligibility> {
  const s = await repo.getSettings(app.db, q.stationId ?? null);
  const on = q.on && q.on >= today(app) ? q.on : today(app);
  const verdict = checkEligibility(
    {
      birthDate: auth.row.birth_date,
      declaredStatus: q.declaredStatus ?? 'job_seeking',
      graduationDate: q.graduationDate,
      on,
    },
    eligibilitySettings(s),
  );
  const bookings = await repo.listUserBookings(app.db, auth.id);
  const allowance = allowanceOf(await repo.getAllowance(app.db, auth.id), on, s);
  return {
    ok: verdict.ok && allowance.remaining > 0,
    code: verdict.ok ? (allowance.remaining > 0 ? null : 'ALLOWANCE_EXCEEDED') : verdict.code,
    reason: verdict.ok
      ? allowance.remaining > 0
        ? null
        : STATION_ERRORS.ALLOWANCE_EXCEEDED
      : verdict.reason,
    age: verdict.ok ? verdict.age : null,
    gender: auth.row.gender,
    maxNightsPerStay: s.max_nights_per_stay,
    allowance,
    hasActiveBooking: bookings.some((b) => ACTIVE.includes(b.status)),
    requirements: {
      graduatingWithinMonths: s.graduating_within_months,
      graduatedWithinMonths: s.graduated_within_months,
      noLocalHomeRequired: s.no_local_home_required,
      proofRequired: s.proof_required,
      holdMinutes: s.hold_minutes,
    },
  };
}

const eligibilitySettings = (s: repo.SettingsRow) => ({
  minAge: s.min_age,
  maxAge: s.max_age,
  graduatingWithinMonths: s.graduating_within_months,
  graduatedWithinMonths: s.graduated_within_months,
});

const STAY_STATUS: Record<string, number> = {
  DATE_INVALID: 400,
  CHECKIN_IN_PAST: 400,
  NIGHTS_OUT_OF_RANGE: 400,
  CHECKIN_TOO_FAR: 400,
};

const ACTIVE = ['held', 'requested', 'approved', 'checked_in'];

/** Locks the person first (repo.lockGuests): every write to their bookings starts here. */
export const lockGuest = (app: FastifyInstance, tx: Queryable, userId: string) =>
  repo.lockGuests(tx, [userId], today(app));

/** 409 STAY_OVERLAPS, naming the stay it collides with. */
export async function overlapError(
  tx: Queryable,
  userId: string,
  stay: { checkIn: string; checkOut: string },
  exceptId: string | null = null,
): Promise<AppError> {
  const other = await repo.overlappingStay(tx, userId, stay.checkIn, stay.checkOut, exceptId);
  return overlapRefusal(other);
}

/** 409 STAY_OVERLAPS in the words of the other stay (as the booking rush's SQL reports it too). */
export function overlapRefusal(
  other: { station_name: string; check_in: string; check_out: string } | null,
): AppError {
  return stationError(
    'STAY_OVERLAPS',
    409,
    other
      ? `与您${nightLabel(other.check_in)}–${nightLabel(other.check_out)}在${other.station_name}的预订重叠，请换个日期`
      : undefined,
  );
}

/** The dates of a stay against today and the rules (past, nights per stay, horizon). */
export function assertStay(s: repo.SettingsRow, checkIn: string, nights: number, now: Date): void {
  const problem = stayProblem(checkIn, nights, beijingToday(now), {
    maxNightsPerStay: s.max_nights_per_stay,
    horizonDays: s.horizon_days,
  });
  if (problem) throw stayError(problem, s);
}

/** A stay's dates refused, in the words of the rules (the booking rush's SQL reports the same facts). */
export function stayError(
  problem: StayProblem,
  s: Pick<repo.SettingsRow, 'max_nights_per_stay' | 'horizon_days'>,
): AppError {
  const msg =
    problem === 'NIGHTS_OUT_OF_RANGE'
      ? `每次入住1–${s.max_nights_per_stay}晚`
      : problem === 'CHECKIN_TOO_FAR'
        ? `只能预订今天起${s.horizon_days}天内的床位`
        : undefined;
  return stationError(problem, STAY_STATUS[problem], msg);
}

/** Age (on the first night) and declared status against the rules. */
export function assertEligible(
  auth: AuthUser,
  s: repo.SettingsRow,
  q: { declaredStatus: DeclaredStatus; graduationDate?: string | null; on: string },
): void {
  throwIfRefused(
    checkEligibility({ birthDate: auth.row.birth_date, ...q }, eligibilitySettings(s)),
  );
}

function throwIfRefused(verdict: EligibilityVerdict): void {
  const refusal = eligibilityRefusal(verdict);
  if (refusal) throw refusal;
}

/** A verdict of checkEligibility()/checkAge() as the refusal the API answers, or null. */
export function eligibilityRefusal(verdict: EligibilityVerdict): AppError | null {
  return verdict.ok
    ? null
    : stationError(verdict.code, verdict.code === 'PROFILE_INCOMPLETE' ? 400 : 403, verdict.reason);
}

/**
 * The rest of the eligibility form, as the rules of the station ask: the "no home of my own in
 * this city" declaration and a proof, where required; a proof must be the guest's own.
 */
async function assertForm(
  tx: Queryable,
  auth: AuthUser,
  s: repo.SettingsRow,
  form: { noLocalHome?: boolean; proofId?: string },
): Promise<void> {
  if (s.no_local_home_required && form.noLocalHome !== true)
    throw stationError('HOME_DECLARATION_REQUIRED', 400);
  if (s.proof_required && !form.proofId) throw stationError('PROOF_REQUIRED', 400);
  // Someone else's proof is as unknown as a missing one.
  if (form.proofId && (await repo.proofOwner(tx, form.proofId)) !== auth.id)
    throw stationError('PROOF_NOT_FOUND', 404);
}

/**
 * The eligibility form completes the owner's hold while it still holds (server clock): the hold
 * becomes a request, or an approved stay where the station approves automatically. Too late →
 * 409 STAY_HOLD_EXPIRED (the job gives its nights back).
 */
export async function completeHold(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  form: EligibilityFormBody,
): Promise<Booking> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    await lockGuest(app, tx, auth.id);
    const b = await ownBooking(tx, auth, id);
    if (b.status !== 'held')
      throw stationError(b.status === 'expired' ? 'STAY_HOLD_EXPIRED' : 'BOOKING_NOT_HELD', 409);
    const s = await repo.getSettings(tx, b.station_id);
    assertEligible(auth, s, { ...form, on: b.check_in });
    await assertForm(tx, auth, s, form);
    const done = await repo.completeHold(tx, {
      id,
      userId: auth.id,
      status: s.auto_approve ? 'approved' : 'requested',
      declaredStatus: form.declaredStatus,
      graduationDate: form.graduationDate ?? null,
      noLocalHome: form.noLocalHome === true,
      proofNote: form.proofNote?.trim() || null,
      proofId: form.proofId ?? null,
      now,
    });
    if (!done) throw stationError('STAY_HOLD_EXPIRED', 409);
    return toBooking((await repo.getBooking(tx, id))!);
  });
}

/** Timed job: holds whose time ran out give their nights and allowance back ('expired'). */
export async function releaseHolds(tx: Queryable, now: Date): Promise<number> {
  const lapsed = await repo.lapsedHolds(tx, now);
  // every person concerned before any night: the order a booking takes its locks in
  await repo.lockGuests(tx, [...new Set(lapsed.map((b) => b.user_id))], beijingToday(now));
  let n = 0;
  for (const b of lapsed) {
    if (!(await repo.transition(tx, b.id, ['held'], 'expired', now))) continue;
    await release(tx, b, b.check_in);
    n++;
  }
  return n;
}

/**
 * The committee's list: requests still 待审核 after the review's working days (counted from the
 * day the form was submitted, Beijing dates, Monday to Friday less the committee's holidays plus
 * its 调休 workdays: ./work-calendar.ts).
 */
export async function overdueReviews(app: FastifyInstance): Promise<OverdueReviewList> {
  const now = app.now();
  const s = await repo.getSettings(app.db);
  const t = today(app);
  // N working days are at least N calendar days: anything newer cannot be overdue yet.
  const rows = await repo.waitingRequests(
    app.db,
    new Date(now.getTime() - s.review_working_days * 86_400_000),
  );
  const days = rows.map((r) => beijingToday(toDate(r.submitted_at!)));
  // holidays and 调休 days from the oldest submission on: one read for the whole list
  const calendar = days.length
    ? await calendarFrom(
        app.db,
        days.reduce((a, b) => (a < b ? a : b)),
      )
    : {};
  const items = rows
    .map((r, i) => ({ r, dueDay: reviewDueDay(days[i], s.review_working_days, calendar) }))
    .filter(({ dueDay }) => dueDay < t)
    .map(({ r, dueDay }) => ({
      ...toStaffBooking(r, t),
      submittedAt: toDate(r.submitted_at!).toISOString(),
      dueDay,
    }));
  return { workingDays: s.review_working_days, items };
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

export async function ownBooking(
  db: Queryable,
  auth: AuthUser,
  id: string,
): Promise<repo.BookingRow> {
  const b = await repo.getBooking(db, id);
  // Someone else's booking answers exactly like a missing one.
  if (!b || b.user_id !== auth.id) throw stationError('BOOKING_NOT_FOUND', 404);
  return b;
}

export async function getMyBooking(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
): Promise<MyBooking> {
  const b = await ownBooking(app.db, auth, id);
  const code = bookingCode(app, b);
  return { ...toBooking(b), code, qrDataUrl: code ? await qrDataUrl(code) : null };
}

/**
 * The check-in code exists only once the station has approved the stay: a code shown while
 * 待审核 reads as a confirmed bed at the front desk.
 */
function bookingCode(app: FastifyInstance, b: repo.BookingRow): string | null {
  return b.status === 'approved' || b.status === 'checked_in'
    ? signToken(app.codeSecret, { p: BOOKING_CODE_PURPOSE, s: b.id })
    : null;
}

/**
 * Gives back a booking's nights from `fromNight` on, to stock and to the person's allowance; from
 * its first night on, the stay itself too (it no longer counts as a stay of the window).
 */
async function release(
  tx: Queryable,
  b: { id: string; user_id: string; check_in: string },
  fromNight: string,
): Promise<number> {
  const n = await repo.releaseNights(tx, b.id, fromNight);
  await repo.refundAllowance(tx, b.user_id, n, fromNight <= b.check_in && n > 0 ? 1 : 0);
  return n;
}

export async function cancelBooking(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
): Promise<Booking> {
  return app.db.transaction(async (tx) => {
    const b = await ownBooking(tx, auth, id);
    await lockGuest(app, tx, auth.id);
    if (
      !(await repo.transition(tx, id, ['held', 'requested', 'approved'], 'cancelled', app.now(), {
        userId: auth.id,
      }))
    ) {
      throw stationError('BOOKING_NOT_CANCELLABLE', 409);
    }
    await release(tx, b, b.check_in);
    return toBooking((await repo.getBooking(tx, id))!);
  });
}

/**
 * Account deletion: a booking not yet checked in is cancelled in the caller's transaction and its
 * nights go back to stock, as on a cancellation. Returns how many were cancelled.
 */
export async function cancelAllOf(tx: Queryable, userId: string, now: Date): Promise<number> {
  await repo.lockGuests(tx, [userId], beijingToday(now));
  let n = 0;
  for (const b of await repo.listUserBookings(tx, userId)) {
    if (
      !(await repo.transition(tx, b.id, ['held', 'requested', 'approved'], 'cancelled', now, {
        userId,
      }))
    )
      continue;
    await release(tx, b, b.check_in);
    n += 1;
  }
  return n;
}

export async function myStation(app: FastifyInstance, auth: AuthUser): Promise<MyStation> {
  const s = await repo.getSettings(app.db);
  const rows = await repo.listUserBookings(app.db, auth.id);
  // the one in the house first, then by first night
  const upcoming = rows
    .filter((b) => ACTIVE.includes(b.status))
    .sort(
      (x, y) =>
        Number(y.status === 'checked_in') - Number(x.status === 'checked_in') ||
        (x.check_in < y.check_in ? -1 : 1),
    );
  const currentRow = upcoming[0] ?? null;
  const code = currentRow && bookingCode(app, currentRow);
  return {
    upcoming: upcoming.map(toBooking),
    current: currentRow && toBooking(currentRow),
    code,
    qrDataUrl: code ? await qrDataUrl(code) : null,
    history: rows.filter((b) => !ACTIVE.includes(b.status)).map(toBooking),
    allowance: allowanceOf(await repo.getAllowance(app.db, auth.id), today(app), s),
  };
}

// ---- proof images: the image is an uploaded file (modules/files); the proof says what it shows
export async function uploadProof(
  app: FastifyInstance,
  auth: AuthUser,
  body: CreateProofBody,
): Promise<Proof> {
  const file = await files.ownFile(app.db, auth, body.fileId, 'station_proof');
  let row: Awaited<ReturnType<typeof repo.insertProof>>;
  try {
    row = await repo.insertProof(app.db, {
      userId: auth.id,
      kind: body.kind,
      fileId: file.id,
      bytes: file.bytes,
      now: app.now(),
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('FILE_IN_USE', FILE_ERRORS.FILE_IN_USE, 409);
    throw err;
  }
  return {
    id: row.id,
    kind: row.kind as Proof['kind'],
    bytes: row.bytes,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The proof of a booking, for its owner or the staff of its station; 404 for anyone else. */
export async function bookingProof(
  app: FastifyInstance,
  auth: AuthUser,
  bookingId: string,
): Promise<ProofImage> {
  const b = await repo.getBooking(app.db, bookingId);
  if (!b || (b.user_id !== auth.id && !canSeeStation(auth, b.station_id)))
    throw stationError('BOOKING_NOT_FOUND', 404);
  const proof = b.proof_id ? await repo.getProof(app.db, b.proof_id) : null;
  if (!proof) throw stationError('PROOF_NOT_FOUND', 404);
  return {
    kind: proof.kind as ProofImage['kind'],
    fileId: proof.file_id,
    // kept from before files existed, until retention deletes it
    dataUrl: proof.data ? `data:${proof.mime};base64,${proof.data}` : null,
  };
}

// ---- staff
async function staffBooking(db: Queryable, auth: AuthUser, id: string): Promise<repo.BookingRow> {
  const b = await repo.getBooking(db, id);
  if (!b) throw stationError('BOOKING_NOT_FOUND', 404);
  assertOrgAccess(auth, b.station_id, 'BOOKING_NOT_FOUND');
  return b;
}

async function assertStation(
  db: Queryable,
  auth: AuthUser,
  stationId: string,
): Promise<repo.StationRow> {
  assertOrgAccess(auth, stationId, 'STATION_NOT_FOUND');
  const st = await repo.getStation(db, stationId);
  if (!st) throw stationError('STATION_NOT_FOUND', 404);
  return st;
}

export async function staffBookings(
  app: FastifyInstance,
  auth: AuthUser,
  stationId: string,
  q: StaffBookingQuery,
): Promise<StaffBooking[]> {
  await assertStation(app.db, auth, stationId);
  const t = today(app);
  const rows = await repo.listStationBookings(app.db, stationId, {
    ...q,
    date: q.date ?? (q.view && q.view !== 'all' ? t : undefined),
  });
  return rows.map((r) => toStaffBooking(r, t));
}

export async function approveBooking(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
): Promise<StaffBooking> {
  return app.db.transaction(async (tx) => {
    const b = await staffBooking(tx, auth, id);
    await lockGuest(app, tx, b.user_id);
    if (!(await repo.transition(tx, id, ['requested'], 'approved', app.now())))
      throw stationError('BOOKING_NOT_PENDING', 409);
    await audit(app, tx, auth, {
      action: 'station.booking.approve',
      entity: 'station_booking',
      entityId: id,
      orgId: b.station_id,
      before: { status: b.status },
      after: { status: 'approved' },
    });
    // the check-in window of the station's rules, as the booking pages word it
    const s = await repo.getSettings(tx, b.station_id);
    await notify(app, tx, {
      userId: b.user_id,
      kind: 'booking',
      title: '驿站预约已通过',
      body: `${b.station_name} ${nightLabel(b.check_in)}入住，请于当天 ${s.check_in_from}–${s.check_in_until} 凭预约码和身份证办理入住。`,
      link: '/features/station/pages/mine/index',
    });
    return toStaffBooking((await repo.getBooking(tx, id))!, today(app));
  });
}

export async function rejectBooking(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  reason: string,
): Promise<StaffBooking> {
  return app.db.transaction(async (tx) => {
    const b = await staffBooking(tx, auth, id);
    await lockGuest(app, tx, b.user_id);
    const why = reason.trim();
    if (
      !(await repo.transition(tx, id, ['requested', 'approved'], 'rejected', app.now(), {
        rejectReason: why,
      }))
    ) {
      throw stationError('BOOKING_NOT_PENDING', 409);
    }
    await release(tx, b, b.check_in);
    await audit(app, tx, auth, {
      action: 'station.booking.reject',
      entity: 'station_booking',
      entityId: id,
      orgId: b.station_id,
      before: { status: b.status },
      after: { status: 'rejected', reason: why },
    });
    await notify(app, tx, {
      userId: b.user_id,
      kind: 'booking',
      title: '驿站预约未通过',
      body: `${b.station_name} ${nightLabel(b.check_in)}的预约未通过：${why}。床位已释放，可重新预约。`,
      link: '/features/station/pages/mine/index',
    });
    return toStaffBooking((await repo.getBooking(tx, id))!, today(app));
  });
}

/**
 * Staff scan the resident's code: check-in on the first night, inside the check-in window. After
 * the window closes, until the next morning, only with a reason, which goes to the audit log.
 */
export async function scanCheckIn(
  app: FastifyInstance,
  auth: AuthUser,
  code: string,
  lateReason?: string,
): Promise<StaffBooking> {
  const now = app.now();
  const v = verifyToken(app.codeSecret, code, BOOKING_CODE_PURPOSE, now);
  if (!v.ok) throw stationError('CODE_INVALID', 400);
  return app.db.transaction(async (tx) => {
    const b = await staffBooking(tx, auth, v.payload.s);
    await lockGuest(app, tx, b.user_id);
    const s = await repo.getSettings(tx);
    if (b.status !== 'approved')
      throw stationError(
        'BOOKING_NOT_APPROVED',
        409,
        b.status === 'checked_in' ? '该住客已办理入住' : undefined,
      );
    const reason = lateReason?.trim() || null;
    const inWindow = isInCheckInWindow(now, b.check_in, s.check_in_from, s.check_in_until);
    const late = !inWindow && !!reason && isInLateCheckInWindow(now, b.check_in, s.check_in_until);
    if (!inWindow && !late) {
      throw stationError(
        'CHECKIN_WINDOW_CLOSED',
        409,
        `只能在入住当天（${b.check_in}）${s.check_in_from}–${s.check_in_until}办理入住`,
      );
    }
    if (!(await repo.transition(tx, b.id, ['approved'], 'checked_in', now)))
      throw stationError('BOOKING_NOT_APPROVED', 409);
    await audit(app, tx, auth, {
      action: late ? 'station.booking.check_in_late' : 'station.booking.check_in',
      entity: 'station_booking',
      entityId: b.id,
      orgId: b.station_id,
      before: { status: b.status },
      after: late ? { status: 'checked_in', reason } : { status: 'checked_in' },
    });
    return toStaffBooking((await repo.getBooking(tx, b.id))!, today(app));
  });
}

/** Check-out (early or on time): unused nights go back to stock and to the allowance. */
export async function checkOut(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
): Promise<StaffBooking> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    const b = await staffBooking(tx, auth, id);
    await lockGuest(app, tx, b.user_id);
    if (!(await repo.transition(tx, id, ['checked_in'], 'checked_out', now)))
      throw stationError('BOOKING_NOT_CHECKED_IN', 409);
    const returned = await release(tx, b, firstUnusedNight(now, b.check_in));
    await audit(app, tx, auth, {
      action: 'station.booking.check_out',
      entity: 'station_booking',
      entityId: id,
      orgId: b.station_id,
      before: { status: b.status },
      after: { status: 'checked_out', nightsReturned: returned },
    });
    return toStaffBooking((await repo.getBooking(tx, id))!, today(app));
  });
}

/** Staff scan the same code at departure. */
export async function scanCheckOut(
  app: FastifyInstance,
  auth: AuthUser,
  code: string,
): Promise<StaffBooking> {
  const v = verifyToken(app.codeSecret, code, BOOKING_CODE_PURPOSE, app.now());
  if (!v.ok) throw stationError('CODE_INVALID', 400);
  return checkOut(app, auth, v.payload.s);
}

/**
 * Timed job: an approved booking not checked in by the end of its first night's window is a
 * no-show — its first night stays counted, the rest go back to stock and allowance. A request
 * staff never decided on expires and gives everything back.
 */
export async function releaseNoShows(tx: Queryable, now: Date, until: string): Promise<number> {
  const cutoff = noShowCutoff(now, until);
  // a guest who reported 晚到 keeps the bed until that time plus the grace period
  const missed = await repo.missedFirstNight(tx, cutoff, now, LATE_ARRIVAL_GRACE_MINUTES);
  // every person concerned before any night: the order a booking takes its locks in
  await repo.lockGuests(tx, [...new Set(missed.map((b) => b.user_id))], beijingToday(now));
  let n = 0;
  for (const b of missed) {
    const to = b.status === 'approved' ? 'no_show' : 'expired';
    // re-checked in the UPDATE: a report may have landed since the list was read
    const held = { lateGraceMinutes: LATE_ARRIVAL_GRACE_MINUTES };
    if (!(await repo.transition(tx, b.id, [b.status], to, now, held))) continue;
    await release(tx, b, to === 'no_show' ? addDays(b.check_in, 1) : b.check_in);
    n++;
  }
  return n;
}

// ---- inventory
export async function updateStation(
  app: FastifyInstance,
  auth: AuthUser,
  stationId: string,
  body: UpdateStationBody,
): Promise<Station> {
  await app.db.transaction(async (tx) => {
    await assertStation(tx, auth, stationId);
    const { summary, coordinates, ...details } = body;
    await repo.updateStationDetails(tx, stationId, summary?.trim() ?? null, details);
    if (coordinates !== undefined) await repo.setStationCoordinates(tx, stationId, coordinates);
    await audit(app, tx, auth, {
      action: 'station.update',
      entity: 'station',
      entityId: stationId,
      orgId: stationId,
      after: body,
    });
  });
  const [station] = await stationsWithFree(app, app.db, stationId);
  return station;
}

export async function occupancy(
  app: FastifyInstance,
  auth: AuthUser,
  stationId: string,
  range: { from?: string; to?: string },
): Promise<Occupancy> {
  await assertStation(app.db, auth, stationId);
  const s = await repo.getSettings(app.db);
  const { from, to } = clampRange(today(app), range, s.horizon_days, 366);
  const [roomTypes, nights] = await Promise.all([
    repo.listRoomTypes(app.db, stationId),
    repo.listNights(app.db, stationId, from, to),
  ]);
  return { from, to, roomTypes: roomTypes.map(toRoomType), nights: nights.map(toCalendarNight) };
}

export async function createRoomType(
  app: FastifyInstance,
  auth: AuthUser,
  stationId: string,
  body: CreateRoomTypeBody,
): Promise<RoomType> {
  return app.db.transaction(async (tx) => {
    await assertStation(tx, auth, stationId);
    const rt = await repo.insertRoomType(tx, { stationId, ...body, name: body.name.trim() });
    if (!rt) throw stationError('ROOM_TYPE_EXISTS', 409);
    const s = await repo.getSettings(tx);
    await repo.ensureNights(tx, today(app), s.horizon_days, rt.id);
    await audit(app, tx, auth, {
      action: 'station.room_type.create',
      entity: 'station_room_type',
      entityId: rt.id,
      orgId: stationId,
      after: body,
    });
    return toRoomType(rt);
  });
}

export async function updateRoomType(
  app: FastifyInstance,
  auth: AuthUser,
  stationId: string,
  roomTypeId: string,
  body: UpdateRoomTypeBody,
): Promise<RoomType> {
  assertOrgAccess(auth, stationId, 'STATION_NOT_FOUND');
  try {
    return await app.db.transaction(async (tx) => {
      const rt = await repo.getRoomType(tx, stationId, roomTypeId);
      if (!rt) throw stationError('ROOM_TYPE_NOT_FOUND', 404);
      await repo.updateRoomType(tx, roomTypeId, body.name?.trim(), body.beds);
      // Future nights only: the past is history. CHECK (taken <= beds) refuses stranding a booking.
      if (body.beds !== undefined) await repo.setNightBeds(tx, roomTypeId, today(app), body.beds);
      await audit(app, tx, auth, {
        action: 'station.room_type.update',
        entity: 'station_room_type',
        entityId: roomTypeId,
        orgId: stationId,
        after: body,
      });
      return toRoomType((await repo.getRoomType(tx, stationId, roomTypeId))!);
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23514') throw stationError('BEDS_BELOW_BOOKED', 409);
    throw err;
  }
}

export async function setNightClosed(
  app: FastifyInstance,
  auth: AuthUser,
  p: { stationId: string; roomTypeId: string; night: string },
  closed: boolean,
): Promise<void> {
  assertOrgAccess(auth, p.stationId, 'STATION_NOT_FOUND');
  await app.db.transaction(async (tx) => {
    if (!(await repo.getRoomType(tx, p.stationId, p.roomTypeId)))
      throw stationError('ROOM_TYPE_NOT_FOUND', 404);
    const r = await repo.setNightClosed(tx, p.roomTypeId, p.night, closed);
    if (r === 'missing') throw stationError('DATE_INVALID', 404, '该日期没有床位库存');
    if (r === 'taken') throw stationError('NIGHT_HAS_BOOKINGS', 409);
    await audit(app, tx, auth, {
      action: closed ? 'station.night.close' : 'station.night.open',
      entity: 'station_night',
      entityId: `${p.roomTypeId}/${p.night}`,
      orgId: p.stationId,
      before: { closed: !closed },
      after: { closed },
    });
  });
}

/** Timed job: keeps `horizon_days` of inventory ahead of today for every room type. */
export async function extendInventory(tx: Queryable, now: Date): Promise<number> {
  const s = await repo.getSettings(tx);
  return repo.ensureNights(tx, beijingToday(now), s.horizon_days + 1);
}

export async function noShowJob(tx: Queryable, now: Date): Promise<number> {
  const s = await repo.getSettings(tx);
  return releaseNoShows(tx, now, s.check_in_until);
}

/** 'YYYY-MM-DD' → '8月1日'. */
export function nightLabel(night: string): string {
  const [, m, d] = night.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/**
 * The timed job: the evening before an approved stay begins (server/src/lib/day-before.ts), remind
 * the resident once (在 消息 and, with a grant, WeChat) of the check-in window and what to bring.
 */
export async function checkInReminderJob(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<number> {
  const today = beijingToday(now);
  const due = await repo.bookingsToRemind(tx, today, remindThrough(now), now);
  for (const b of due) {
    const day = b.check_in === today ? '今天' : '明天';
    const s = await repo.getSettings(tx, b.station_id);
    await notify(app, tx, {
      userId: b.user_id,
      kind: 'checkin_reminder',
      title: `${day}入住青年驿站`,
      body: `${b.station_name} ${day}（${nightLabel(b.check_in)}）${s.check_in_from}–${s.check_in_until} 办理入住，请携带身份证并出示预约码。`,
      link: '/features/station/pages/mine/index',
    });
  }
  return due.length;
}
