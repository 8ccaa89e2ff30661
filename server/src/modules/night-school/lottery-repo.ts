// SQL of the scheduled, mixed-seed lottery: the frozen applicant list, the second person's public
// value, and the terms due. Each write is conditional, so a step happens once whoever races it.
import type { Queryable } from '../../db/db';
import type { RankingEntry } from './repo';

export interface FrozenApplicant {
  /** user id (never published) */
  u: string;
  /** pseudonym (published) */
  p: string;
}

export interface FrozenCourse {
  id: string;
  title: string;
  capacity: number;
  /** 优秀学员 seats taken before the draw, fixed at the freeze (null: frozen before they existed). */
  frozen_reserved: number | null;
  frozen_applicants: FrozenApplicant[] | null;
  ranking: RankingEntry[] | null;
}

/** The seats a course's lottery deals: its capacity less the 优秀学员 seats taken before. */
export const lotterySeats = (c: Pick<FrozenCourse, 'capacity' | 'frozen_reserved'>): number =>
  c.capacity - (c.frozen_reserved ?? 0);

/** The term's courses with their frozen lists, ids ascending as integers. */
export async function frozenCourses(db: Queryable, termId: string): Promise<FrozenCourse[]> {
  return db.query<FrozenCourse>(
    `SELECT id::text AS id, title, capacity, frozen_reserved, frozen_applicants, ranking FROM ns_courses
     WHERE term_id = $1 ORDER BY id`,
    [termId],
  );
}

export async function saveFrozenCourse(
  db: Queryable,
  courseId: string,
  applicants: FrozenApplicant[],
): Promise<void> {
  await db.query(`UPDATE ns_courses SET frozen_applicants = $2::jsonb WHERE id = $1`, [
    courseId,
    JSON.stringify(applicants),
  ]);
}

/** Fixes the list's hash (and the seats held before the draw) once; false when frozen already. */
export async function markFrozen(
  db: Queryable,
  termId: string,
  frozen: { hash: string; heldBefore: Record<string, number> },
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_terms SET applicants_frozen_at = $3, applicant_list_hash = $2, frozen_held_before = $4::jsonb
     WHERE id = $1 AND applicants_frozen_at IS NULL RETURNING id`,
    [termId, frozen.hash, now.toISOString(), JSON.stringify(frozen.heldBefore)],
  );
  return rows.length > 0;
}

/** Records the public value once; false when one was entered already. */
export async function setPublicValue(
  db: Queryable,
  termId: string,
  v: { value: string; source: string; by: string; now: Date },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ns_terms SET public_value = $2, public_value_source = $3, public_value_by = $4, public_value_at = $5
     WHERE id = $1 AND public_value IS NULL RETURNING id`,
    [termId, v.value, v.source, v.by, v.now.toISOString()],
  );
  return rows.length > 0;
}

export async function setDrawSeed(db: Queryable, termId: string, drawSeed: string): Promise<void> {
  await db.query(`UPDATE ns_terms SET draw_seed = $2 WHERE id = $1`, [termId, drawSeed]);
}

export async function saveRanking(
  db: Queryable,
  courseId: string,
  ranking: RankingEntry[],
): Promise<void> {
  await db.query(`UPDATE ns_courses SET ranking = $2::jsonb WHERE id = $1`, [
    courseId,
    JSON.stringify(ranking),
  ]);
}

/** Lottery terms whose window has closed and whose list is not frozen yet. */
export async function termsToFreeze(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM ns_terms
     WHERE allocation = 'lottery' AND closes_at <= $1 AND applicants_frozen_at IS NULL ORDER BY id`,
    [now.toISOString()],
  );
  return rows.map((r) => r.id);
}

/** Lottery terms whose announced draw time has come, ready to draw (the public value is in). */
export async function termsDue(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM ns_terms
     WHERE allocation = 'lottery' AND drawn_at IS NULL AND draw_at <= $1 AND public_value IS NOT NULL
     ORDER BY draw_at, id`,
    [now.toISOString()],
  );
  return rows.map((r) => r.id);
}
