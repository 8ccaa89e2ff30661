// All SQL of 爱心暑托班. Seats and waitlist tickets are changed only by conditional UPDATEs on the
// class row, so the database (its row lock and CHECK (taken <= capacity)) keeps the invariants.
import type { EnrollResult } from '@/contract/childcare';
import type { Queryable } from '../../db/db';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import type { TapAnswer } from '../../lib/rush-taps';
import { linkedTo } from '../children/repo';

// ---- programmes / periods / classes
export interface ProgrammeRow {
  id: string;
  name: string;
  season: 'summer' | 'winter';
  prefill_opens_at: Date | string;
  registration_opens_at: Date | string;
  registration_closes_at: Date | string;
  offer_hours: number;
  notice: string | null;
  local_schools: string[] | null;
}
const PROGRAMME_COLS = `p.id::text AS id, p.name, p.season, p.prefill_opens_at, p.registration_opens_at,
  p.registration_closes_at, p.offer_hours, p.notice, p.local_schools`;

export const listProgrammes = (db: Queryable) =>
  db.query<ProgrammeRow>(
    `SELECT ${PROGRAMME_COLS} FROM cc_programmes p ORDER BY p.registration_opens_at DESC, p.id`,
  );

export async function findProgramme(db: Queryable, id: string): Promise<ProgrammeRow | null> {
  const [row] = await db.query<ProgrammeRow>(
    `SELECT ${PROGRAMME_COLS} FROM cc_programmes p WHERE p.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function insertProgramme(
  db: Queryable,
  p: {
    name: string;
    season: string;
    prefillOpensAt: string;
    registrationOpensAt: string;
    registrationClosesAt: string;
    offerHours: number;
    notice: string | null;
    localSchools: string[] | null;
  },
): Promise<ProgrammeRow | null> {
  const [row] = await db.query<ProgrammeRow>(
    `INSERT INTO cc_programmes AS p (name, season, prefill_opens_at, registration_opens_at, registration_closes_at, offer_hours, notice, local_schools)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING RETURNING ${PROGRAMME_COLS}`,
    [
      p.name,
      p.season,
      p.prefillOpensAt,
      p.registrationOpensAt,
      p.registrationClosesAt,
      p.offerHours,
      p.notice,
      p.localSchools,
    ],
  );
  return row ?? null;
}

export async function setLocalSchools(
  db: Queryable,
  programmeId: string,
  schools: string[] | null,
): Promise<ProgrammeRow | null> {
  const [row] = await db.query<ProgrammeRow>(
    `UPDATE cc_programmes AS p SET local_schools = $2 WHERE p.id = $1 RETURNING ${PROGRAMME_COLS}`,
    [programmeId, schools],
  );
  return row ?? null;
}

// ---- 家长须知: agreed to once per programme, for the text as it stands (its SHA-256)
/** When this parent agreed to the programme's current notice; null if not, or if it changed. */
export async function noticeAcceptedAt(
  db: Queryable,
  programmeId: string,
  userId: string,
): Promise<Date | string | null> {
  const [row] = await db.query<{ accepted_at: Date | string }>(
    `SELECT a.accepted_at FROM cc_notice_acceptances a JOIN cc_programmes p ON p.id = a.programme_id
      WHERE a.programme_id = $1 AND a.user_id = $2 AND a.notice_sha256 = cc_notice_sha256(p.notice)`,
    [programmeId, userId],
  );
  return row?.accepted_at ?? null;
}

/** Records the agreement to the notice as it stands; agreeing again to the same text keeps the first time. */
export async function acceptNotice(
  db: Queryable,
  programmeId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO cc_notice_acceptances AS a (programme_id, user_id, notice_sha256, accepted_at)
     SELECT p.id, $2, cc_notice_sha256(p.notice), $3 FROM cc_programmes p WHERE p.id = $1
     ON CONFLICT (programme_id, user_id) DO UPDATE
       SET notice_sha256 = EXCLUDED.notice_sha256, accepted_at = EXCLUDED.accepted_at
       WHERE a.notice_sha256 <> EXCLUDED.notice_sha256`,
    [programmeId, userId, now],
  );
}

export interface PeriodRow {
  id: string;
  programme_id: string;
  seq: number;
  name: string;
  starts_on: string;
  ends_on: string;
}
const PERIOD_COLS = `id::text AS id, programme_id::text AS programme_id, seq, name, starts_on, ends_on`;

export const listPeriods = (db: Queryable, programmeId: string) =>
  db.query<PeriodRow>(
    `SELECT ${PERIOD_COLS} FROM cc_periods WHERE programme_id = $1 ORDER BY seq`,
    [programmeId],
  );

export async function findPeriod(db: Queryable, id: string): Promise<PeriodRow | null> {
  const [row] = await db.query<PeriodRow>(`SELECT ${PERIOD_COLS} FROM cc_periods WHERE id = $1`, [
    id,
  ]);
  return row ?? null;
}

export async function insertPeriod(
  db: Queryable,
  programmeId: string,
  p: { seq: number; name: string; startsOn: string; endsOn: string },
): Promise<PeriodRow | null> {
  const [row] = await db.query<PeriodRow>(
    `INSERT INTO cc_periods (programme_id, seq, name, starts_on, ends_on) VALUES ($1, $2, $3, $4::date, $5::date)
     ON CONFLICT (programme_id, seq) DO NOTHING RETURNING ${PERIOD_COLS}`,
    [programmeId, p.seq, p.name, p.startsOn, p.endsOn],
  );
  return row ?? null;
}

export interface ClassRow {
  id: string;
  name: string;
  period_id: string;
  period_name: string;
  programme_name: string;
  starts_on: string;
  ends_on: string;
  programme_id: string;
  site_id: string;
  site_name: string;
  site_address: string | null;
  site_latitude: number | null;
  site_longitude: number | null;
  capacity: number;
  taken: number;
  waiting: number;
  grade_min: number;
  grade_max: number;
  fee_fen: number;
  what_to_bring: string;
}
const CLASS_SELECT = `SELECT c.id::text AS id, c.name, c.period_id::text AS period_id, pe.name AS period_name, pr.name AS programme_name,
    pe.starts_on, pe.ends_on, pe.programme_id::text AS programme_id, c.site_id::text AS site_id,
    o.name AS site_name, o.address AS site_address, o.latitude AS site_latitude,
    o.longitude AS site_longitude, c.capacity, c.taken,
    (SELECT count(*)::int FROM cc_enrollments w WHERE w.class_id = c.id AND w.status = 'waitlisted') AS waiting,
    c.grade_min, c.grade_max, c.fee_fen, c.what_to_bring
  FROM cc_classes c JOIN cc_periods pe ON pe.id = c.period_id JOIN cc_programmes pr ON pr.id = pe.programme_id
  JOIN organizations o ON o.id = c.site_id`;

export const listClassesOfProgramme = (db: Queryable, programmeId: string) =>
  db.query<ClassRow>(`${CLASS_SELECT} WHERE pe.programme_id = $1 ORDER BY pe.seq, o.id, c.id`, [
    programmeId,
  ]);

export const listClassesOfSites = (db: Queryable, siteIds: string[] | null) =>
  db.query<ClassRow>(
    `${CLASS_SELECT} WHERE ($1::bigint[] IS NULL OR c.site_id = ANY($1::bigint[])) ORDER BY pe.starts_on, o.id, c.id`,
    [siteIds],
  );

export async function findClass(db: Queryable, id: string): Promise<ClassRow | null> {
  const [row] = await db.query<ClassRow>(`${CLASS_SELECT} WHERE c.id = $1`, [id]);
  return row ?? null;
}

export async function isChildcareSite(db: Queryable, siteId: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM organizations WHERE id = $1 AND kind = 'site'`, [
    siteId,
  ]);
  return rows.length > 0;
}

export async function insertClass(
  db: Queryable,
  c: {
    periodId: string;
    siteId: string;
    name: string;
    capacity: number;
    gradeMin: number;
    gradeMax: number;
    feeFen: number;
    whatToBring: string;
  },
): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cc_classes (period_id, site_id, name, capacity, grade_min, grade_max, fee_fen, what_to_bring)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (period_id, site_id, name) DO NOTHING RETURNING id::text AS id`,
    [c.periodId, c.siteId, c.name, c.capacity, c.gradeMin, c.gradeMax, c.feeFen, c.whatToBring],
  );
  return row?.id ?? null;
}

/** Never below the seats held: the WHERE makes it one atomic check. Returns false when refused. */
export async function setCapacity(
  db: Queryable,
  classId: string,
  capacity: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE cc_classes SET capacity = $2 WHERE id = $1 AND taken <= $2 RETURNING 1`,
    [classId, capacity],
  );
  return rows.length > 0;
}

export async function updateClassInfo(
  db: Queryable,
  classId: string,
  feeFen: number | undefined,
  whatToBring: string | undefined,
) {
  await db.query(
    `UPDATE cc_classes SET fee_fen = COALESCE($2, fee_fen), what_to_bring = COALESCE($3, what_to_bring) WHERE id = $1`,
    [classId, feeFen ?? null, whatToBring ?? null],
  );
}

// ---- seats and the waitlist (the hot path)

/** Seats and offer length of a class, read under its row lock. */
export async function classSeats(db: Queryable, classId: string) {
  const [row] = await db.query<{ capacity: number; taken: number; offer_hours: number }>(
    `SELECT c.capacity, c.taken, p.offer_hours FROM cc_classes c JOIN cc_periods pe ON pe.id = c.period_id
     JOIN cc_programmes p ON p.id = pe.programme_id WHERE c.id = $1 FOR UPDATE OF c`,
    [classId],
  );
  return row ?? null;
}

/** Classes with a free seat and someone waiting (a seat freed while a rusher was being queued). */
export const classesToPromote = (db: Queryable) =>
  db.query<{ id: string }>(
    `SELECT c.id::text AS id FROM cc_classes c WHERE c.taken < c.capacity
       AND EXISTS (SELECT 1 FROM cc_enrollments e WHERE e.class_id = c.id AND e.status = 'waitlisted') ORDER BY c.id`,
  );

/** Takes n seats at once or none: the sibling all-or-none rule in one statement. */
export async function takeSeats(db: Queryable, classId: string, n: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE cc_classes SET taken = taken + $2 WHERE id = $1 AND taken + $2 <= capacity RETURNING 1`,
    [classId, n],
  );
  return rows.length > 0;
}

/** One enroll tap. */
export interface EnrollTap {
  classId: string;
  parentId: string;
  /** The session token's version, checked against the account's in the same call. */
  tokenVersion: number;
  childIds: string[];
  /** When the tap arrived (the app's clock); the window is checked against it. */
  now: Date;
  /** The Beijing date of `now`. */
  today: string;
  groupKey: string;
  claim: IdempotencyClaim | null;
}

/** A tap's answer, or the error its own part of the call raised (rolled back alone). */
export type EnrollAnswer = TapAnswer<EnrollResult>;

/**
 * Enroll taps, whatever their classes, in ONE statement (cc_enroll_batch, migration 0050; each tap
 * is cc_enroll_tap of migration 0046): the children's and the classes' rows locked in id order,
 * then tap by tap the session, key claim, window and children checks, seats or waitlist tickets,
 * the enrollments and the stored answer, and one commit for all. The answers come back in the order
 * of `taps`.
 */
export async function enrollBatch(
  db: Queryable,
  taps: EnrollTap[],
  messages: { enrolled: string; waitlist: string; held: string; holdMinutes: number | null },
): Promise<EnrollAnswer[]> {
  const calls = taps.map((t) => ({
    classId: t.classId,
    userId: t.parentId,
    tokenVersion: t.tokenVersion,
    childIds: t.childIds,
    now: t.now.toISOString(),
    today: t.today,
    groupKey: t.groupKey,
    key: t.claim?.key ?? null,
    route: t.claim?.route ?? null,
    hash: t.claim?.hash ?? null,
  }));
  const [row] = await db.query<{ r: EnrollAnswer[] }>(
    `SELECT cc_enroll_batch($1::jsonb, $2::text, $3::text, $4::integer, $5::text) AS r`,
    [
      JSON.stringify(calls),
      messages.enrolled,
      messages.waitlist,
      messages.holdMinutes,
      messages.held,
    ],
  );
  return row!.r;
}

export async function releaseSeats(db: Queryable, classId: string, n: number): Promise<void> {
  await db.query(`UPDATE cc_classes SET taken = taken - $2 WHERE id = $1`, [classId, n]);
}

/** Locks the class row first, so every path that touches seats and enrollments locks in one order. */
export async function lockClass(db: Queryable, classId: string): Promise<void> {
  await db.query(`SELECT id FROM cc_classes WHERE id = $1 FOR UPDATE`, [classId]);
}

/** Place (1-based) of a ticket among those still waiting. */
export async function waitlistRank(
  db: Queryable,
  classId: string,
  waitlistNo: number,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cc_enrollments WHERE class_id = $1 AND status = 'waitlisted' AND waitlist_no <= $2`,
    [classId, waitlistNo],
  );
  return row!.n;
}

export interface EnrollmentRow {
  id: string;
  class_id: string;
  period_id: string;
  child_id: string;
  parent_id: string;
  group_key: string;
  group_size: number;
  status: string;
  waitlist_no: number | null;
  offer_expires_at: Date | string | null;
  /** the seats one request holds for payment (paid class), paid with one order */
  pay_group: string | null;
  price_fen: number | null;
  created_at: Date | string;
}
const ENROLLMENT_COLS = `e.id::text AS id, e.class_id::text AS class_id, e.period_id::text AS period_id, e.child_id::text AS child_id,
  e.parent_id::text AS parent_id, e.group_key, e.group_size, e.status, e.waitlist_no, e.offer_expires_at,
  e.pay_group::text AS pay_group, e.price_fen, e.created_at`;

/**
 * An enrollment of a child this account may act for (its first parent or an approved guardian);
 * another family's answers like a missing one.
 */
export async function findOwnEnrollment(
  db: Queryable,
  userId: string,
  id: string,
): Promise<EnrollmentRow | null> {
  const [row] = await db.query<EnrollmentRow>(
    `SELECT ${ENROLLMENT_COLS} FROM cc_enrollments e JOIN children c ON c.id = e.child_id WHERE e.id = $1 AND ${linkedTo('$2')}`,
    [id, userId],
  );
  return row ?? null;
}

/** A parent's live enrollments in periods not yet ended on `today` (account deletion releases them). */
export async function liveEnrollmentsOf(
  db: Queryable,
  parentId: string,
  today: string,
): Promise<Array<{ id: string; class_id: string }>> {
  return db.query(
    `SELECT e.id::text AS id, e.class_id::text AS class_id FROM cc_enrollments e JOIN cc_periods p ON p.id = e.period_id
     WHERE e.parent_id = $1 AND e.status IN ('enrolled', 'offered', 'waitlisted') AND p.ends_on >= $2::date
     ORDER BY e.class_id, e.id`,
    [parentId, today],
  );
}

export async function findEnrollment(db: Queryable, id: string): Promise<EnrollmentRow | null> {
  const [row] = await db.query<EnrollmentRow>(
    `SELECT ${ENROLLMENT_COLS} FROM cc_enrollments e WHERE e.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Conditional status change: returns false when the row was not in `from` any more. */
export async function setStatus(
  db: Queryable,
  id: string,
  from: string[],
  to: string,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE cc_enrollments SET status = $3, updated_at = $4,
       offer_expires_at = CASE WHEN $3 = 'offered' THEN offer_expires_at ELSE NULL END
     WHERE id = $1 AND status = ANY($2::text[]) RETURNING 1`,
    [id, from, to, at.toISOString()],
  );
  return rows.length > 0;
}

/** Waiting groups of a class in queue order: [{group_key, size, first_no}]. */
export async function waitingGroups(db: Queryable, classId: string) {
  return db.query<{ group_key: string; size: number; first_no: number }>(
    `SELECT group_key, count(*)::int AS size, min(waitlist_no) AS first_no FROM cc_enrollments
     WHERE class_id = $1 AND status = 'waitlisted' GROUP BY group_key ORDER BY min(waitlist_no)`,
    [classId],
  );
}

/** Offers the group its seats; returns the parent of each offered enrollment (one per child). */
export async function offerGroup(
  db: Queryable,
  classId: string,
  groupKey: string,
  at: Date,
  expiresAt: Date,
): Promise<string[]> {
  const rows = await db.query<{ parent_id: string }>(
    `UPDATE cc_enrollments SET status = 'offered', offer_expires_at = $4, updated_at = $3
     WHERE class_id = $1 AND group_key = $2 AND status = 'waitlisted' RETURNING parent_id::text AS parent_id`,
    [classId, groupKey, at.toISOString(), expiresAt.toISOString()],
  );
  return rows.map((r) => r.parent_id);
}

// A hold whose order is still open at WeChat may have been paid in time: the payments job asks
// (and closes the order) first, and only then does the expiry release the seat.
const NO_OPEN_ORDER = `NOT EXISTS (SELECT 1 FROM payment_orders o
  WHERE o.payable_kind = 'cc_hold' AND o.payable_id = e.pay_group AND o.status = 'pending')`;

export async function expiredOfferClasses(db: Queryable, now: Date) {
  return db.query<{ class_id: string }>(
    `SELECT DISTINCT class_id::text AS class_id FROM cc_enrollments e
     WHERE status = 'offered' AND offer_expires_at <= $1 AND ${NO_OPEN_ORDER} ORDER BY 1`,
    [now.toISOString()],
  );
}

/**
 * Expires the due offers of one class (under its lock); returns the parent of each expired seat
 * and whether it was a 待支付 hold (its message says so).
 */
export async function expireOffers(
  db: Queryable,
  classId: string,
  now: Date,
): Promise<Array<{ parent_id: string; held: boolean }>> {
  return db.query<{ parent_id: string; held: boolean }>(
    `UPDATE cc_enrollments e SET status = 'expired', offer_expires_at = NULL, updated_at = $2
     WHERE class_id = $1 AND status = 'offered' AND offer_expires_at <= $2 AND ${NO_OPEN_ORDER}
     RETURNING parent_id::text AS parent_id, pay_group IS NOT NULL AS held`,
    [classId, now.toISOString()],
  );
}

/** Changes every enrollment of a family's group in one state; returns how many changed. */
export async function setGroupStatus(
  db: Queryable,
  groupKey: string,
  parentId: string,
  from: string,
  to: string,
  at: Date,
): Promise<number> {
  const rows = await db.query(
    `UPDATE cc_enrollments SET status = $4, offer_expires_at = NULL, updated_at = $5
     WHERE group_key = $1 AND parent_id = $2 AND status = $3 RETURNING 1`,
    [groupKey, parentId, from, to, at.toISOString()],
  );
  return rows.length;
}

export interface MyEnrollmentRow extends EnrollmentRow {
  child_name: string;
  programme_name: string;
  notice: string | null;
}

/** Enrollments of every child this account may act for, whichever relative enrolled it. */
export const listMyEnrollments = (db: Queryable, userId: string) =>
  db.query<MyEnrollmentRow>(
    `SELECT e.id::text AS id, e.class_id::text AS class_id, e.period_id::text AS period_id, e.child_id::text AS child_id,
       e.parent_id::text AS parent_id, e.group_key, e.group_size, e.status, e.waitlist_no, e.offer_expires_at,
       e.pay_group::text AS pay_group, e.price_fen, e.created_at, ch.name AS child_name, p.name AS programme_name, p.notice
     FROM cc_enrollments e JOIN children ch ON ch.id = e.child_id JOIN cc_periods pe ON pe.id = e.period_id
     JOIN cc_programmes p ON p.id = pe.programme_id
     WHERE ${linkedTo('$1', 'ch')} ORDER BY pe.starts_on, e.id`,
    [userId],
  );

// ---- children and guardians
export interface CareChildRow {
  id: string;
  parent_id: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_number_masked: string;
  school: string | null;
  grade: string | null;
  health_notes: string | null;
}
const CHILD_COLS = `c.id::text AS id, c.parent_id::text AS parent_id, c.name, c.gender, c.birth_date, c.id_number_masked, c.school, c.grade, c.health_notes`;

export const listChildren = (db: Queryable, userId: string) =>
  db.query<CareChildRow>(
    `SELECT ${CHILD_COLS} FROM children c WHERE ${linkedTo('$1')} ORDER BY c.id`,
    [userId],
  );

/** Children this account may act for, among `ids` (another family's are simply absent). */
export const findOwnChildren = (db: Queryable, userId: string, ids: string[]) =>
  db.query<CareChildRow>(
    `SELECT ${CHILD_COLS} FROM children c WHERE ${linkedTo('$1')} AND c.id = ANY($2::bigint[]) ORDER BY c.id`,
    [userId, ids],
  );

export async function updateChildProfile(
  db: Queryable,
  userId: string,
  id: string,
  p: { healthNotes?: string | null; school?: string | null; grade?: string | null },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE children c SET
       health_notes = CASE WHEN $3 THEN $4 ELSE c.health_notes END,
       school = CASE WHEN $5 THEN $6 ELSE c.school END,
       grade = CASE WHEN $7 THEN $8 ELSE c.grade END
     WHERE c.id = $1 AND ${linkedTo('$2')} RETURNING 1`,
    [
      id,
      userId,
      p.healthNotes !== undefined,
      p.healthNotes ?? null,
      p.school !== undefined,
      p.school ?? null,
      p.grade !== undefined,
      p.grade ?? null,
    ],
  );
  return rows.length > 0;
}

export interface GuardianRow {
  id: string;
  child_id: string;
  name: string;
  relation: string;
  phone_masked: string;
}
const GUARDIAN_COLS = `id::text AS id, child_id::text AS child_id, name, relation, phone_masked`;

export const listGuardians = (db: Queryable, childIds: string[]) =>
  db.query<GuardianRow>(
    `SELECT ${GUARDIAN_COLS} FROM child_guardians WHERE child_id = ANY($1::bigint[]) ORDER BY id`,
    [childIds],
  );

export async function insertGuardian(
  db: Queryable,
  g: { childId: string; name: string; relation: string; phone: string; phoneMasked: string },
): Promise<GuardianRow> {
  const [row] = await db.query<GuardianRow>(
    `INSERT INTO child_guardians (child_id, name, relation, phone, phone_masked) VALUES ($1, $2, $3, $4, $5) RETURNING ${GUARDIAN_COLS}`,
    [g.childId, g.name, g.relation, g.phone, g.phoneMasked],
  );
  return row!;
}

export async function deleteGuardian(
  db: Queryable,
  userId: string,
  childId: string,
  guardianId: string,
): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM child_guardians g USING children c
     WHERE g.id = $3 AND g.child_id = $2 AND c.id = g.child_id AND ${linkedTo('$1')} RETURNING 1`,
    [userId, childId, guardianId],
  );
  return rows.length > 0;
}

export async function findGuardian(db: Queryable, id: string): Promise<GuardianRow | null> {
  const [row] = await db.query<GuardianRow>(
    `SELECT ${GUARDIAN_COLS} FROM child_guardians WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

// ---- roster, counts, attendance
export interface RosterRowDb {
  enrollment_id: string;
  status: string;
  waitlist_no: number | null;
  child_id: string;
  child_name: string;
  gender: string;
  grade: string | null;
  school: string | null;
  health_notes: string | null;
  awaiting_payment: boolean;
}

export const roster = (db: Queryable, classId: string) =>
  db.query<RosterRowDb>(
    `SELECT e.id::text AS enrollment_id, e.status, e.waitlist_no, ch.id::text AS child_id, ch.name AS child_name, ch.gender,
       ch.grade, ch.school, ch.health_notes,
       (e.status = 'offered' AND e.pay_group IS NOT NULL) AS awaiting_payment
     FROM cc_enrollments e JOIN children ch ON ch.id = e.child_id
     WHERE e.class_id = $1 AND e.status IN ('enrolled', 'offered', 'waitlisted')
     ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'offered' THEN 1 ELSE 2 END, e.waitlist_no NULLS FIRST, e.id`,
    [classId],
  );

export const counts = (db: Queryable, programmeId: string, siteIds: string[] | null) =>
  db.query<{
    site_id: string;
    site_name: string;
    period_id: string;
    period_name: string;
    capacity: number;
    enrolled: number;
    offered: number;
    waitlisted: number;
  }>(
    `SELECT o.id::text AS site_id, o.name AS site_name, pe.id::text AS period_id, pe.name AS period_name,
       sum(c.capacity)::int AS capacity,
       (SELECT count(*)::int FROM cc_enrollments e JOIN cc_classes c2 ON c2.id = e.class_id
         WHERE c2.site_id = o.id AND c2.period_id = pe.id AND e.status = 'enrolled') AS enrolled,
       (SELECT count(*)::int FROM cc_enrollments e JOIN cc_classes c2 ON c2.id = e.class_id
         WHERE c2.site_id = o.id AND c2.period_id = pe.id AND e.status = 'offered') AS offered,
       (SELECT count(*)::int FROM cc_enrollments e JOIN cc_classes c2 ON c2.id = e.class_id
         WHERE c2.site_id = o.id AND c2.period_id = pe.id AND e.status = 'waitlisted') AS waitlisted
     FROM cc_classes c JOIN cc_periods pe ON pe.id = c.period_id JOIN organizations o ON o.id = c.site_id
     WHERE pe.programme_id = $1 AND ($2::bigint[] IS NULL OR o.id = ANY($2::bigint[]))
     GROUP BY o.id, o.name, pe.id, pe.name, pe.seq ORDER BY pe.seq, o.id`,
    [programmeId, siteIds],
  );

export async function insertAttendance(
  db: Queryable,
  a: {
    enrollmentId: string;
    classId: string;
    childId: string;
    childName: string;
    guardian: GuardianRow | null;
    kind: string;
    day: string;
    at: Date;
    by: string;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cc_attendance (enrollment_id, class_id, child_id, child_name, guardian_id, guardian_name, guardian_relation, kind, day, recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11) RETURNING id::text AS id`,
    [
      a.enrollmentId,
      a.classId,
      a.childId,
      a.childName,
      a.guardian?.id ?? null,
      a.guardian?.name ?? null,
      a.guardian?.relation ?? null,
      a.kind,
      a.day,
      a.at.toISOString(),
      a.by,
    ],
  );
  return row!.id;
}

/** Locks the enrollment row, then answers the child's last door event of `day` (null: none yet). */
export async function lockLastDoorEvent(
  db: Queryable,
  enrollmentId: string,
  day: string,
): Promise<'drop_off' | 'pick_up' | null> {
  await db.query(`SELECT id FROM cc_enrollments WHERE id = $1 FOR UPDATE`, [enrollmentId]);
  const [row] = await db.query<{ kind: 'drop_off' | 'pick_up' }>(
    `SELECT kind FROM cc_attendance WHERE enrollment_id = $1 AND day = $2::date ORDER BY recorded_at DESC, id DESC LIMIT 1`,
    [enrollmentId, day],
  );
  return row?.kind ?? null;
}

export interface UncollectedRowDb {
  enrollment_id: string;
  child_id: string;
  child_name: string;
  dropped_off_at: Date | string;
  guardian_name: string | null;
  guardian_relation: string | null;
}

/** Children of a class dropped off on `day` and not collected yet: their last entry that day is a drop-off. */
export const uncollected = (db: Queryable, classId: string, day: string) =>
  db.query<UncollectedRowDb>(
    `SELECT enrollment_id, child_id, child_name, dropped_off_at, guardian_name, guardian_relation FROM (
       SELECT DISTINCT ON (a.enrollment_id) a.enrollment_id::text AS enrollment_id, e.child_id::text AS child_id, a.child_name,
         a.recorded_at AS dropped_off_at, a.guardian_name, a.guardian_relation, a.kind
       FROM cc_attendance a JOIN cc_enrollments e ON e.id = a.enrollment_id
       WHERE a.class_id = $1 AND a.day = $2::date AND e.status = 'enrolled'
       ORDER BY a.enrollment_id, a.recorded_at DESC, a.id DESC
     ) last_entry WHERE kind = 'drop_off' ORDER BY dropped_off_at, enrollment_id`,
    [classId, day],
  );

export interface AttendanceRowDb {
  id: string;
  enrollment_id: string;
  kind: 'drop_off' | 'pick_up';
  day: string;
  recorded_at: Date | string;
  child_name: string;
  class_name: string;
  guardian_name: string | null;
  guardian_relation: string | null;
}

export const attendanceOf = (
  db: Queryable,
  where: { classId?: string; enrollmentIds?: string[] },
) =>
  db.query<AttendanceRowDb>(
    `SELECT a.id::text AS id, a.enrollment_id::text AS enrollment_id, a.kind, a.day, a.recorded_at, a.child_name,
       c.name AS class_name, a.guardian_name, a.guardian_relation
     FROM cc_attendance a JOIN cc_classes c ON c.id = a.class_id
     WHERE ($1::bigint IS NULL OR a.class_id = $1) AND ($2::bigint[] IS NULL OR a.enrollment_id = ANY($2::bigint[]))
     ORDER BY a.recorded_at, a.id`,
    [where.classId ?? null, where.enrollmentIds ?? null],
  );

// ---- notices
export async function insertNotice(
  db: Queryable,
  classId: string,
  body: string,
  by: string,
  at: Date,
) {
  const [row] = await db.query<{ id: string; body: string; created_at: Date | string }>(
    `INSERT INTO cc_notices (class_id, body, created_by, created_at) VALUES ($1, $2, $3, $4)
     RETURNING id::text AS id, body, created_at`,
    [classId, body, by, at.toISOString()],
  );
  return row!;
}

export const noticesOf = (db: Queryable, classIds: string[]) =>
  db.query<{ id: string; class_id: string; body: string; created_at: Date | string }>(
    `SELECT id::text AS id, class_id::text AS class_id, body, created_at FROM cc_notices
     WHERE class_id = ANY($1::bigint[]) ORDER BY created_at DESC, id DESC`,
    [classIds],
  );

/** Offers lapsing within `withinMs` not yet reminded; marks them reminded in the same statement. */
export async function offersToRemind(db: Queryable, now: Date, withinMs: number) {
  return db.query<{ parent_id: string; offer_expires_at: Date | string }>(
    `UPDATE cc_enrollments SET offer_reminded_at = $1
     -- a 待支付 hold is short and shown with its countdown: no reminder
     WHERE status = 'offered' AND pay_group IS NULL AND offer_reminded_at IS NULL AND offer_expires_at > $1
       AND offer_expires_at <= $1::timestamptz + ($2::int * interval '1 millisecond')
     RETURNING parent_id::text AS parent_id, offer_expires_at`,
    [now.toISOString(), withinMs],
  );
}
