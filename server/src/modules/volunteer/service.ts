// Rules of the volunteer service: who may act, windows, geofence, hours; each write in one
// transaction whose invariants the database enforces (see 0005_volunteer.sql).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { decryptPhone, encryptPhone } from '../../lib/phone-crypto';
import { assertOrgAccess, canManageOrg } from '../../lib/org-access';
import { qrDataUrl } from '../../lib/qr';
import { wxacodePath } from '../wxacode/service';
import {
  VOLUNTEER_ERRORS,
  type Certificate,
  type CertificateVerification,
  type CheckinBody,
  type CheckinCode,
  type CheckinResult,
  type CorrectionBody,
  type CreateRequestBody,
  type CreateShiftBody,
  type CreateTaskBody,
  type Hours,
  type LedgerEntry,
  type MyShift,
  type RequestActionBody,
  type RosterEntry,
  type ServiceRequest,
  type ShiftConfirmation,
  type Shift,
  type Signup,
  type Task,
  type TaskQuery,
  type VolunteerErrorCode,
} from '@/contract/volunteer';
import {
  ACTION_ACTORS,
  CHECKIN_CODE_WINDOW_SEC,
  REQUEST_ACTION_LABELS,
  REQUEST_STATE_LABELS,
  canCancel,
  checkinWindow,
  confirmableInBulk,
  scanProof,
  weakestProof,
  type CheckinProof,
  formatDistance,
  haversineMeters,
  insideGeofence,
  REQUEST_PHONE_LEAD_MIN,
  maskName,
  maskPhone,
  minutesBetween,
  nextRequestState,
  roundVolunteerHours,
  type RequestActor,
  type RequestState,
} from '@/contract/volunteer-rules';
import { assertCheckinCode, assertScanTime, issueCheckinCode } from './checkin-code';
import * as repo from './repo';
import { renderCertificatePdf } from './certificate-pdf';
import { memberIdsOfTeam, memberTeamIds } from './teams';
import { skillsOf } from './skills';
import { standing } from './voids';
import { notify } from '../messages/service';
import { beijingTime, toIso as iso } from '../../lib/format-time';
import { remindBefore } from '../../lib/day-before';
import { audit } from '../../lib/audit';
import { isProfileComplete } from '../users/present';

const fail = (code: VolunteerErrorCode, status: number, message?: string) =>
  new AppError(code, message ?? VOLUNTEER_ERRORS[code], status);
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
// ---- tasks and shifts
function toShift(
  r: repo.ShiftRow,
  from?: { lat: number; lng: number },
  mySkills: string[] = [],
): Shift {
  return {
    id: r.id,
    projectId: r.project_id,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    place: r.place,
    lat: r.lat,
    lng: r.lng,
    radiusM: r.radius_m,
    needed: r.needed,
    filled: r.filled,
    distanceM: from ? Math.round(haversineMeters(from, r)) : null,
    requireGps: r.require_gps,
    mySignupId: r.my_signup_id ?? null,
    skills: r.skills,
    skillMatch: r.skills.some((k) => mySkills.includes(k)),
  };
}

function toTask(p: repo.ProjectRow, shifts: Shift[]): Task {
  return {
    id: p.id,
    orgId: p.org_id,
    orgName: p.org_name,
    title: p.title,
    category: p.category,
    description: p.description,
    skills: p.skills ?? [],
    cancelCutoffMin: p.cancel_cutoff_min,
    checkinOpenBeforeMin: p.checkin_open_before_min,
    checkoutCloseAfterMin: p.checkout_close_after_min,
    shifts,
  };
}

export async function listTasks(
  app: FastifyInstance,
  userId: string,
  q: TaskQuery,
): Promise<Task[]> {
  const projects = await repo.listProjects(app.db, { category: q.category, orgId: q.orgId });
  const from = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : undefined;
  const mySkills = await skillsOf(app.db, userId);
  const shifts = (
    await repo.listShifts(
      app.db,
      projects.map((p) => p.id),
      { from: app.now(), date: q.date, userId },
    )
  ).map((s) => toShift(s, from, mySkills));
  const maxM = q.maxKm !== undefined && from ? q.maxKm * 1000 : Infinity;
  const byProject = new Map<string, Shift[]>();
  for (const s of shifts) {
    if ((s.distanceM ?? 0) > maxM) continue;
    byProject.set(s.projectId, [...(byProject.get(s.projectId) ?? []), s]);
  }
  const tasks = projects
    .filter((p) => byProject.has(p.id))
    .map((p) => toTask(p, byProject.get(p.id)!));
  // Tasks with a shift asking for one of the caller's skills first, and inside each group the
  // nearest first when the caller shared a position, else the soonest.
  const match = (t: Task) => (t.shifts.some((s) => s.skillMatch) ? 0 : 1);
  const key = (t: Task) =>
    from ? Math.min(...t.shifts.map((s) => s.distanceM ?? 0)) : Date.parse(t.shifts[0].startsAt);
  return tasks.sort((a, b) => match(a) - match(b) || key(a) - key(b));
}

export async function getTask(
  app: FastifyInstance,
  userId: string | null,
  id: string,
): Promise<Task> {
  const p = await repo.findProject(app.db, id);
  if (!p) throw fail('TASK_NOT_FOUND', 404);
  const shifts = await repo.listShifts(app.db, [p.id], { from: new Date(0), userId });
  return toTask(
    p,
    shifts.map((s) => toShift(s)),
  );
}

export async function createTask(
  app: FastifyInstance,
  tx: Queryable,
  auth: AuthUser,
  body: CreateTaskBody,
): Promise<Task> {
  assertOrgAccess(auth, body.orgId);
  const org = await repo.findOrg(tx, body.orgId);
  if (!org) throw new AppError('NOT_FOUND', undefined, 404);
  if (org.kind !== 'team' && org.kind !== 'committee') throw fail('ORG_NOT_VOLUNTEER', 400);
  const id = await repo.insertProject(tx, {
    orgId: body.orgId,
    title: body.title.trim(),
    category: body.category?.trim() || '社区服务',
    description: body.description?.trim() ?? '',
    skills: body.skills ?? [],
    cancelCutoffMin: body.cancelCutoffMin ?? 120,
    openBeforeMin: body.checkinOpenBeforeMin ?? 30,
    closeAfterMin: body.checkoutCloseAfterMin ?? 120,
    createdBy: auth.id,
  });
  await audit(app, tx, auth, {
    action: 'volunteer.task.create',
    entity: 'volunteer_project',
    entityId: id,
    orgId: body.orgId,
    after: { title: body.title.trim() },
  });
  return toTask((await repo.findProject(tx, id))!, []);
}

async function ownedProject(
  db: Queryable,
  auth: AuthUser,
  projectId: string,
): Promise<repo.ProjectRow> {
  const p = await repo.findProject(db, projectId);
  if (!p || !canManageOrg(auth, p.org_id)) throw fail('TASK_NOT_FOUND', 404);
  return p;
}

export async function ownedShift(
  db: Queryable,
  auth: AuthUser,
  shiftId: string,
): Promise<repo.ShiftWithProjectRow> {
  const s = await repo.findShift(db, shiftId);
  if (!s || !canManageOrg(auth, s.org_id)) throw fail('SHIFT_NOT_FOUND', 404);
  return s;
}

export async function createShift(
  app: FastifyInstance,
  tx: Queryable,
  auth: AuthUser,
  projectId: string,
  body: CreateShiftBody,
): Promise<Shift> {
  const project = await ownedProject(tx, auth, projectId);
  if (Date.parse(body.endsAt) <= Date.parse(body.startsAt)) {
    throw new AppError('VALIDATION_FAILED', '结束时间应晚于开始时间', 400);
  }
  const row = await repo.insertShift(tx, {
    projectId,
    ...body,
    radiusM: body.radiusM ?? 300,
    requireGps: body.requireGps ?? false,
    skills: [...new Set((body.skills ?? []).map((k) => k.trim()).filter(Boolean))],
  });
  await audit(app, tx, auth, {
    action: 'volunteer.shift.create',
    entity: 'volunteer_shift',
    entityId: row.id,
    orgId: project.org_id,
    after: { projectId, startsAt: body.startsAt, endsAt: body.endsAt },
  });
  return toShift(row);
}

// ---- sign-ups
function toSignup(r: repo.SignupRow): Signup {
  return { id: r.id, shiftId: r.shift_id, status: r.status, createdAt: iso(r.created_at) };
}

export async function cancelSignup(
  app: FastifyInstance,
  userId: string,
  signupId: string,
): Promise<Signup> {
  return app.db.transaction(async (tx) => {
    const s = await repo.findSignup(tx, signupId);
    if (!s || s.user_id !== userId) throw fail('SIGNUP_NOT_FOUND', 404);
    const shift = (await repo.findShift(tx, s.shift_id))!;
    const now = app.now();
    if (!canCancel(shift.starts_at, shift.cancel_cutoff_min, now)) {
      const deadline = new Date(
        new Date(shift.starts_at).getTime() - shift.cancel_cutoff_min * 60_000,
      );
      throw fail(
        'CANCEL_TOO_LATE',
        409,
        `取消截止时间为 ${beijingTime(deadline)}，已不能取消，请联系组织方`,
      );
    }
    const row = await repo.cancelSignup(tx, signupId, userId, now);
    if (!row) throw fail('SIGNUP_NOT_FOUND', 404);
    await repo.releaseSeat(tx, s.shift_id);
    return toSignup(row);
  });
}

function rosterProof(r: repo.RosterRow): CheckinProof | null {
  const scans = [
    r.in_method && { method: r.in_method, offline: !!r.in_offline, distanceM: r.in_distance_m },
    r.out_method && { method: r.out_method, offline: !!r.out_offline, distanceM: r.out_distance_m },
  ].filter((x) => !!x);
  return weakestProof(scans.map(scanProof));
}

/**
 * Account deletion, in the caller's transaction: sign-ups for shifts not yet started are cancelled
 * and their places freed, as on a cancellation; the person's open requests are cancelled, and a
 * request they took goes back to the volunteers it was dispatched to. Returns the items handled.
 */
export async function releaseAllOf(tx: Queryable, userId: string, now: Date): Promise<number> {
  let n = 0;
  for (const s of await repo.upcomingSignupsOf(tx, userId, now)) {
    if (!(await repo.cancelSignup(tx, s.id, userId, now))) continue;
    await repo.releaseSeat(tx, s.shift_id);
    n += 1;
  }
  for (const r of await repo.openRequestsOf(tx, userId)) {
    const own = r.resident_id === userId;
    const [action, to] = own
      ? (['cancel', 'cancelled'] as const)
      : (['dispatch', 'dispatched'] as const);
    const set = own ? { reason: '账号已注销' } : { takerId: null };
    if (!(await repo.transitionRequest(tx, r.id, r.state, to, set, now))) continue;
    await repo.insertRequestEvent(tx, {
      requestId: r.id,
      action,
      from: r.state,
      to,
      actorId: userId,
      note: '账号已注销',
      at: now,
    });
    n += 1;
  }
  return n;
}

export async function shiftRoster(
  app: FastifyInstance,
  auth: AuthUser,
  shiftId: string,
): Promise<RosterEntry[]> {
  const shift = await ownedShift(app.db, auth, shiftId);
  return (await repo.roster(app.db, shiftId)).map((r) => ({
    signupId: r.signup_id,
    userId: r.user_id,
    name: r.name ?? '（未实名）',
    phoneMasked: r.phone_masked,
    checkedInAt: isoOrNull(r.checked_in_at),
    checkedOutAt: isoOrNull(r.checked_out_at),
    offline: !!r.in_offline || !!r.out_offline,
    proof: rosterProof(r),
    awaitingConfirmation: r.checked_in_at !== null && !r.recorded && !r.voided,
    pendingHours:
      !r.recorded && r.checked_in_at && r.checked_out_at
        ? scanHours(r.checked_in_at, r.checked_out_at, shift).hours
        : 0,
    hours: Number(r.hours),
    voided: r.voided,
  }));
}

export async function myShifts(app: FastifyInstance, userId: string): Promise<MyShift[]> {
  return (await repo.myShifts(app.db, userId)).map((r) => ({
    signupId: r.signup_id,
    status: r.status,
    taskId: r.project_id,
    taskTitle: r.title,
    orgName: r.org_name,
    shift: toShift(r),
    canCancelUntil: iso(new Date(new Date(r.starts_at).getTime() - r.cancel_cutoff_min * 60_000)),
    checkedInAt: isoOrNull(r.checked_in_at),
    checkedOutAt: isoOrNull(r.checked_out_at),
    hours: Number(r.hours),
    awaitingConfirmation: r.checked_out_at !== null && !r.recorded,
  }));
}

// ---- check-in
export async function checkinCode(
  app: FastifyInstance,
  auth: AuthUser,
  shiftId: string,
): Promise<CheckinCode> {
  await ownedShift(app.db, auth, shiftId);
  const { token, refreshAt, expiresAt } = issueCheckinCode(app.codeSecret, shiftId, app.now());
  return {
    shiftId,
    token,
    refreshAt: refreshAt.toISOString(),
    windowSeconds: CHECKIN_CODE_WINDOW_SEC,
    qrDataUrl: await qrDataUrl(token),
    wxacodeUrl: await wxacodePath(app, 'volunteer-checkin', token, expiresAt),
  };
}

/** A scan uploaded this long after it happened counts as offline. */
const OFFLINE_AFTER_MS = 60_000;

function toCheckin(
  c: repo.CheckinRow,
  duplicate: boolean,
  hours: number | null,
  awaitingConfirmation: boolean,
): CheckinResult {
  return {
    id: c.id,
    signupId: c.signup_id,
    kind: c.kind,
    method: c.method,
    scannedAt: iso(c.scanned_at),
    offline: c.offline,
    distanceM: c.distance_m,
    proof: scanProof({ method: c.method, offline: c.offline, distanceM: c.distance_m }),
    duplicate,
    hours,
    awaitingConfirmation,
  };
}

/** Minutes on site from check-in to check-out, capped at the shift's length, and the rounded hours. */
function scanHours(
  inAt: Date | string,
  outAt: Date | string,
  shift: { starts_at: Date | string; ends_at: Date | string },
) {
  const cap = minutesBetween(shift.starts_at, shift.ends_at);
  const minutes = Math.min(Math.max(0, minutesBetween(inAt, outAt)), cap);
  return { minutes, hours: roundVolunteerHours(minutes, cap) };
}

/**
 * Records a scan. The rotating code is the proof of presence; a position alone is kept but
 * flagged, and only at the server's time (a GPS-only "offline" scan has nothing that dates it).
 * Nothing here writes hours: a check-out reports the hours the scans give, and they enter the
 * ledger when the organizer confirms them.
 */
export async function checkin(
  app: FastifyInstance,
  userId: string,
  body: CheckinBody,
): Promise<CheckinResult> {
  const now = app.now();
  let scannedAt = body.scannedAt ? new Date(body.scannedAt) : now;
  assertScanTime(scannedAt, now);
  const shift = await repo.findShift(app.db, body.shiftId);
  if (!shift) throw fail('SIGNUP_NOT_FOUND', 404);
  const signup = await repo.findActiveSignup(app.db, body.shiftId, userId);
  if (!signup) throw fail('SIGNUP_NOT_FOUND', 404);

  // A retried upload answers the first result before any rule is re-judged (the code has expired
  // by now, but it was valid when the first upload was accepted).
  const again = await repo.findCheckinByNonce(app.db, body.nonce);
  if (again) return replay(app.db, again, signup.id, body.kind, shift);

  let method: 'code' | 'geo' | null = null;
  if (body.token) {
    assertCheckinCode(app.codeSecret, body.token, body.shiftId, scannedAt);
    method = 'code';
  }
  let distanceM: number | null = null;
  if (body.lat !== undefined && body.lng !== undefined) {
    const geo = insideGeofence(
      { lat: body.lat, lng: body.lng },
      { lat: shift.lat, lng: shift.lng, radiusM: shift.radius_m },
    );
    distanceM = geo.distanceM;
    if (!geo.inside) {
      throw fail(
        'GEOFENCE_OUTSIDE',
        400,
        `您距离活动地点约 ${formatDistance(geo.distanceM)}，需在 ${shift.radius_m} 米范围内签到`,
      );
    }
    method ??= 'geo';
  }
  if (!method) throw fail('CHECKIN_PROOF_MISSING', 400);
  if (method === 'geo') {
    if (now.getTime() - scannedAt.getTime() > OFFLINE_AFTER_MS)
      throw fail('CHECKIN_CODE_REQUIRED', 400);
    scannedAt = now;
  }
  if (shift.require_gps && (method !== 'code' || distanceM === null))
    throw fail('CHECKIN_GPS_REQUIRED', 400);

  const win = checkinWindow(body.kind, {
    startsAt: shift.starts_at,
    endsAt: shift.ends_at,
    openBeforeMin: shift.checkin_open_before_min,
    closeAfterMin: shift.checkout_close_after_min,
  });
  if (scannedAt < win.opens || scannedAt > win.closes) {
    const what = body.kind === 'in' ? '签到' : '签退';
    throw fail(
      'CHECKIN_WINDOW_CLOSED',
      400,
      `${what}时间为 ${beijingTime(win.opens)} 至 ${beijingTime(win.closes)}，扫码时间 ${beijingTime(scannedAt)} 不在范围内`,
    );
  }

  return app.db.transaction(async (tx) => {
    const checkedIn = body.kind === 'out' ? await repo.findCheckin(tx, signup.id, 'in') : null;
    if (body.kind === 'out' && !checkedIn) throw fail('NOT_CHECKED_IN', 409);
    const row = await repo.insertCheckin(tx, {
      signupId: signup.id,
      kind: body.kind,
      nonce: body.nonce,
      method: method!,
      scannedAt,
      receivedAt: now,
      offline: now.getTime() - scannedAt.getTime() > OFFLINE_AFTER_MS,
      distanceM,
    });
    // The nonce or (signup, kind) constraint refused it: a concurrent twin of this upload, or a
    // second scan. Both are answered from what the database kept.
    if (!row) {
      const twin = await repo.findCheckinByNonce(tx, body.nonce);
      if (twin) return replay(tx, twin, signup.id, body.kind, shift);
      throw fail(
        'ALREADY_CHECKED',
        409,
        body.kind === 'in' ? '您已签到，无需重复签到' : '您已签退，无需重复签退',
      );
    }
    if (body.kind === 'in') return toCheckin(row, false, null, false);
    return toCheckin(row, false, scanHours(checkedIn!.scanned_at, scannedAt, shift).hours, true);
  });
}

async function replay(
  db: Queryable,
  c: repo.CheckinRow,
  signupId: string,
  kind: 'in' | 'out',
  shift: repo.ShiftWithProjectRow,
): Promise<CheckinResult> {
  if (c.signup_id !== signupId || c.kind !== kind) throw fail('NONCE_REUSED', 409);
  if (kind === 'in') return toCheckin(c, true, null, false);
  const checkedIn = (await repo.findCheckin(db, signupId, 'in'))!;
  return toCheckin(
    c,
    true,
    scanHours(checkedIn.scanned_at, c.scanned_at, shift).hours,
    !(await repo.hasBaseEntry(db, signupId)),
  );
}

// ---- hours ledger
export function toEntry(r: repo.LedgerRow): LedgerEntry {
  return {
    id: r.id,
    kind: r.kind,
    hours: Number(r.hours),
    minutes: r.minutes,
    reason: r.reason,
    title: r.title,
    signupId: r.signup_id,
    requestId: r.request_id,
    createdAt: iso(r.created_at),
  };
}

export async function myHours(app: FastifyInstance, userId: string): Promise<Hours> {
  const entries = (await repo.ledgerOfUser(app.db, userId)).map(toEntry);
  const total = entries.reduce((s, e) => s + e.hours, 0);
  return {
    totalHours: Math.round(total * 10) / 10,
    entries,
    standing: await standing(app.db, userId),
  };
}

/** The sign-up, if the caller manages the organization of its task (404 otherwise). */
export async function ownedSignup(db: Queryable, auth: AuthUser, signupId: string) {
  const s = await repo.findSignup(db, signupId);
  const shift = s ? await repo.findShift(db, s.shift_id) : null;
  if (!s || !shift || !canManageOrg(auth, shift.org_id)) throw fail('SIGNUP_NOT_FOUND', 404);
  return { signup: s, shift };
}

/**
 * Puts one sign-up's hours into the ledger in the organizer's name: the scans' hours when the
 * volunteer checked out, else the shift's length (checked in, forgot to check out). null when the
 * base entry is there already (the unique index decides, so two taps cannot both write).
 */
async function recordSignupHours(
  app: FastifyInstance,
  tx: Queryable,
  auth: AuthUser,
  signup: repo.SignupRow,
  shift: repo.ShiftWithProjectRow,
): Promise<LedgerEntry | null> {
  const checkedIn = await repo.findCheckin(tx, signup.id, 'in');
  if (signup.status !== 'active' || !checkedIn) throw fail('NOTHING_TO_CONFIRM', 409);
  const checkedOut = await repo.findCheckin(tx, signup.id, 'out');
  const shiftMinutes = minutesBetween(shift.starts_at, shift.ends_at);
  const { minutes, hours } = checkedOut
    ? scanHours(checkedIn.scanned_at, checkedOut.scanned_at, shift)
    : { minutes: shiftMinutes, hours: roundVolunteerHours(shiftMinutes, shiftMinutes) };
  const id = await repo.appendLedger(tx, {
    userId: signup.user_id,
    signupId: signup.id,
    projectId: shift.project_id,
    kind: checkedOut ? 'attendance' : 'confirmed',
    hours,
    minutes,
    reason: checkedOut ? null : '组织方确认（未签退）',
    createdBy: auth.id,
    at: app.now(),
  });
  if (!id) return null;
  await notify(app, tx, {
    userId: signup.user_id,
    kind: 'hours_confirmed',
    title: '志愿时长已确认',
    body: `${shift.title}：组织方确认服务时长 ${hours} 小时，已计入您的志愿时长。`,
    link: '/features/volunteer/pages/mine/index',
  });
  return toEntry((await repo.ledgerOfUser(tx, signup.user_id)).find((e) => e.id === id)!);
}

/** The organizer confirms one volunteer's hours (also the review of a GPS-only or un-checked-out row). */
export async function confirmHours(
  app: FastifyInstance,
  auth: AuthUser,
  signupId: string,
): Promise<LedgerEntry> {
  return app.db.transaction(async (tx) => {
    const { signup, shift } = await ownedSignup(tx, auth, signupId);
    const entry = await recordSignupHours(app, tx, auth, signup, shift);
    if (!entry) throw fail('HOURS_ALREADY_RECORDED', 409);
    await audit(app, tx, auth, {
      action: 'volunteer.hours.confirm',
      entity: 'volunteer_signup',
      entityId: signupId,
      orgId: shift.org_id,
      after: { hours: entry.hours },
    });
    return entry;
  });
}

/**
 * One tap for the whole shift: every sign-up checked in and out with the code (online, offline or
 * with a position) gets its hours. GPS-only rows and rows without a check-out are left for
 * one-by-one review.
 */
export async function confirmShiftHours(
  app: FastifyInstance,
  auth: AuthUser,
  shiftId: string,
): Promise<ShiftConfirmation> {
  return app.db.transaction(async (tx) => {
    const shift = await ownedShift(tx, auth, shiftId);
    const rows = (await repo.roster(tx, shiftId)).filter((r) => !r.recorded && r.checked_in_at);
    const ready = rows.filter((r) => r.checked_out_at && confirmableInBulk(rosterProof(r)));
    let hours = 0;
    let confirmed = 0;
    for (const r of ready) {
      const signup = (await repo.findSignup(tx, r.signup_id))!;
      const entry = await recordSignupHours(app, tx, auth, signup, shift);
      if (!entry) continue;
      confirmed += 1;
      hours += entry.hours;
    }
    const result = {
      confirmed,
      hours: Math.round(hours * 10) / 10,
      leftForReview: rows.length - ready.length,
    };
    await audit(app, tx, auth, {
      action: 'volunteer.hours.confirm_shift',
      entity: 'volunteer_shift',
      entityId: shiftId,
      orgId: shift.org_id,
      after: result,
    });
    return result;
  });
}

/** A correction never overwrites: it appends the difference to the sign-up's total, with the reason. */
export async function correctHours(
  app: FastifyInstance,
  auth: AuthUser,
  signupId: string,
  body: CorrectionBody,
): Promise<LedgerEntry> {
  return app.db.transaction(async (tx) => {
    const { signup, shift } = await ownedSignup(tx, auth, signupId);
    const current = await repo.signupHours(tx, signupId);
    const id = await repo.appendLedger(tx, {
      userId: signup.user_id,
      signupId,
      projectId: shift.project_id,
      kind: 'correction',
      hours: Math.round((body.hours - current) * 10) / 10,
      reason: body.reason.trim(),
      createdBy: auth.id,
      at: app.now(),
    });
    await audit(app, tx, auth, {
      action: 'volunteer.hours.correct',
      entity: 'volunteer_signup',
      entityId: signupId,
      orgId: shift.org_id,
      before: { hours: current },
      after: { hours: body.hours, reason: body.reason.trim() },
    });
    await notify(app, tx, {
      userId: signup.user_id,
      kind: 'hours_confirmed',
      title: '志愿时长已更正',
      body: `${shift.title}：服务时长更正为 ${body.hours} 小时（${body.reason.trim()}）。如有异议可联系组织方。`,
      link: '/features/volunteer/pages/mine/index',
    });
    return toEntry((await repo.ledgerOfUser(tx, signup.user_id)).find((e) => e.id === id)!);
  });
}

export async function projectLedger(app: FastifyInstance, auth: AuthUser, projectId: string) {
  const p = await ownedProject(app.db, auth, projectId);
  return { project: p, rows: await repo.ledgerOfProject(app.db, projectId) };
}

export async function userLedger(app: FastifyInstance, userId: string) {
  return repo.ledgerOfUser(app.db, userId);
}

// ---- certificates
export const certificateUrl = (baseUrl: string, code: string) =>
  `${baseUrl}/api/v1/volunteer/certificates/${code}`;

/**
 * The certificate of the ledger as it is now: the one already issued for exactly these hours
 * (`reused`), or a new one. The database keeps it to one per state (migration 0029), so opening
 * the page again, a double tap or a PDF download makes no second certificate.
 */
async function certificateOfLedger(
  app: FastifyInstance,
  auth: AuthUser,
): Promise<{ row: repo.CertificateRow; reused: boolean }> {
  // A confirmation landing between the insert and the look-up moves the state on: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const created = await repo.insertCertificate(app.db, {
      code: randomBytes(9).toString('base64url'),
      userId: auth.id,
      nameMasked: maskName(auth.row.name),
      at: app.now(),
    });
    if (created) return { row: created, reused: false };
    const existing = await repo.currentCertificate(app.db, auth.id);
    if (existing) return { row: existing, reused: true };
    if ((await repo.ledgerTotal(app.db, auth.id)) <= 0) break;
  }
  throw fail('NO_HOURS_YET', 409);
}

export async function issueCertificate(
  app: FastifyInstance,
  auth: AuthUser,
  baseUrl: string,
): Promise<{ certificate: Certificate; reused: boolean }> {
  const { row, reused } = await certificateOfLedger(app, auth);
  const verifyUrl = certificateUrl(baseUrl, row.code);
  return {
    reused,
    certificate: {
      code: row.code,
      nameMasked: row.name_masked,
      hours: Number(row.hours),
      entries: row.entries,
      issuedAt: iso(row.issued_at),
      verifyUrl,
      qrDataUrl: await qrDataUrl(verifyUrl),
    },
  };
}

/**
 * The certificate as a PDF for its volunteer: their full name (only they download it), each service
 * with its date, organization and confirmed hours, the issuer and the QR code of the verify page.
 */
export async function certificatePdf(
  app: FastifyInstance,
  auth: AuthUser,
  baseUrl: string,
): Promise<{ code: string; pdf: Buffer }> {
  const { row } = await certificateOfLedger(app, auth);
  const services = await repo.certificateServices(app.db, auth.id);
  const pdf = await renderCertificatePdf({
    fullName: auth.row.name ?? row.name_masked,
    code: row.code,
    hours: Number(row.hours),
    issuedAt: row.issued_at,
    issuer: CERTIFICATE_ISSUER,
    verifyUrl: certificateUrl(baseUrl, row.code),
    services: services.map((s) => ({
      title: s.title,
      servedAt: s.served_at,
      organization: s.organization ?? '',
      hours: Number(s.hours),
    })),
  });
  return { code: row.code, pdf };
}

export const CERTIFICATE_ISSUER = '青年汇 · 志愿服务（依据《志愿服务记录与证明出具办法》记录）';

export async function verifyCertificate(
  app: FastifyInstance,
  code: string,
): Promise<CertificateVerification> {
  const row = await repo.findCertificate(app.db, code);
  if (!row) throw fail('CERTIFICATE_NOT_FOUND', 404);
  return {
    valid: true,
    code: row.code,
    nameMasked: row.name_masked,
    hours: Number(row.hours),
    entries: row.entries,
    issuedAt: iso(row.issued_at),
    issuer: CERTIFICATE_ISSUER,
  };
}

// ---- requests: 点单 → 派单 → 接单 → 评单
/**
 * Who sees what of a request: the resident and the committee everything; the volunteer who took
 * it the address and name, and the phone from two hours before the service time; everyone else
 * (a request open "to all" reaches any volunteer) neither address, name nor phone.
 */
function requestContact(app: FastifyInstance, r: repo.RequestRow, auth: AuthUser, now: Date) {
  // stored encrypted (lib/phone-crypto.ts); blank once the resident deleted their account
  const phone = () => (r.contact_phone ? decryptPhone(app.config.phoneKeys, r.contact_phone) : '');
  if (r.resident_id === auth.id || canManageOrg(auth, r.committee_id)) {
    return { place: r.place, contactName: r.contact_name, contactPhone: phone() };
  }
  if (r.taker_id !== auth.id) return { place: null, contactName: null, contactPhone: null };
  const phoneFrom = new Date(r.wanted_at).getTime() - REQUEST_PHONE_LEAD_MIN * 60_000;
  return {
    place: r.place,
    contactName: r.contact_name,
    contactPhone: now.getTime() >= phoneFrom ? phone() : null,
  };
}

async function toRequest(
  app: FastifyInstance,
  db: Queryable,
  r: repo.RequestRow,
  auth: AuthUser,
): Promise<ServiceRequest> {
  const timeline = await repo.requestTimeline(db, r.id);
  return {
    id: r.id,
    committeeId: r.committee_id,
    title: r.title,
    details: r.details,
    ...requestContact(app, r, auth, app.now()),
    wantedAt: iso(r.wanted_at),
    durationMin: r.duration_min,
    state: r.state as RequestState,
    teamId: r.team_id,
    volunteerId: r.volunteer_id,
    takenByMe: r.taker_id === auth.id,
    report: r.report,
    hours: r.hours === null ? null : Number(r.hours),
    hoursConfirmed: r.hours_confirmed,
    rating: r.rating,
    ratingComment: r.rating_comment,
    reason: r.reason,
    createdAt: iso(r.created_at),
    timeline: timeline.map((e) => ({
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      note: e.note,
      at: iso(e.at),
    })),
  };
}

export async function createRequest(
  app: FastifyInstance,
  tx: Queryable,
  auth: AuthUser,
  body: CreateRequestBody,
): Promise<ServiceRequest> {
  const committee = await repo.findOrg(tx, body.committeeId);
  if (!committee || committee.kind !== 'committee')
    throw new AppError('NOT_FOUND', '未找到该团委', 404);
  const at = app.now();
  const row = await repo.insertRequest(tx, {
    residentId: auth.id,
    committeeId: body.committeeId,
    title: body.title.trim(),
    details: body.details?.trim() ?? '',
    place: body.place.trim(),
    wantedAt: body.wantedAt,
    durationMin: body.durationMin ?? 60,
    contactName: body.contactName.trim(),
    contactPhone: encryptPhone(app.config.phoneKeys, body.contactPhone),
    contactMasked: maskPhone(body.contactPhone),
    at,
  });
  await repo.insertRequestEvent(tx, {
    requestId: row.id,
    action: 'submit',
    from: null,
    to: 'submitted',
    actorId: auth.id,
    note: null,
    at,
  });
  return toRequest(app, tx, row, auth);
}

export async function listRequests(
  app: FastifyInstance,
  auth: AuthUser,
  scope: 'mine' | 'committee' | 'open' | 'taken',
): Promise<ServiceRequest[]> {
  const rows = await repo.listRequests(app.db, scope, auth.id, auth.orgIds);
  return Promise.all(rows.map((r) => toRequest(app, app.db, r, auth)));
}

/**
 * Who the caller is for this request; [] means they may not even see it (404). `teams`: the teams
 * the caller organizes or has been approved into (a request dispatched to a team is theirs).
 */
function actorsOf(r: repo.RequestRow, auth: AuthUser, teams: string[]): RequestActor[] {
  const roles: RequestActor[] = [];
  if (canManageOrg(auth, r.committee_id)) roles.push('committee');
  if (r.resident_id === auth.id) roles.push('resident');
  const openToMe =
    r.state === 'dispatched' &&
    r.resident_id !== auth.id &&
    (r.volunteer_id === null || r.volunteer_id === auth.id) &&
    (r.team_id === null || teams.includes(r.team_id));
  if (r.taker_id === auth.id || openToMe) roles.push('volunteer');
  return roles;
}

const myTeams = async (db: Queryable, auth: AuthUser) => [
  ...auth.orgIds,
  ...(await memberTeamIds(db, auth.id)),
];

export async function getRequest(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
): Promise<ServiceRequest> {
  const r = await repo.findRequest(app.db, id);
  if (!r || actorsOf(r, auth, await myTeams(app.db, auth)).length === 0)
    throw fail('REQUEST_NOT_FOUND', 404);
  return toRequest(app, app.db, r, auth);
}

/** Who hears about a step of the 点单 loop: the resident about progress, the volunteer about the rating. */
async function tellAboutRequest(
  app: FastifyInstance,
  tx: Queryable,
  r: repo.RequestRow,
  action: RequestActionBody['action'],
): Promise<void> {
  const link = '/features/volunteer/pages/requests/index';
  const toResident: Partial<Record<RequestActionBody['action'], string>> = {
    reject: `未能受理：${r.reason ?? ''}`,
    dispatch: '团区委已派单，正在安排志愿者',
    take: '已有志愿者接单，将按约定时间上门服务',
    complete: '志愿者已完成服务，请为本次服务评价',
    cancel: '该需求已取消',
  };
  const text = toResident[action];
  if (text)
    await notify(app, tx, {
      userId: r.resident_id,
      kind: 'request_update',
      title: `点单进度：${r.title}`,
      body: text,
      link,
    });
  // the named volunteer, or the team's approved members, hear of a request dispatched to them
  if (action === 'dispatch' && (r.volunteer_id || r.team_id)) {
    const addressees = r.volunteer_id ? [r.volunteer_id] : await memberIdsOfTeam(tx, r.team_id!);
    for (const userId of addressees)
      await notify(app, tx, {
        userId,
        kind: 'request_update',
        title: `派单给你：${r.title}`,
        body: r.volunteer_id
          ? '团区委把这条点单派给了你，请在「点单」中查看并接单。'
          : '团区委把这条点单派给了你所在的队伍，先接先得。',
        link,
      });
  }
  if (action === 'rate' && r.taker_id) {
    await notify(app, tx, {
      userId: r.taker_id,
      kind: 'request_update',
      title: '群众评价已到',
      body: `「${r.title}」获得 ${r.rating ?? ''} 星评价。`,
      link: '/features/volunteer/pages/mine/index',
    });
  }
}

export async function actOnRequest(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  body: RequestActionBody,
): Promise<ServiceRequest> {
  return app.db.transaction(async (tx) => {
    const r = await repo.findRequest(tx, id);
    const roles = r ? actorsOf(r, auth, await myTeams(tx, auth)) : [];
    if (!r || roles.length === 0) throw fail('REQUEST_NOT_FOUND', 404);
    const from = r.state as RequestState;
    const to = nextRequestState(from, body.action);
    if (!to) {
      throw fail(
        'ILLEGAL_TRANSITION',
        409,
        `需求「${REQUEST_STATE_LABELS[from]}」时不能${REQUEST_ACTION_LABELS[body.action]}`,
      );
    }
    if (!ACTION_ACTORS[body.action].some((a) => roles.includes(a)))
      throw fail('NOT_YOUR_REQUEST', 403);
    // A volunteer may only complete what they took (take is open to the team / everyone).
    if (body.action === 'complete' && r.taker_id !== auth.id) throw fail('NOT_YOUR_REQUEST', 403);

    const set: Parameters<typeof repo.transitionRequest>[4] = {};
    let note: string | null = null;
    switch (body.action) {
      case 'reject':
        if (!body.reason) throw new AppError('VALIDATION_FAILED', '驳回需填写原因', 400);
        set.reason = note = body.reason.trim();
        break;
      case 'dispatch': {
        if (body.teamId && body.volunteerId) throw fail('ONE_ADDRESSEE', 400);
        if (body.teamId) {
          const team = await repo.findOrg(tx, body.teamId);
          if (!team || team.kind !== 'team') throw fail('TEAM_NOT_FOUND', 404);
          note = `派给 ${team.name}`;
        } else if (body.volunteerId) {
          const [v] = await tx.query<{ name: string | null }>(
            'SELECT name FROM users WHERE id = $1 AND deleted_at IS NULL',
            [body.volunteerId],
          );
          if (!v) throw fail('VOLUNTEER_NOT_FOUND', 404);
          note = `派给志愿者 ${maskName(v.name)}`;
        } else note = '派给全部志愿者';
        set.teamId = body.teamId ?? null;
        set.volunteerId = body.volunteerId ?? null;
        set.takerId = null; // a re-dispatch releases the previous taker
        break;
      }
      case 'take':
        // whoever enters a stranger's home is a known person
        if (!isProfileComplete(auth.row)) throw fail('REALNAME_REQUIRED', 403);
        set.takerId = auth.id;
        break;
      case 'complete':
        if (!body.report || !body.minutes)
          throw new AppError('VALIDATION_FAILED', '完成时需填写服务情况和服务时长', 400);
        set.report = body.report.trim();
        // self-reported minutes count up to the booked duration; a committee member confirms them
        set.hours = roundVolunteerHours(body.minutes, r.duration_min);
        note =
          body.minutes > r.duration_min
            ? `${set.report}（填报 ${body.minutes} 分钟，按预约 ${r.duration_min} 分钟计）`
            : set.report;
        break;
      case 'rate':
        if (!body.rating) throw new AppError('VALIDATION_FAILED', '请选择1–5星评价', 400);
        set.rating = body.rating;
        set.ratingComment = body.comment?.trim() || null;
        note = `${body.rating} 星${set.ratingComment ? '：' + set.ratingComment : ''}`;
        break;
      case 'cancel':
        set.reason = note = body.reason?.trim() || null;
        break;
    }
    const at = app.now();
    const updated = await repo.transitionRequest(tx, id, from, to, set, at);
    if (!updated) throw fail('ILLEGAL_TRANSITION', 409, '需求状态已变化，请刷新后再试');
    await repo.insertRequestEvent(tx, {
      requestId: id,
      action: body.action,
      from,
      to,
      actorId: auth.id,
      note,
      at,
    });
    await tellAboutRequest(app, tx, updated, body.action);
    if (['reject', 'dispatch', 'cancel'].includes(body.action) && auth.role !== 'resident') {
      await audit(app, tx, auth, {
        action: `volunteer.request.${body.action}`,
        entity: 'volunteer_request',
        entityId: id,
        orgId: r.committee_id,
        before: { state: from },
        after: { state: to, note },
      });
    }
    return toRequest(app, tx, updated, auth);
  });
}

/** A committee member confirms the hours the volunteer reported for a completed request. */
export async function confirmRequestHours(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
): Promise<ServiceRequest> {
  return app.db.transaction(async (tx) => {
    const r = await repo.findRequest(tx, id);
    if (!r || !canManageOrg(auth, r.committee_id)) throw fail('REQUEST_NOT_FOUND', 404);
    if (!['done', 'rated'].includes(r.state) || !r.taker_id || !(Number(r.hours) > 0))
      throw fail('REQUEST_HOURS_NOT_READY', 409);
    const at = app.now();
    const entry = await repo.appendLedger(tx, {
      userId: r.taker_id,
      requestId: id,
      kind: 'request',
      hours: Number(r.hours),
      createdBy: auth.id,
      at,
    });
    if (!entry) throw fail('HOURS_ALREADY_RECORDED', 409, '该需求的时长已确认');
    await audit(app, tx, auth, {
      action: 'volunteer.request.confirm_hours',
      entity: 'volunteer_request',
      entityId: id,
      orgId: r.committee_id,
      after: { hours: Number(r.hours) },
    });
    await notify(app, tx, {
      userId: r.taker_id,
      kind: 'hours_confirmed',
      title: '志愿时长已确认',
      body: `「${r.title}」：团委确认服务时长 ${Number(r.hours)} 小时，已计入您的志愿时长。`,
      link: '/features/volunteer/pages/mine/index',
    });
    return toRequest(app, tx, (await repo.findRequest(tx, id))!, auth);
  });
}

/** The timed job: the evening before a shift (server/src/lib/day-before.ts), remind each signed-up volunteer once. */
export async function shiftReminderJob(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<number> {
  const due = await repo.signupsToRemind(tx, now, remindBefore(now));
  for (const d of due) {
    await notify(app, tx, {
      userId: d.user_id,
      kind: 'shift_reminder',
      title: '志愿活动提醒',
      body: `${d.title} 将于 ${beijingTime(new Date(d.starts_at))} 开始，地点：${d.place}。到场后扫码签到。`,
      link: '/features/volunteer/pages/mine/index',
    });
  }
  return due.length;
}
