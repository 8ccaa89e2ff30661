// All SQL of the volunteer service. Instants go to the driver as ISO strings: a Date made in
// another realm (tests' clocks) is not serialized by PGlite.
// Invariants live in the statements: a seat is taken by a
// conditional UPDATE (the sign-up's in vol_sign_up, migration 0048), overlaps and duplicate nonces
// are refused by constraints (ON CONFLICT DO NOTHING reports them as "no row"), request states
// move only from the state the caller saw.
import type { Queryable } from '../../db/db';
import type { HoursKind } from '@/contract/volunteer-rules';

export interface OrgRow {
  id: string;
  kind: string;
  name: string;
}

export async function findOrg(db: Queryable, id: string): Promise<OrgRow | null> {
  const [row] = await db.query<OrgRow>(
    'SELECT id::text AS id, kind, name FROM organizations WHERE id = $1',
    [id],
  );
  return row ?? null;
}

// ---- projects (tasks) and shifts
export interface ProjectRow {
  id: string;
  org_id: string;
  org_name: string;
  title: string;
  category: string;
  description: string;
  skills: string[];
  cancel_cutoff_min: number;
  checkin_open_before_min: number;
  checkout_close_after_min: number;
}

const PROJECT_COLUMNS = `p.id::text AS id, p.org_id::text AS org_id, o.name AS org_name, p.title, p.category,
  p.description, p.skills, p.cancel_cutoff_min, p.checkin_open_before_min, p.checkout_close_after_min`;

export async function insertProject(
  db: Queryable,
  p: {
    orgId: string;
    title: string;
    category: string;
    description: string;
    skills: string[];
    cancelCutoffMin: number;
    openBeforeMin: number;
    closeAfterMin: number;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO volunteer_projects (org_id, title, category, description, skills, cancel_cutoff_min,
       checkin_open_before_min, checkout_close_after_min, created_by)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9) RETURNING id::text AS id`,
    [
      p.orgId,
      p.title,
      p.category,
      p.description,
      p.skills,
      p.cancelCutoffMin,
      p.openBeforeMin,
      p.closeAfterMin,
      p.createdBy,
    ],
  );
  return row.id;
}

export async function findProject(db: Queryable, id: string): Promise<ProjectRow | null> {
  const [row] = await db.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM volunteer_projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function listProjects(
  db: Queryable,
  f: { category?: string; orgId?: string },
): Promise<ProjectRow[]> {
  return db.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM volunteer_projects p JOIN organizations o ON o.id = p.org_id
     WHERE ($1::text IS NULL OR p.category = $1) AND ($2::bigint IS NULL OR p.org_id = $2)
     ORDER BY p.id`,
    [f.category ?? null, f.orgId ?? null],
  );
}

export interface ShiftRow {
  id: string;
  project_id: string;
  starts_at: Date | string;
  ends_at: Date | string;
  place: string;
  lat: number;
  lng: number;
  radius_m: number;
  needed: number;
  filled: number;
  require_gps: boolean;
  skills: string[];
  my_signup_id: string | null;
}

const SHIFT_COLUMNS = `s.id::text AS id, s.project_id::text AS project_id, s.starts_at, s.ends_at, s.place, s.lat, s.lng,
  s.radius_m, s.needed, s.filled, s.require_gps, s.skills`;

export async function insertShift(
  db: Queryable,
  s: {
    projectId: string;
    startsAt: string;
    endsAt: string;
    place: string;
    lat: number;
    lng: number;
    radiusM: number;
    needed: number;
    requireGps: boolean;
    skills: string[];
  },
): Promise<ShiftRow> {
  const [row] = await db.query<ShiftRow>(
    `INSERT INTO volunteer_shifts AS s (project_id, starts_at, ends_at, place, lat, lng, radius_m, needed, require_gps, skills)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SHIFT_COLUMNS}, NULL::text AS my_signup_id`,
    [
      s.projectId,
      s.startsAt,
      s.endsAt,
      s.place,
      s.lat,
      s.lng,
      s.radiusM,
      s.needed,
      s.requireGps,
      s.skills,
    ],
  );
  return row;
}

/** Shifts of these projects ending after `from` (and starting on `date` in Shanghai, if given). */
export async function listShifts(
  db: Queryable,
  projectIds: string[],
  f: { from: Date; date?: string; userId: string | null },
): Promise<ShiftRow[]> {
  if (projectIds.length === 0) return [];
  return db.query<ShiftRow>(
    `SELECT ${SHIFT_COLUMNS},
       (SELECT g.id::text FROM volunteer_signups g WHERE g.shift_id = s.id AND g.user_id = $4 AND g.status = 'active') AS my_signup_id
     FROM volunteer_shifts s
     WHERE s.project_id = ANY($1::bigint[]) AND s.ends_at > $2
       AND ($3::date IS NULL OR (s.starts_at AT TIME ZONE 'Asia/Shanghai')::date = $3::date)
     ORDER BY s.starts_at, s.id`,
    [projectIds, f.from.toISOString(), f.date ?? null, f.userId],
  );
}

export interface ShiftWithProjectRow extends ShiftRow {
  org_id: string;
  title: string;
  cancel_cutoff_min: number;
  checkin_open_before_min: number;
  checkout_close_after_min: number;
}

export async function findShift(db: Queryable, id: string): Promise<ShiftWithProjectRow | null> {
  const [row] = await db.query<ShiftWithProjectRow>(
    `SELECT ${SHIFT_COLUMNS}, NULL::text AS my_signup_id, p.org_id::text AS org_id, p.title, p.cancel_cutoff_min,
       p.checkin_open_before_min, p.checkout_close_after_min
     FROM volunteer_shifts s JOIN volunteer_projects p ON p.id = s.project_id WHERE s.id = $1`,
    [id],
  );
  return row ?? null;
}

// ---- sign-ups
export interface SignupRow {
  id: string;
  shift_id: string;
  user_id: string;
  status: 'active' | 'cancelled';
  created_at: Date | string;
}
const SIGNUP_COLUMNS = `id::text AS id, shift_id::text AS shift_id, user_id::text AS user_id, status, created_at`;

export async function releaseSeat(tx: Queryable, shiftId: string): Promise<void> {
  await tx.query(`UPDATE volunteer_shifts SET filled = filled - 1 WHERE id = $1 AND filled > 0`, [
    shiftId,
  ]);
}

export async function findActiveSignup(
  db: Queryable,
  shiftId: string,
  userId: string,
): Promise<SignupRow | null> {
  const [row] = await db.query<SignupRow>(
    `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE shift_id = $1 AND user_id = $2 AND status = 'active'`,
    [shiftId, userId],
  );
  return row ?? null;
}

export async function findSignup(db: Queryable, id: string): Promise<SignupRow | null> {
  const [row] = await db.query<SignupRow>(
    `SELECT ${SIGNUP_COLUMNS} FROM volunteer_signups WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** Cancels only the caller's active sign-up; null otherwise. */
export async function cancelSignup(
  tx: Queryable,
  id: string,
  userId: string,
  now: Date,
): Promise<SignupRow | null> {
  const [row] = await tx.query<SignupRow>(
    `UPDATE volunteer_signups SET status = 'cancelled', cancelled_at = $3
     WHERE id = $1 AND user_id = $2 AND status = 'active' RETURNING ${SIGNUP_COLUMNS}`,
    [id, userId, now.toISOString()],
  );
  return row ?? null;
}

/** The person's active sign-ups for shifts not yet started (account deletion gives them up). */
export async function upcomingSignupsOf(
  tx: Queryable,
  userId: string,
  now: Date,
): Promise<Array<{ id: string; shift_id: string }>> {
  return tx.query(
    `SELECT g.id::text AS id, g.shift_id::text AS shift_id FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id
     WHERE g.user_id = $1 AND g.status = 'active' AND s.starts_at > $2 ORDER BY g.id`,
    [userId, now.toISOString()],
  );
}

/** Requests still in progress that the person posted or took (account deletion ends or frees them). */
export async function openRequestsOf(
  tx: Queryable,
  userId: string,
): Promise<Array<{ id: string; state: string; resident_id: string }>> {
  return tx.query(
    `SELECT id::text AS id, state, resident_id::text AS resident_id FROM volunteer_requests
     WHERE (resident_id = $1 AND state IN ('submitted', 'dispatched', 'taken')) OR (taker_id = $1 AND state = 'taken')
     ORDER BY id`,
    [userId],
  );
}

export interface RosterRow {
  signup_id: string;
  user_id: string;
  name: string | null;
  phone_masked: string | null;
  checked_in_at: Date | string | null;
  checked_out_at: Date | string | null;
  in_method: 'code' | 'geo' | null;
  in_offline: boolean | null;
  in_distance_m: number | null;
  out_method: 'code' | 'geo' | null;
  out_offline: boolean | null;
  out_distance_m: number | null;
  /** The base entry (scans confirmed, or confirmed without a check-out) is in the ledger. */
  recorded: boolean;
  voided: boolean;
  hours: number;
}

/** The active sign-ups of a shift with both scans and what the ledger holds for each. */
export async function roster(db: Queryable, shiftId: string): Promise<RosterRow[]> {
  return db.query<RosterRow>(
    `SELECT g.id::text AS signup_id, g.user_id::text AS user_id, u.name, u.phone_masked,
       ci.scanned_at AS checked_in_at, co.scanned_at AS checked_out_at,
       ci.method AS in_method, ci.offline AS in_offline, ci.distance_m AS in_distance_m,
       co.method AS out_method, co.offline AS out_offline, co.distance_m AS out_distance_m,
       EXISTS (SELECT 1 FROM volunteer_hours_ledger l WHERE l.signup_id = g.id AND l.kind IN ('attendance', 'confirmed')) AS recorded,
       EXISTS (SELECT 1 FROM volunteer_hours_ledger l WHERE l.signup_id = g.id AND l.kind = 'void') AS voided,
       coalesce((SELECT sum(l.hours) FROM volunteer_hours_ledger l WHERE l.signup_id = g.id), 0) AS hours
     FROM volunteer_signups g JOIN users u ON u.id = g.user_id
     LEFT JOIN volunteer_checkins ci ON ci.signup_id = g.id AND ci.kind = 'in'
     LEFT JOIN volunteer_checkins co ON co.signup_id = g.id AND co.kind = 'out'
     WHERE g.shift_id = $1 AND g.status = 'active' ORDER BY g.id`,
    [shiftId],
  );
}

export interface MyShiftRow extends ShiftRow {
  signup_id: string;
  status: 'active' | 'cancelled';
  title: string;
  org_name: string;
  cancel_cutoff_min: number;
  checked_in_at: Date | string | null;
  checked_out_at: Date | string | null;
  hours: number;
  recorded: boolean;
}

export async function myShifts(db: Queryable, userId: string): Promise<MyShiftRow[]> {
  return db.query<MyShiftRow>(
    `SELECT ${SHIFT_COLUMNS}, g.id::text AS my_signup_id, g.id::text AS signup_id, g.status, p.title, o.name AS org_name,
       p.cancel_cutoff_min, ci.scanned_at AS checked_in_at, co.scanned_at AS checked_out_at,
       coalesce((SELECT sum(l.hours) FROM volunteer_hours_ledger l WHERE l.signup_id = g.id), 0) AS hours,
       EXISTS (SELECT 1 FROM volunteer_hours_ledger l WHERE l.signup_id = g.id AND l.kind IN ('attendance', 'confirmed')) AS recorded
     FROM volunteer_signups g
     JOIN volunteer_shifts s ON s.id = g.shift_id
     JOIN volunteer_projects p ON p.id = s.project_id JOIN organizations o ON o.id = p.org_id
     LEFT JOIN volunteer_checkins ci ON ci.signup_id = g.id AND ci.kind = 'in'
     LEFT JOIN volunteer_checkins co ON co.signup_id = g.id AND co.kind = 'out'
     WHERE g.user_id = $1 ORDER BY s.starts_at DESC, g.id DESC`,
    [userId],
  );
}

// ---- check-ins
export interface CheckinRow {
  id: string;
  signup_id: string;
  kind: 'in' | 'out';
  nonce: string;
  method: 'code' | 'geo';
  scanned_at: Date | string;
  offline: boolean;
  distance_m: number | null;
}
const CHECKIN_COLUMNS = `id::text AS id, signup_id::text AS signup_id, kind, nonce, method, scanned_at, offline, distance_m`;

/** null when the nonce was used before or this signup already has this kind of scan. */
export async function insertCheckin(
  tx: Queryable,
  c: {
    signupId: string;
    kind: 'in' | 'out';
    nonce: string;
    method: 'code' | 'geo';
    scannedAt: Date;
    receivedAt: Date;
    offline: boolean;
    distanceM: number | null;
  },
): Promise<CheckinRow | null> {
  const rows = await tx.query<CheckinRow>(
    `INSERT INTO volunteer_checkins (signup_id, kind, nonce, method, scanned_at, received_at, offline, distance_m)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING ${CHECKIN_COLUMNS}`,
    [
      c.signupId,
      c.kind,
      c.nonce,
      c.method,
      c.scannedAt.toISOString(),
      c.receivedAt.toISOString(),
      c.offline,
      c.distanceM,
    ],
  );
  return rows[0] ?? null;
}

export async function findCheckinByNonce(db: Queryable, nonce: string): Promise<CheckinRow | null> {
  const [row] = await db.query<CheckinRow>(
    `SELECT ${CHECKIN_COLUMNS} FROM volunteer_checkins WHERE nonce = $1`,
    [nonce],
  );
  return row ?? null;
}

export async function findCheckin(
  db: Queryable,
  signupId: string,
  kind: 'in' | 'out',
): Promise<CheckinRow | null> {
  const [row] = await db.query<CheckinRow>(
    `SELECT ${CHECKIN_COLUMNS} FROM volunteer_checkins WHERE signup_id = $1 AND kind = $2`,
    [signupId, kind],
  );
  return row ?? null;
}

// ---- hours ledger (append-only: INSERT and SELECT only)
export interface LedgerRow {
  id: string;
  kind: HoursKind;
  hours: number;
  minutes: number | null;
  reason: string | null;
  title: string;
  signup_id: string | null;
  request_id: string | null;
  created_at: Date | string;
  user_id: string;
  user_name: string | null;
  starts_at: Date | string | null;
}

/**
 * null when the base entry (or the void) of this signup/request already exists (unique partial
 * indexes). Every row names the staff member who confirmed it (a CHECK since 0008).
 */
export async function appendLedger(
  tx: Queryable,
  e: {
    userId: string;
    signupId?: string | null;
    requestId?: string | null;
    projectId?: string | null;
    kind: LedgerRow['kind'];
    hours: number;
    minutes?: number | null;
    reason?: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO volunteer_hours_ledger (user_id, signup_id, request_id, project_id, kind, hours, minutes, reason, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id::text AS id`,
    [
      e.userId,
      e.signupId ?? null,
      e.requestId ?? null,
      e.projectId ?? null,
      e.kind,
      e.hours,
      e.minutes ?? null,
      e.reason ?? null,
      e.createdBy,
      e.at.toISOString(),
    ],
  );
  return rows[0]?.id ?? null;
}

export async function signupHours(db: Queryable, signupId: string): Promise<number> {
  const [row] = await db.query<{ h: number }>(
    'SELECT coalesce(sum(hours), 0) AS h FROM volunteer_hours_ledger WHERE signup_id = $1',
    [signupId],
  );
  return Number(row?.h ?? 0);
}

/** Whether the sign-up's base entry (confirmed scans, or confirmed without a check-out) is in the ledger. */
export async function hasBaseEntry(db: Queryable, signupId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM volunteer_hours_ledger WHERE signup_id = $1 AND kind IN ('attendance', 'confirmed')`,
    [signupId],
  );
  return rows.length > 0;
}

const LEDGER_SELECT = `SELECT l.id::text AS id, l.kind, l.hours, l.minutes, l.reason, l.user_id::text AS user_id, u.name AS user_name,
    l.signup_id::text AS signup_id, l.request_id::text AS request_id, l.created_at, s.starts_at,
    coalesce(p.title, r.title, '') AS title
  FROM volunteer_hours_ledger l
  JOIN users u ON u.id = l.user_id
  LEFT JOIN volunteer_signups g ON g.id = l.signup_id
  LEFT JOIN volunteer_shifts s ON s.id = g.shift_id
  LEFT JOIN volunteer_projects p ON p.id = l.project_id
  LEFT JOIN volunteer_requests r ON r.id = l.request_id`;

export async function ledgerOfUser(db: Queryable, userId: string): Promise<LedgerRow[]> {
  return db.query<LedgerRow>(`${LEDGER_SELECT} WHERE l.user_id = $1 ORDER BY l.id`, [userId]);
}

export async function ledgerOfProject(db: Queryable, projectId: string): Promise<LedgerRow[]> {
  return db.query<LedgerRow>(`${LEDGER_SELECT} WHERE l.project_id = $1 ORDER BY u.name, l.id`, [
    projectId,
  ]);
}

// ---- certificates
export interface CertificateRow {
  code: string;
  name_masked: string;
  hours: number;
  entries: number;
  issued_at: Date | string;
}

// The ledger's state: its row count and last id (see migration 0029). A certificate is issued for
// a state with positive hours, once: the unique key turns a simultaneous second insert into nothing.
const LEDGER_STATE = `SELECT count(*)::int AS entries, max(id) AS through, coalesce(sum(hours), 0) AS hours
  FROM volunteer_hours_ledger WHERE user_id = $1`;

export async function insertCertificate(
  db: Queryable,
  c: { code: string; userId: string; nameMasked: string; at: Date },
): Promise<CertificateRow | null> {
  const [row] = await db.query<CertificateRow>(
    `INSERT INTO volunteer_certificates (code, user_id, name_masked, hours, entries, ledger_through, issued_at)
     SELECT $2, $1, $3, st.hours, st.entries, st.through, $4 FROM (${LEDGER_STATE}) st WHERE st.hours > 0
     ON CONFLICT (user_id, entries, ledger_through) DO NOTHING
     RETURNING code, name_masked, hours, entries, issued_at`,
    [c.userId, c.code, c.nameMasked, c.at.toISOString()],
  );
  return row ?? null;
}

/** The certificate already issued for the ledger as it is now, if any. */
export async function currentCertificate(
  db: Queryable,
  userId: string,
): Promise<CertificateRow | null> {
  const [row] = await db.query<CertificateRow>(
    `SELECT c.code, c.name_masked, c.hours, c.entries, c.issued_at
       FROM volunteer_certificates c, (${LEDGER_STATE}) st
      WHERE c.user_id = $1 AND c.entries = st.entries AND c.ledger_through = st.through`,
    [userId],
  );
  return row ?? null;
}

export async function ledgerTotal(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ hours: string }>(`SELECT hours FROM (${LEDGER_STATE}) st`, [
    userId,
  ]);
  return Number(row?.hours ?? 0);
}

export interface CertificateServiceRow {
  title: string;
  served_at: Date | string;
  organization: string | null;
  hours: string;
}

/**
 * The services a certificate lists: one line per shift or 点单 request with its date, the
 * organization that ran it and the confirmed hours (the base entry plus corrections and voids);
 * a row written outside both (older data) is a line of its own. Voided services (0 h) drop out.
 */
export async function certificateServices(
  db: Queryable,
  userId: string,
): Promise<CertificateServiceRow[]> {
  return db.query<CertificateServiceRow>(
    `SELECT coalesce(p.title, r.title, '志愿服务') AS title,
            coalesce(s.starts_at, r.wanted_at, min(l.created_at)) AS served_at,
            o.name AS organization, sum(l.hours) AS hours
       FROM volunteer_hours_ledger l
       LEFT JOIN volunteer_signups g ON g.id = l.signup_id
       LEFT JOIN volunteer_shifts s ON s.id = g.shift_id
       LEFT JOIN volunteer_projects p ON p.id = coalesce(s.project_id, l.project_id)
       LEFT JOIN volunteer_requests r ON r.id = l.request_id
       LEFT JOIN organizations o ON o.id = coalesce(p.org_id, r.team_id, r.committee_id)
      WHERE l.user_id = $1
      GROUP BY l.signup_id, l.request_id, CASE WHEN l.signup_id IS NULL AND l.request_id IS NULL THEN l.id END,
               p.title, r.title, s.starts_at, r.wanted_at, o.name
     HAVING sum(l.hours) <> 0
      ORDER BY 2, 1`,
    [userId],
  );
}

export async function findCertificate(db: Queryable, code: string): Promise<CertificateRow | null> {
  const [row] = await db.query<CertificateRow>(
    'SELECT code, name_masked, hours, entries, issued_at FROM volunteer_certificates WHERE code = $1',
    [code],
  );
  return row ?? null;
}

// ---- requests
export interface RequestRow {
  id: string;
  resident_id: string;
  committee_id: string;
  title: string;
  details: string;
  place: string;
  wanted_at: Date | string;
  duration_min: number;
  hours_confirmed: boolean;
  contact_name: string;
  contact_phone: string;
  contact_masked: string;
  state: string;
  team_id: string | null;
  volunteer_id: string | null;
  taker_id: string | null;
  report: string | null;
  hours: number | null;
  rating: number | null;
  rating_comment: string | null;
  reason: string | null;
  created_at: Date | string;
}
const REQUEST_COLUMNS = `id::text AS id, resident_id::text AS resident_id, committee_id::text AS committee_id, title, details,
  place, wanted_at, duration_min,
  EXISTS (SELECT 1 FROM volunteer_hours_ledger l WHERE l.request_id = volunteer_requests.id AND l.kind = 'request') AS hours_confirmed,
  contact_name, contact_phone, contact_masked, state, team_id::text AS team_id, volunteer_id::text AS volunteer_id, taker_id::text AS taker_id,
  report, hours, rating, rating_comment, reason, created_at`;

export async function insertRequest(
  tx: Queryable,
  r: {
    residentId: string;
    committeeId: string;
    title: string;
    details: string;
    place: string;
    wantedAt: string;
    durationMin: number;
    contactName: string;
    contactPhone: string;
    contactMasked: string;
    at: Date;
  },
): Promise<RequestRow> {
  const [row] = await tx.query<RequestRow>(
    `INSERT INTO volunteer_requests (resident_id, committee_id, title, details, place, wanted_at, duration_min, contact_name,
       contact_phone, contact_masked, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING ${REQUEST_COLUMNS}`,
    [
      r.residentId,
      r.committeeId,
      r.title,
      r.details,
      r.place,
      r.wantedAt,
      r.durationMin,
      r.contactName,
      r.contactPhone,
      r.contactMasked,
      r.at.toISOString(),
    ],
  );
  return row;
}

export async function findRequest(db: Queryable, id: string): Promise<RequestRow | null> {
  const [row] = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM volunteer_requests WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

export async function listRequests(
  db: Queryable,
  scope: 'mine' | 'committee' | 'open' | 'taken',
  userId: string,
  orgIds: string[],
): Promise<RequestRow[]> {
  const where = {
    mine: 'resident_id = $1',
    committee: 'committee_id = ANY($2::bigint[])',
    open: `state = 'dispatched' AND resident_id <> $1 AND (volunteer_id IS NULL OR volunteer_id = $1)
      AND (team_id IS NULL OR team_id = ANY($2::bigint[])
        OR team_id IN (SELECT team_id FROM volunteer_team_members WHERE user_id = $1 AND status = 'approved'))`,
    taken: 'taker_id = $1',
  }[scope];
  // Both parameters are referenced in every scope: PostgreSQL cannot type an unused parameter.
  return db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM volunteer_requests WHERE ${where} AND $1::bigint IS NOT NULL AND $2::bigint[] IS NOT NULL
     ORDER BY volunteer_id IS NOT NULL DESC, team_id IS NOT NULL DESC, id DESC LIMIT 200`,
    [userId, orgIds],
  );
}

/** Moves the request from `from` to `to` only if it is still in `from`; null when someone moved it first. */
export async function transitionRequest(
  tx: Queryable,
  id: string,
  from: string,
  to: string,
  set: {
    teamId?: string | null;
    volunteerId?: string | null;
    takerId?: string | null;
    report?: string;
    hours?: number;
    rating?: number;
    ratingComment?: string | null;
    reason?: string | null;
  },
  at: Date,
): Promise<RequestRow | null> {
  const [row] = await tx.query<RequestRow>(
    `UPDATE volunteer_requests SET state = $3, updated_at = $4,
       team_id = CASE WHEN $5::boolean THEN $6::bigint ELSE team_id END,
       taker_id = CASE WHEN $7::boolean THEN $8::bigint ELSE taker_id END,
       report = coalesce($9, report), hours = coalesce($10, hours), rating = coalesce($11, rating),
       rating_comment = coalesce($12, rating_comment), reason = coalesce($13, reason),
       volunteer_id = CASE WHEN $14::boolean THEN $15::bigint ELSE volunteer_id END
     WHERE id = $1 AND state = $2 RETURNING ${REQUEST_COLUMNS}`,
    [
      id,
      from,
      to,
      at.toISOString(),
      set.teamId !== undefined,
      set.teamId ?? null,
      set.takerId !== undefined,
      set.takerId ?? null,
      set.report ?? null,
      set.hours ?? null,
      set.rating ?? null,
      set.ratingComment ?? null,
      set.reason ?? null,
      set.volunteerId !== undefined,
      set.volunteerId ?? null,
    ],
  );
  return row ?? null;
}

export interface RequestEventRow {
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  at: Date | string;
}

export async function insertRequestEvent(
  tx: Queryable,
  e: {
    requestId: string;
    action: string;
    from: string | null;
    to: string;
    actorId: string;
    note: string | null;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO volunteer_request_events (request_id, action, from_state, to_state, actor_id, note, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [e.requestId, e.action, e.from, e.to, e.actorId, e.note, e.at.toISOString()],
  );
}

export async function requestTimeline(
  db: Queryable,
  requestId: string,
): Promise<RequestEventRow[]> {
  return db.query<RequestEventRow>(
    'SELECT action, from_state, to_state, note, at FROM volunteer_request_events WHERE request_id = $1 ORDER BY id',
    [requestId],
  );
}

/** Active sign-ups whose shift starts within (now, until] and were not reminded; marks them reminded. */
export async function signupsToRemind(db: Queryable, now: Date, until: Date) {
  return db.query<{ user_id: string; title: string; starts_at: Date | string; place: string }>(
    `UPDATE volunteer_signups s SET reminded_at = $1
     FROM volunteer_shifts sh JOIN volunteer_projects p ON p.id = sh.project_id
     WHERE sh.id = s.shift_id AND s.status = 'active' AND s.reminded_at IS NULL
       AND sh.starts_at > $1 AND sh.starts_at <= $2
     RETURNING s.user_id::text AS user_id, p.title, sh.starts_at, sh.place`,
    [now.toISOString(), until.toISOString()],
  );
}

// ---- corrections a volunteer asks for (decided once: status moves only from 'open')
export interface CorrectionRequestRow {
  id: string;
  signup_id: string;
  user_id: string;
  name: string | null;
  title: string;
  org_id: string;
  shift_starts_at: Date | string;
  hours: number;
  current_hours: number;
  reason: string;
  status: 'open' | 'accepted' | 'rejected';
  decision_note: string | null;
  created_at: Date | string;
}
const CORRECTION_SELECT = `SELECT c.id::text AS id, c.signup_id::text AS signup_id, c.user_id::text AS user_id, u.name, p.title,
    p.org_id::text AS org_id, s.starts_at AS shift_starts_at, c.hours, c.reason, c.status, c.decision_note, c.created_at,
    coalesce((SELECT sum(l.hours) FROM volunteer_hours_ledger l WHERE l.signup_id = c.signup_id), 0) AS current_hours
  FROM volunteer_correction_requests c JOIN users u ON u.id = c.user_id
  JOIN volunteer_signups g ON g.id = c.signup_id JOIN volunteer_shifts s ON s.id = g.shift_id
  JOIN volunteer_projects p ON p.id = s.project_id`;

/** null when the sign-up has an open request already (partial unique index). */
export async function insertCorrectionRequest(
  tx: Queryable,
  c: { signupId: string; userId: string; hours: number; reason: string; at: Date },
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO volunteer_correction_requests (signup_id, user_id, hours, reason, created_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id::text AS id`,
    [c.signupId, c.userId, c.hours, c.reason, c.at.toISOString()],
  );
  return rows[0]?.id ?? null;
}

export async function findCorrectionRequest(
  db: Queryable,
  id: string,
): Promise<CorrectionRequestRow | null> {
  const [row] = await db.query<CorrectionRequestRow>(`${CORRECTION_SELECT} WHERE c.id = $1`, [id]);
  return row ?? null;
}

/** A volunteer's own requests, or (orgIds; null for an admin) those of the organizer's shifts, open first. */
export async function listCorrectionRequests(
  db: Queryable,
  f: { userId: string } | { orgIds: string[] | null },
): Promise<CorrectionRequestRow[]> {
  const [where, param] =
    'userId' in f
      ? ['c.user_id = $1::bigint', f.userId]
      : ['($1::bigint[] IS NULL OR p.org_id = ANY($1::bigint[]))', f.orgIds];
  return db.query<CorrectionRequestRow>(
    `${CORRECTION_SELECT} WHERE ${where} ORDER BY c.status = 'open' DESC, c.id DESC LIMIT 200`,
    [param],
  );
}

export async function decideCorrectionRequest(
  tx: Queryable,
  id: string,
  status: 'accepted' | 'rejected',
  note: string | null,
  staffId: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE volunteer_correction_requests SET status = $2, decision_note = $3, decided_by = $4, decided_at = $5
     WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, status, note, staffId, at.toISOString()],
  );
  return rows.length > 0;
}

// ---- voids, the bar, appeals
export interface StandingRow {
  voids: number;
  /** vol_void_bar (migration 0048): the one place the bar is decided, also for the sign-up. */
  barred: boolean;
  appeal_id: string | null;
  appeal_status: 'open' | 'accepted' | 'rejected' | null;
  appeal_at: Date | string | null;
}

export async function standingOf(
  db: Queryable,
  userId: string,
  barCount: number,
): Promise<StandingRow> {
  const [row] = await db.query<StandingRow>(
    `SELECT b.voids, b.barred, a.id::text AS appeal_id, a.status AS appeal_status, a.created_at AS appeal_at
     FROM vol_void_bar($1, $2) b
     LEFT JOIN LATERAL (SELECT id, status, created_at FROM volunteer_appeals WHERE user_id = $1 ORDER BY id DESC LIMIT 1) a ON true`,
    [userId, barCount],
  );
  return row;
}

export interface AppealRow {
  id: string;
  user_id: string;
  name: string | null;
  reason: string;
  voids: number;
  status: 'open' | 'accepted' | 'rejected';
  created_at: Date | string;
}
const APPEAL_SELECT = `SELECT a.id::text AS id, a.user_id::text AS user_id, u.name, a.reason, a.voids, a.status, a.created_at
  FROM volunteer_appeals a JOIN users u ON u.id = a.user_id`;
/** The appeal is the business of every organization that voided this volunteer's hours. */
const VOIDED_BY_ORGS = `EXISTS (SELECT 1 FROM volunteer_hours_ledger l JOIN volunteer_projects p ON p.id = l.project_id
  WHERE l.user_id = a.user_id AND l.kind = 'void' AND ($2::bigint[] IS NULL OR p.org_id = ANY($2::bigint[])))`;

/** null when the volunteer has an open appeal already (partial unique index). */
export async function insertAppeal(
  tx: Queryable,
  a: { userId: string; reason: string; voids: number; at: Date },
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO volunteer_appeals (user_id, reason, voids, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING id::text AS id`,
    [a.userId, a.reason, a.voids, a.at.toISOString()],
  );
  return rows[0]?.id ?? null;
}

/** The appeal if one of these organizations (null: any, for an admin) voided the volunteer's hours. */
export async function findAppealFor(
  db: Queryable,
  id: string,
  orgIds: string[] | null,
): Promise<AppealRow | null> {
  const [row] = await db.query<AppealRow>(
    `${APPEAL_SELECT} WHERE a.id = $1 AND ${VOIDED_BY_ORGS}`,
    [id, orgIds],
  );
  return row ?? null;
}

export async function listAppeals(db: Queryable, orgIds: string[] | null): Promise<AppealRow[]> {
  return db.query<AppealRow>(
    `${APPEAL_SELECT} WHERE $1::int IS NOT NULL AND ${VOIDED_BY_ORGS} ORDER BY a.status = 'open' DESC, a.id DESC LIMIT 200`,
    [1, orgIds],
  );
}

export async function decideAppeal(
  tx: Queryable,
  id: string,
  status: 'accepted' | 'rejected',
  staffId: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE volunteer_appeals SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, status, staffId, at.toISOString()],
  );
  return rows.length > 0;
}

export async function findShiftOfSignup(
  db: Queryable,
  signupId: string,
): Promise<{ project_id: string; org_id: string }> {
  const [row] = await db.query<{ project_id: string; org_id: string }>(
    `SELECT s.project_id::text AS project_id, p.org_id::text AS org_id
     FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id JOIN volunteer_projects p ON p.id = s.project_id WHERE g.id = $1`,
    [signupId],
  );
  return row;
}
