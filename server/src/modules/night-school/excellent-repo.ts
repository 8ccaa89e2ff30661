// SQL of 优秀学员: the learners' records at term end, the picks (one per course), and the one
// redemption of each pick. Every write is conditional, so a double tap or two staff racing decide
// nothing twice.
import type { Queryable } from '../../db/db';

export interface LearnerRow {
  user_id: string;
  present: number;
  self_checkins: number;
}

/** Everyone who held a seat in the course, with their marks (self check-ins are the 'scan' ones). */
export async function learnerRecords(db: Queryable, courseId: string): Promise<LearnerRow[]> {
  return db.query<LearnerRow>(
    `SELECT a.user_id::text AS user_id,
       count(t.*) FILTER (WHERE t.status = 'present')::int AS present,
       count(t.*) FILTER (WHERE t.status = 'present' AND t.method = 'scan')::int AS self_checkins
     FROM ns_applications a
     LEFT JOIN ns_attendance t ON t.course_id = a.course_id AND t.user_id = a.user_id
     WHERE a.course_id = $1 AND a.status = 'confirmed'
     GROUP BY a.user_id`,
    [courseId],
  );
}

/** The course's pick, once: false when it was picked already (the first pick stands). */
export async function insertAward(
  db: Queryable,
  a: {
    termId: string;
    courseId: string;
    userId: string;
    present: number;
    selfCheckIns: number;
    ticket: string;
    by: string;
    now: Date;
  },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO ns_excellent_awards
       (term_id, course_id, user_id, present, self_checkins, ticket, picked_by, picked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (course_id) DO NOTHING RETURNING id::text AS id`,
    [
      a.termId,
      a.courseId,
      a.userId,
      a.present,
      a.selfCheckIns,
      a.ticket,
      a.by,
      a.now.toISOString(),
    ],
  );
  return rows[0]?.id ?? null;
}

export interface AwardRow {
  id: string;
  term_id: string;
  term_name: string;
  org_id: string;
  term_opens_at: string;
  course_id: string;
  course_title: string;
  user_id: string;
  user_name: string | null;
  present: number;
  self_checkins: number;
  ticket: string;
  picked_at: string;
  redeemed_course_id: string | null;
  redeemed_course_title: string | null;
  redeemed_at: string | null;
}

const AWARD_SELECT = `
  SELECT w.id::text AS id, w.term_id::text AS term_id, t.name AS term_name, t.org_id::text AS org_id,
    t.opens_at AS term_opens_at, w.course_id::text AS course_id, c.title AS course_title,
    w.user_id::text AS user_id, u.name AS user_name, w.present, w.self_checkins, w.ticket,
    w.picked_at, rc.id::text AS redeemed_course_id, rc.title AS redeemed_course_title, w.redeemed_at
  FROM ns_excellent_awards w
  JOIN ns_terms t ON t.id = w.term_id
  JOIN ns_courses c ON c.id = w.course_id
  JOIN users u ON u.id = w.user_id
  LEFT JOIN ns_applications ra ON ra.id = w.redeemed_application_id
  LEFT JOIN ns_courses rc ON rc.id = ra.course_id`;

export async function termAwards(db: Queryable, termId: string): Promise<AwardRow[]> {
  return db.query<AwardRow>(`${AWARD_SELECT} WHERE w.term_id = $1 ORDER BY c.id`, [termId]);
}

export async function userAwards(db: Queryable, userId: string): Promise<AwardRow[]> {
  return db.query<AwardRow>(`${AWARD_SELECT} WHERE w.user_id = $1 ORDER BY w.picked_at DESC`, [
    userId,
  ]);
}

/** The learner's award, locked: the redemption decides under it. */
export async function lockOwnAward(
  db: Queryable,
  id: string,
  userId: string,
): Promise<AwardRow | null> {
  const rows = await db.query<AwardRow>(
    `${AWARD_SELECT} WHERE w.id = $1 AND w.user_id = $2 FOR UPDATE OF w`,
    [id, userId],
  );
  return rows[0] ?? null;
}

/** The organization's first term opening after the award's term: the one the free course is for. */
export async function nextTermId(
  db: Queryable,
  orgId: string,
  afterOpensAt: string,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM ns_terms WHERE org_id = $1 AND opens_at > $2
     ORDER BY opens_at, id LIMIT 1`,
    [orgId, afterOpensAt],
  );
  return rows[0]?.id ?? null;
}

export async function markRedeemed(
  db: Queryable,
  id: string,
  applicationId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_excellent_awards SET redeemed_application_id = $2, redeemed_at = $3
     WHERE id = $1 AND redeemed_application_id IS NULL RETURNING id`,
    [id, applicationId, now.toISOString()],
  );
  return rows.length > 0;
}

/** Seats held by redeemed awards in a course (withdrawn ones gave theirs back). */
export async function reservedSeats(db: Queryable, courseId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ns_excellent_awards w
     JOIN ns_applications a ON a.id = w.redeemed_application_id
     WHERE a.course_id = $1 AND a.status = 'confirmed'`,
    [courseId],
  );
  return row.n;
}

export async function saveFrozenReserved(
  db: Queryable,
  courseId: string,
  n: number,
): Promise<void> {
  await db.query(`UPDATE ns_courses SET frozen_reserved = $2 WHERE id = $1`, [courseId, n]);
}

/** Who holds 优秀学员 seats in a term's courses, and how many (the draw counts them). */
export async function awardHolders(
  db: Queryable,
  termId: string,
): Promise<Array<{ user_id: string; n: number }>> {
  return db.query(
    `SELECT a.user_id::text AS user_id, count(*)::int AS n FROM ns_excellent_awards w
     JOIN ns_applications a ON a.id = w.redeemed_application_id
     WHERE a.term_id = $1 AND a.status = 'confirmed'
     GROUP BY a.user_id`,
    [termId],
  );
}
