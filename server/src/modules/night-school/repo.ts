// All SQL of the night school. Capacity and per-person limits are conditional UPDATEs, so the
// database, not application code, decides who gets the last seat.
import type { Application } from '@/contract/night-school';
import type { Queryable } from '../../db/db';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import type { TapAnswer } from '../../lib/rush-taps';

export interface TermRow {
  id: string;
  org_id: string;
  org_name: string;
  name: string;
  allocation: 'first_come' | 'lottery';
  opens_at: Date | string;
  closes_at: Date | string;
  max_applications_per_person: number;
  max_courses_per_person: number;
  min_age: number;
  max_age: number;
  confirm_hours: number;
  no_show_limit: number;
  seed: string;
  seed_hash: string;
  drawn_at: Date | string | null;
  draw_at: Date | string | null;
  created_by: string | null;
  draw_algorithm: number;
  applicants_frozen_at: Date | string | null;
  applicant_list_hash: string | null;
  public_value: string | null;
  public_value_source: string | null;
  public_value_by: string | null;
  public_value_at: Date | string | null;
  draw_seed: string | null;
  /** 优秀学员 seats held when the list froze, by pseudonym (null before, or terms without). */
  frozen_held_before: Record<string, number> | null;
}

const TERM_COLUMNS = `t.id::text AS id, t.org_id::text AS org_id, o.name AS org_name, t.name, t.allocation,
  t.opens_at, t.closes_at, t.max_applications_per_person, t.max_courses_per_person, t.min_age, t.max_age,
  t.confirm_hours, t.no_show_limit, t.seed, t.seed_hash, t.drawn_at, t.draw_at, t.created_by::text AS created_by,
  t.draw_algorithm, t.applicants_frozen_at, t.applicant_list_hash, t.public_value, t.public_value_source,
  t.public_value_by::text AS public_value_by, t.public_value_at, t.draw_seed, t.frozen_held_before`;
const TERM_FROM = `ns_terms t JOIN organizations o ON o.id = t.org_id`;

export interface NewTerm {
  orgId: string;
  name: string;
  allocation: 'first_come' | 'lottery';
  opensAt: string;
  closesAt: string;
  maxApplicationsPerPerson: number;
  maxCoursesPerPerson: number;
  minAge: number;
  maxAge: number;
  confirmHours: number;
  noShowLimit: number;
  seed: string;
  seedHash: string;
  drawAt: string | null;
  createdBy: string;
}

export async function insertTerm(db: Queryable, t: NewTerm): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO ns_terms (org_id, name, allocation, opens_at, closes_at, max_applications_per_person,
       max_courses_per_person, min_age, max_age, confirm_hours, no_show_limit, seed, seed_hash, draw_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id::text AS id`,
    [
      t.orgId,
      t.name,
      t.allocation,
      t.opensAt,
      t.closesAt,
      t.maxApplicationsPerPerson,
      t.maxCoursesPerPerson,
      t.minAge,
      t.maxAge,
      t.confirmHours,
      t.noShowLimit,
      t.seed,
      t.seedHash,
      t.drawAt,
      t.createdBy,
    ],
  );
  return row.id;
}

/**
 * A term; `lock` holds its row to the end of the transaction. Whatever counts against the term's
 * limits reads it FOR SHARE, and an edit of those limits (or the draw) FOR UPDATE, so a limit
 * lowered mid-rush is never checked against by an apply that read the old one. Lock order: the
 * term first, then applications.
 */
export async function findTerm(
  db: Queryable,
  id: string,
  lock?: 'share' | 'update',
): Promise<TermRow | null> {
  const suffix = lock === 'share' ? ' FOR SHARE OF t' : lock === 'update' ? ' FOR UPDATE OF t' : '';
  const rows = await db.query<TermRow>(
    `SELECT ${TERM_COLUMNS} FROM ${TERM_FROM} WHERE t.id = $1${suffix}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The term residents see: the latest one already opened, else the next to open. */
export async function findCurrentTerm(db: Queryable, now: Date): Promise<TermRow | null> {
  const rows = await db.query<TermRow>(
    `SELECT ${TERM_COLUMNS} FROM ${TERM_FROM}
     ORDER BY (t.opens_at <= $1) DESC, CASE WHEN t.opens_at <= $1 THEN t.opens_at END DESC, t.opens_at ASC, t.id DESC
     LIMIT 1`,
    [now.toISOString()],
  );
  return rows[0] ?? null;
}

export async function listTermsOfOrgs(db: Queryable, orgIds: string[] | null): Promise<TermRow[]> {
  return db.query<TermRow>(
    `SELECT ${TERM_COLUMNS} FROM ${TERM_FROM} WHERE ($1::bigint[] IS NULL OR t.org_id = ANY($1::bigint[]))
     ORDER BY t.opens_at DESC, t.id DESC`,
    [orgIds],
  );
}

export interface TermEdit {
  name: string;
  allocation: 'first_come' | 'lottery';
  opensAt: string;
  closesAt: string;
  drawAt: string | null;
  maxApplicationsPerPerson: number;
  maxCoursesPerPerson: number;
  minAge: number;
  maxAge: number;
  confirmHours: number;
  noShowLimit: number;
}

/** Writes the term's settings unless someone already holds more applications/seats than the new
 *  limits allow (the guard is in the UPDATE, so the database decides); false when refused. */
export async function updateTerm(db: Queryable, id: string, e: TermEdit): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_terms t SET name = $2, allocation = $3, opens_at = $4, closes_at = $5, max_applications_per_person = $6,
       max_courses_per_person = $7, min_age = $8, max_age = $9, confirm_hours = $10, no_show_limit = $11, draw_at = $12
     WHERE t.id = $1 AND NOT EXISTS (
       SELECT 1 FROM ns_term_people p WHERE p.term_id = t.id AND (p.applications > $6 OR p.seats > $7))
     RETURNING t.id`,
    [
      id,
      e.name,
      e.allocation,
      e.opensAt,
      e.closesAt,
      e.maxApplicationsPerPerson,
      e.maxCoursesPerPerson,
      e.minAge,
      e.maxAge,
      e.confirmHours,
      e.noShowLimit,
      e.drawAt,
    ],
  );
  return rows.length > 0;
}

/** The most applications / seats any one person holds in the term (for the refusal message). */
export async function heldMost(
  db: Queryable,
  termId: string,
): Promise<{ applications: number; seats: number }> {
  const [row] = await db.query<{ applications: number; seats: number }>(
    `SELECT coalesce(max(applications), 0)::int AS applications, coalesce(max(seats), 0)::int AS seats
     FROM ns_term_people WHERE term_id = $1`,
    [termId],
  );
  return row;
}

/** Sets drawn_at once; false when the term was drawn already (a second draw is refused). */
export async function markDrawn(db: Queryable, termId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_terms SET drawn_at = $2 WHERE id = $1 AND drawn_at IS NULL RETURNING id`,
    [termId, now.toISOString()],
  );
  return rows.length > 0;
}

// ---- courses
export interface CourseRow {
  id: string;
  term_id: string;
  title: string;
  category: string;
  teacher: string;
  description: string;
  venue_name: string;
  venue_address: string;
  district: string;
  lat: number;
  lng: number;
  weekday: number;
  start_time: string;
  end_time: string;
  start_date: string;
  sessions: number;
  capacity: number;
  fee_fen: number;
  taken: number;
  applicants: number;
  applicant_ids: string[] | null;
  applicant_list_hash: string | null;
  ranking: RankingEntry[] | null;
}

export interface RankingEntry {
  rank: number;
  userId: string;
  /** absent in terms drawn with algorithm 1 */
  pseudonym?: string;
  ticket: string;
  outcome: string;
  reason: string | null;
}

const COURSE_COLUMNS = `c.id::text AS id, c.term_id::text AS term_id, c.title, c.category, c.teacher, c.description,
  c.venue_name, c.venue_address, c.district, c.lat, c.lng, c.weekday, c.start_time, c.end_time, c.start_date,
  c.sessions, c.capacity, c.fee_fen, c.taken, c.applicant_ids, c.applicant_list_hash, c.ranking,
  (SELECT count(*)::int FROM ns_applications a WHERE a.course_id = c.id AND a.status <> 'withdrawn') AS applicants`;

export type NewCourse = Omit<
  CourseRow,
  'id' | 'taken' | 'applicants' | 'applicant_ids' | 'applicant_list_hash' | 'ranking'
>;

export async function insertCourse(db: Queryable, c: NewCourse): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO ns_courses (term_id, title, category, teacher, description, venue_name, venue_address, district,
       lat, lng, weekday, start_time, end_time, start_date, sessions, capacity, fee_fen)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::date, $15, $16, $17) RETURNING id::text AS id`,
    [
      c.term_id,
      c.title,
      c.category,
      c.teacher,
      c.description,
      c.venue_name,
      c.venue_address,
      c.district,
      c.lat,
      c.lng,
      c.weekday,
      c.start_time,
      c.end_time,
      c.start_date,
      c.sessions,
      c.capacity,
      c.fee_fen,
    ],
  );
  return row.id;
}

/** A course; `lock` holds its row for an edit (after the term's lock, see findTerm). */
export async function findCourse(
  db: Queryable,
  id: string,
  lock = false,
): Promise<CourseRow | null> {
  const rows = await db.query<CourseRow>(
    `SELECT ${COURSE_COLUMNS} FROM ns_courses c WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export interface CourseFilter {
  termId: string;
  category?: string;
  weekday?: number;
  district?: string;
  q?: string;
}

export async function listCourses(db: Queryable, f: CourseFilter): Promise<CourseRow[]> {
  return db.query<CourseRow>(
    `SELECT ${COURSE_COLUMNS} FROM ns_courses c
     WHERE c.term_id = $1
       AND ($2::text IS NULL OR c.category = $2)
       AND ($3::int IS NULL OR c.weekday = $3)
       AND ($4::text IS NULL OR c.district = $4 OR c.venue_name = $4)
       AND ($5::text IS NULL OR strpos(c.title, $5) > 0 OR strpos(c.teacher, $5) > 0 OR strpos(c.category, $5) > 0)
     ORDER BY c.weekday, c.start_time, c.id`,
    [f.termId, f.category ?? null, f.weekday ?? null, f.district ?? null, f.q ?? null],
  );
}

/** Writes every editable column; false (nothing written) when the capacity is below the seats taken. */
export async function updateCourse(
  db: Queryable,
  id: string,
  c: Omit<NewCourse, 'term_id'>,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_courses SET title = $2, category = $3, teacher = $4, description = $5, venue_name = $6, venue_address = $7,
       district = $8, lat = $9, lng = $10, weekday = $11, start_time = $12, end_time = $13, start_date = $14::date, sessions = $15,
       capacity = $16
     WHERE id = $1 AND taken <= $16 RETURNING id`,
    [
      id,
      c.title,
      c.category,
      c.teacher,
      c.description,
      c.venue_name,
      c.venue_address,
      c.district,
      c.lat,
      c.lng,
      c.weekday,
      c.start_time,
      c.end_time,
      c.start_date,
      c.sessions,
      c.capacity,
    ],
  );
  return rows.length > 0;
}

/** Everyone still in a course (applied, waiting, offered or seated), for notices about it. */
export async function liveApplicantIds(db: Queryable, courseId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT user_id::text AS user_id FROM ns_applications
     WHERE course_id = $1 AND status IN ('applied', 'waitlisted', 'offered', 'confirmed') ORDER BY user_id`,
    [courseId],
  );
  return rows.map((r) => r.user_id);
}

/** One seat of the course, if any is left. The single place a course seat is taken. */
export async function takeCourseSeat(db: Queryable, courseId: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_courses SET taken = taken + 1 WHERE id = $1 AND taken < capacity RETURNING id`,
    [courseId],
  );
  return rows.length > 0;
}

export async function releaseCourseSeat(db: Queryable, courseId: string): Promise<void> {
  await db.query(`UPDATE ns_courses SET taken = taken - 1 WHERE id = $1 AND taken > 0`, [courseId]);
}

export async function publishDraw(
  db: Queryable,
  courseId: string,
  ids: string[],
  hash: string,
  ranking: RankingEntry[],
): Promise<void> {
  await db.query(
    `UPDATE ns_courses SET applicant_ids = $2::jsonb, applicant_list_hash = $3, ranking = $4::jsonb WHERE id = $1`,
    [courseId, JSON.stringify(ids), hash, JSON.stringify(ranking)],
  );
}

// ---- per-person counters
/** Counts one more live application for the person in the term, unless at the limit. */
export async function bumpApplications(
  db: Queryable,
  termId: string,
  userId: string,
  limit: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ns_term_people AS p (term_id, user_id, applications) VALUES ($1, $2, 1)
     ON CONFLICT (term_id, user_id) DO UPDATE SET applications = p.applications + 1 WHERE p.applications < $3
     RETURNING 1 AS ok`,
    [termId, userId, limit],
  );
  return rows.length > 0;
}

export async function dropApplication(
  db: Queryable,
  termId: string,
  userId: string,
): Promise<void> {
  await db.query(
    `UPDATE ns_term_people SET applications = applications - 1 WHERE term_id = $1 AND user_id = $2 AND applications > 0`,
    [termId, userId],
  );
}

/** One more seat for the person in the term, unless they hold the term's limit already. */
export async function takePersonSeat(
  db: Queryable,
  termId: string,
  userId: string,
  limit: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ns_term_people AS p (term_id, user_id, seats) VALUES ($1, $2, 1)
     ON CONFLICT (term_id, user_id) DO UPDATE SET seats = p.seats + 1 WHERE p.seats < $3
     RETURNING 1 AS ok`,
    [termId, userId, limit],
  );
  return rows.length > 0;
}

export async function releasePersonSeat(
  db: Queryable,
  termId: string,
  userId: string,
): Promise<void> {
  await db.query(
    `UPDATE ns_term_people SET seats = seats - 1 WHERE term_id = $1 AND user_id = $2 AND seats > 0`,
    [termId, userId],
  );
}

// ---- applications
export interface ApplicationRow {
  id: string;
  course_id: string;
  term_id: string;
  user_id: string;
  status:
    | 'applied'
    | 'waitlisted'
    | 'offered'
    | 'confirmed'
    | 'skipped'
    | 'declined'
    | 'expired'
    | 'withdrawn';
  reason: string | null;
  queue_no: number | null;
  offer_expires_at: Date | string | null;
  created_at: Date | string;
  wait_position: number | null;
}

const APP_COLUMNS = `a.id::text AS id, a.course_id::text AS course_id, a.term_id::text AS term_id, a.user_id::text AS user_id,
  a.status, a.reason, a.queue_no, a.offer_expires_at, a.created_at,
  CASE WHEN a.status = 'waitlisted' THEN
    (SELECT count(*)::int FROM ns_applications w WHERE w.course_id = a.course_id AND w.status = 'waitlisted' AND w.queue_no <= a.queue_no)
  END AS wait_position`;

/**
 * A new application (or a new one after a withdrawal). Null when the person already has a live,
 * declined or expired one for this course: UNIQUE(course_id, user_id) decides, not a prior SELECT.
 */
export async function insertApplication(
  db: Queryable,
  a: { courseId: string; termId: string; userId: string; now: Date },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO ns_applications AS a (course_id, term_id, user_id, status, created_at, updated_at)
     VALUES ($1, $2, $3, 'applied', $4, $4)
     ON CONFLICT (course_id, user_id) DO UPDATE SET status = 'applied', reason = NULL, queue_no = NULL,
       offer_expires_at = NULL, confirmed_at = NULL, seated_at = NULL, from_waitlist = false, created_at = $4, updated_at = $4
     WHERE a.status = 'withdrawn'
     RETURNING id::text AS id`,
    [a.courseId, a.termId, a.userId, a.now.toISOString()],
  );
  return rows[0]?.id ?? null;
}

export async function findApplication(db: Queryable, id: string): Promise<ApplicationRow | null> {
  const rows = await db.query<ApplicationRow>(
    `SELECT ${APP_COLUMNS} FROM ns_applications a WHERE a.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The term of a person's application, read without a lock (to lock the term before the application). */
export async function applicationTermId(
  db: Queryable,
  id: string,
  userId: string,
): Promise<string | null> {
  const rows = await db.query<{ term_id: string }>(
    `SELECT term_id::text AS term_id FROM ns_applications WHERE id = $1 AND user_id = $2`,
    [id, userId],
  );
  return rows[0]?.term_id ?? null;
}

/** Locks the application row for a state change (confirm/decline/withdraw of one person). */
export async function lockApplication(
  db: Queryable,
  id: string,
  userId: string,
): Promise<ApplicationRow | null> {
  const rows = await db.query<ApplicationRow>(
    `SELECT a.id::text AS id, a.course_id::text AS course_id, a.term_id::text AS term_id, a.user_id::text AS user_id,
       a.status, a.reason, a.queue_no, a.offer_expires_at, a.created_at, NULL::int AS wait_position
     FROM ns_applications a WHERE a.id = $1 AND a.user_id = $2 FOR UPDATE`,
    [id, userId],
  );
  return rows[0] ?? null;
}

export async function setStatus(
  db: Queryable,
  id: string,
  s: {
    status: ApplicationRow['status'];
    reason?: string | null;
    queueNo?: number | null;
    offerExpiresAt?: Date | null;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE ns_applications SET status = $2, reason = $3,
       queue_no = CASE WHEN $4::bigint IS NULL THEN queue_no ELSE $4::bigint END,
       offer_expires_at = $5, confirmed_at = CASE WHEN $2 = 'confirmed' THEN $6::timestamptz ELSE confirmed_at END,
       updated_at = $6
     WHERE id = $1`,
    [
      id,
      s.status,
      s.reason ?? null,
      s.queueNo ?? null,
      s.offerExpiresAt ? s.offerExpiresAt.toISOString() : null,
      s.now.toISOString(),
    ],
  );
}

/** Confirms a pending, unexpired offer; false otherwise. */
export async function confirmOffer(
  db: Queryable,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_applications SET status = 'confirmed', confirmed_at = $3, offer_expires_at = NULL, updated_at = $3
     WHERE id = $1 AND user_id = $2 AND status = 'offered' AND offer_expires_at > $3 RETURNING id`,
    [id, userId, now.toISOString()],
  );
  return rows.length > 0;
}

/** A paid hold ends at `deadline` (never later than the offer's own deadline: see holdDeadline). */
export async function setOfferDeadline(db: Queryable, id: string, deadline: Date): Promise<void> {
  await db.query(
    `UPDATE ns_applications SET offer_expires_at = $2 WHERE id = $1 AND status = 'offered'`,
    [id, deadline.toISOString()],
  );
}

/**
 * A paid offer becomes a seat. No deadline test: WeChat took the money before the hold's end
 * (time_expire), and the expiry job leaves offers with a pending order alone, so an offer still
 * here was paid in time, however late the word arrives.
 */
export async function confirmPaid(db: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_applications SET status = 'confirmed', confirmed_at = $2, offer_expires_at = NULL, updated_at = $2
     WHERE id = $1 AND status = 'offered' RETURNING id`,
    [id, now.toISOString()],
  );
  return rows.length > 0;
}

export async function courseIdOf(db: Queryable, applicationId: string): Promise<string | null> {
  const rows = await db.query<{ course_id: string }>(
    'SELECT course_id::text AS course_id FROM ns_applications WHERE id = $1',
    [applicationId],
  );
  return rows[0]?.course_id ?? null;
}

/** The head of a course's waitlist, locked (SKIP LOCKED: two promotions never pick the same person). */
export async function nextWaitlisted(
  db: Queryable,
  courseId: string,
): Promise<{ id: string; user_id: string } | null> {
  const rows = await db.query<{ id: string; user_id: string }>(
    `SELECT id::text AS id, user_id::text AS user_id FROM ns_applications
     WHERE course_id = $1 AND status = 'waitlisted' ORDER BY queue_no, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [courseId],
  );
  return rows[0] ?? null;
}

/** Offers whose confirm deadline has passed, locked for the expiry job. */
export async function dueOffers(
  db: Queryable,
  now: Date,
  limit = 200,
): Promise<
  Array<{ id: string; course_id: string; term_id: string; user_id: string; paid: boolean }>
> {
  return db.query(
    `SELECT id::text AS id, course_id::text AS course_id, term_id::text AS term_id, user_id::text AS user_id,
       (SELECT c.fee_fen > 0 FROM ns_courses c WHERE c.id = a.course_id) AS paid
     FROM ns_applications a WHERE status = 'offered' AND offer_expires_at <= $1
       -- an order still open at WeChat may have been paid in time: the payments job asks first
       AND NOT EXISTS (SELECT 1 FROM payment_orders p
                       WHERE p.payable_kind = 'ns_application' AND p.payable_id = a.id AND p.status = 'pending')
     ORDER BY offer_expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now.toISOString(), limit],
  );
}

export async function appliedUserIds(db: Queryable, courseId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'applied'`,
    [courseId],
  );
  return rows.map((r) => r.user_id);
}

export async function applicationIdOf(
  db: Queryable,
  courseId: string,
  userId: string,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM ns_applications WHERE course_id = $1 AND user_id = $2`,
    [courseId, userId],
  );
  return rows[0]?.id ?? null;
}

export async function listMyApplications(
  db: Queryable,
  userId: string,
  termId: string | null,
): Promise<ApplicationRow[]> {
  return db.query<ApplicationRow>(
    `SELECT ${APP_COLUMNS} FROM ns_applications a WHERE a.user_id = $1 AND ($2::bigint IS NULL OR a.term_id = $2)
     ORDER BY a.term_id DESC, a.created_at, a.id`,
    [userId, termId],
  );
}

export async function listCourseApplications(
  db: Queryable,
  courseId: string,
): Promise<Array<ApplicationRow & { name: string | null; phone_masked: string | null }>> {
  return db.query(
    `SELECT ${APP_COLUMNS}, u.name, u.phone_masked FROM ns_applications a JOIN users u ON u.id = a.user_id
     WHERE a.course_id = $1
     ORDER BY CASE a.status WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 WHEN 'waitlisted' THEN 2 WHEN 'applied' THEN 3 ELSE 4 END,
       a.queue_no NULLS LAST, a.id`,
    [courseId],
  );
}

export async function countByStatus(
  db: Queryable,
  termId: string,
): Promise<Array<{ course_id: string; status: string; n: number }>> {
  return db.query(
    `SELECT course_id::text AS course_id, status, count(*)::int AS n FROM ns_applications WHERE term_id = $1 GROUP BY course_id, status`,
    [termId],
  );
}

export async function countDistinctApplicants(db: Queryable, termId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(DISTINCT user_id)::int AS n FROM ns_applications WHERE term_id = $1 AND status <> 'withdrawn'`,
    [termId],
  );
  return row.n;
}

// ---- attendance
export async function hasSeat(db: Queryable, courseId: string, userId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM ns_applications WHERE course_id = $1 AND user_id = $2 AND status = 'confirmed'`,
    [courseId, userId],
  );
  return rows.length > 0;
}

/** Records attendance; returns the previous status (null when first marked). */
export async function markAttendance(
  db: Queryable,
  a: {
    courseId: string;
    sessionNo: number;
    userId: string;
    status: 'present' | 'absent';
    method: 'scan' | 'manual';
    now: Date;
  },
): Promise<'present' | 'absent' | null> {
  const prev = await db.query<{ status: 'present' | 'absent' }>(
    `SELECT status FROM ns_attendance WHERE course_id = $1 AND session_no = $2 AND user_id = $3 FOR UPDATE`,
    [a.courseId, a.sessionNo, a.userId],
  );
  await db.query(
    `INSERT INTO ns_attendance (course_id, session_no, user_id, status, method, marked_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (course_id, session_no, user_id) DO UPDATE SET status = EXCLUDED.status, method = EXCLUDED.method,
       marked_at = EXCLUDED.marked_at`,
    [a.courseId, a.sessionNo, a.userId, a.status, a.method, a.now.toISOString()],
  );
  return prev[0]?.status ?? null;
}

/**
 * Marks as absent every confirmed attendee with no record for a session that ended (plus grace)
 * before `now`. Session dates are computed exactly like sessionDates() in the contract rules.
 */
export async function markMissedSessions(
  db: Queryable,
  now: Date,
  graceMinutes: number,
): Promise<number> {
  const rows = await db.query(
    `INSERT INTO ns_attendance (course_id, session_no, user_id, status, method, marked_at)
     SELECT c.id, s.n, a.user_id, 'absent', 'auto', $1
     FROM ns_courses c
     CROSS JOIN LATERAL generate_series(1, c.sessions) AS s(n)
     JOIN ns_applications a ON a.course_id = c.id AND a.status = 'confirmed'
     WHERE ((c.start_date + ((c.weekday - extract(isodow FROM c.start_date)::int + 7) % 7) + (s.n - 1) * 7)
              + c.end_time::time) AT TIME ZONE 'Asia/Shanghai' + make_interval(mins => $2) <= $1::timestamptz
     ON CONFLICT (course_id, session_no, user_id) DO NOTHING
     RETURNING 1`,
    [now.toISOString(), graceMinutes],
  );
  return rows.length;
}

export async function attendanceOf(
  db: Queryable,
  userId: string,
  courseIds: string[],
): Promise<Array<{ course_id: string; session_no: number; status: 'present' | 'absent' }>> {
  if (courseIds.length === 0) return [];
  return db.query(
    `SELECT course_id::text AS course_id, session_no, status FROM ns_attendance WHERE user_id = $1 AND course_id = ANY($2::bigint[])`,
    [userId, courseIds],
  );
}

export async function attendanceCounts(
  db: Queryable,
  courseId: string,
): Promise<Array<{ user_id: string; present: number; absent: number }>> {
  return db.query(
    `SELECT user_id::text AS user_id, count(*) FILTER (WHERE status = 'present')::int AS present,
       count(*) FILTER (WHERE status = 'absent')::int AS absent
     FROM ns_attendance WHERE course_id = $1 GROUP BY user_id`,
    [courseId],
  );
}

export async function courseMarks(
  db: Queryable,
  courseId: string,
): Promise<Array<{ user_id: string; session_no: number; status: 'present' | 'absent' }>> {
  return db.query(
    `SELECT user_id::text AS user_id, session_no, status FROM ns_attendance WHERE course_id = $1`,
    [courseId],
  );
}

/** The facts of a no-show bar (ns_no_show_bar, migration 0045), or null when not barred. */
export interface NoShowBar {
  termId: string;
  termName: string;
  noShows: number;
  limit: number;
  orgName: string;
  appeal: { id: string; status: 'open' | 'rejected' } | null;
}

export async function noShowBar(
  db: Queryable,
  termId: string,
  userId: string,
): Promise<NoShowBar | null> {
  const [row] = await db.query<{ bar: NoShowBar | null }>(
    'SELECT ns_no_show_bar($1::bigint, $2::bigint) AS bar',
    [termId, userId],
  );
  return row!.bar;
}

/** Raises the refusal (yh_refuse) of the first rule the person fails to apply in the term now. */
export async function checkMayApply(
  db: Queryable,
  termId: string,
  userId: string,
  now: Date,
  today: string,
): Promise<void> {
  await db.query('SELECT ns_check_may_apply($1::bigint, $2::bigint, $3::timestamptz, $4::date)', [
    termId,
    userId,
    now.toISOString(),
    today,
  ]);
}

// ---- the apply rush (ns_apply, ns_apply_batch: migration 0045)
export interface ApplyTap {
  userId: string;
  /** The session token's version, checked against the account's in the same call. */
  tokenVersion: number;
  /** When the tap arrived (the app's clock); the window is checked against it. */
  now: Date;
  /** The Beijing date of `now` (ages are counted on it). */
  today: string;
  claim: IdempotencyClaim | null;
}

export type ApplyAnswer = TapAnswer<Application>;

/**
 * The apply taps for one course in ONE statement (ns_apply_batch): each tap's session, key claim,
 * window, eligibility and limits, its seat or waitlist place, the application and the stored
 * answer, tap by tap, and one commit for all. The answers come back in the order of `taps`.
 */
export async function applyBatch(
  db: Queryable,
  courseId: string,
  taps: ApplyTap[],
  messages: { holdMinutes: number; waitlistReason: string },
): Promise<ApplyAnswer[]> {
  const calls = taps.map((t) => ({
    userId: t.userId,
    tokenVersion: t.tokenVersion,
    now: t.now.toISOString(),
    today: t.today,
    key: t.claim?.key ?? null,
    route: t.claim?.route ?? null,
    hash: t.claim?.hash ?? null,
  }));
  const [row] = await db.query<{ r: ApplyAnswer[] }>(
    'SELECT ns_apply_batch($1::text, $2::jsonb, $3::integer, $4::text) AS r',
    [courseId, JSON.stringify(calls), messages.holdMinutes, messages.waitlistReason],
  );
  return row!.r;
}

// ---- appeals against a no-show bar
export interface AppealRow {
  id: string;
  user_id: string;
  term_id: string;
  term_name: string;
  org_id: string;
  reason: string;
  status: 'open' | 'accepted' | 'rejected';
  name: string | null;
  created_at: Date | string;
}

const APPEAL_SELECT = `SELECT p.id::text AS id, p.user_id::text AS user_id, p.term_id::text AS term_id, t.name AS term_name,
  t.org_id::text AS org_id, p.reason, p.status, u.name, p.created_at
  FROM ns_appeals p JOIN ns_terms t ON t.id = p.term_id JOIN users u ON u.id = p.user_id`;

/** One appeal per person per term; null when one exists already. */
export async function insertAppeal(
  db: Queryable,
  userId: string,
  termId: string,
  reason: string,
  now: Date,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO ns_appeals (user_id, term_id, reason, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, term_id) DO NOTHING RETURNING id::text AS id`,
    [userId, termId, reason, now.toISOString()],
  );
  return rows[0]?.id ?? null;
}

export async function findAppeal(db: Queryable, id: string): Promise<AppealRow | null> {
  const rows = await db.query<AppealRow>(`${APPEAL_SELECT} WHERE p.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listAppeals(db: Queryable, orgIds: string[] | null): Promise<AppealRow[]> {
  return db.query<AppealRow>(
    `${APPEAL_SELECT} WHERE ($1::bigint[] IS NULL OR t.org_id = ANY($1::bigint[])) ORDER BY p.status = 'open' DESC, p.id DESC`,
    [orgIds],
  );
}

/** Decides an open appeal once; false when it was decided already. */
export async function decideAppeal(
  db: Queryable,
  id: string,
  status: 'accepted' | 'rejected',
  staffId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_appeals SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, status, staffId, now.toISOString()],
  );
  return rows.length > 0;
}

/** Offers lapsing within `withinMs` not yet reminded; marks them reminded in the same statement. */
export async function offersToRemind(db: Queryable, now: Date, withinMs: number) {
  return db.query<{ user_id: string; course_id: string; offer_expires_at: Date | string }>(
    `UPDATE ns_applications SET offer_reminded_at = $1
     WHERE status = 'offered' AND offer_reminded_at IS NULL AND offer_expires_at > $1
       AND offer_expires_at <= $1::timestamptz + ($2::int * interval '1 millisecond')
     RETURNING user_id::text AS user_id, course_id::text AS course_id, offer_expires_at`,
    [now.toISOString(), withinMs],
  );
}
