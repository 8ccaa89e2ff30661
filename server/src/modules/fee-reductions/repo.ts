// SQL of 费用减免: applications per child and programme, decided by the committee.
import type { ReductionCategory } from '@/contract/fee-reductions';
import type { Queryable } from '../../db/db';
import { linkedTo } from '../children/repo';

export interface ReductionRow {
  id: string;
  programme_id: string;
  programme_name: string;
  child_id: string;
  child_name: string;
  applicant_id: string;
  category: ReductionCategory;
  note: string;
  file_id: string | null;
  status: 'requested' | 'approved' | 'refused' | 'withdrawn';
  percent_off: number | null;
  decision_note: string | null;
  created_at: Date | string;
  decided_at: Date | string | null;
}

const COLS = `r.id::text AS id, r.programme_id::text AS programme_id, p.name AS programme_name,
  r.child_id::text AS child_id, c.name AS child_name, r.applicant_id::text AS applicant_id,
  r.category, r.note, r.file_id::text AS file_id, r.status, r.percent_off, r.decision_note,
  r.created_at, r.decided_at`;
const FROM = `cc_fee_reductions r JOIN cc_programmes p ON p.id = r.programme_id
  JOIN children c ON c.id = r.child_id`;

export async function insertReduction(
  db: Queryable,
  r: {
    programmeId: string;
    childId: string;
    applicantId: string;
    category: ReductionCategory;
    note: string;
    fileId: string | null;
    now: Date;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cc_fee_reductions (programme_id, child_id, applicant_id, category, note, file_id, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7) RETURNING id::text AS id`,
    [r.programmeId, r.childId, r.applicantId, r.category, r.note, r.fileId, r.now],
  );
  return row!.id;
}

export async function findReduction(db: Queryable, id: string): Promise<ReductionRow | null> {
  const [row] = await db.query<ReductionRow>(`SELECT ${COLS} FROM ${FROM} WHERE r.id = $1`, [id]);
  return row ?? null;
}

/** Applications for the children this account may act for (its own or linked as a guardian). */
export const familyReductions = (db: Queryable, userId: string) =>
  db.query<ReductionRow>(
    `SELECT ${COLS} FROM ${FROM} WHERE ${linkedTo('$1')} ORDER BY r.created_at DESC, r.id DESC`,
    [userId],
  );

/** Is this child one this account may act for? */
export async function mayActFor(db: Queryable, userId: string, childId: string) {
  const rows = await db.query(`SELECT 1 FROM children c WHERE c.id = $1 AND ${linkedTo('$2')}`, [
    childId,
    userId,
  ]);
  return rows.length > 0;
}

export const listReductions = (
  db: Queryable,
  q: { programmeId: string | null; status: string | null },
) =>
  db.query<ReductionRow>(
    `SELECT ${COLS} FROM ${FROM}
      WHERE ($1::bigint IS NULL OR r.programme_id = $1) AND ($2::text IS NULL OR r.status = $2)
      ORDER BY (r.status = 'requested') DESC, r.created_at, r.id LIMIT 500`,
    [q.programmeId, q.status],
  );

/** Moves a requested application on; false when it was no longer requested (decided meanwhile). */
export async function decide(
  db: Queryable,
  id: string,
  d: {
    status: 'approved' | 'refused' | 'withdrawn';
    percentOff: number | null;
    note: string | null;
    by: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE cc_fee_reductions
        SET status = $2, percent_off = $3, decision_note = $4, decided_by = $5, decided_at = $6
      WHERE id = $1 AND status = 'requested' RETURNING 1`,
    [id, d.status, d.percentOff, d.note, d.by, d.now],
  );
  return rows.length > 0;
}
