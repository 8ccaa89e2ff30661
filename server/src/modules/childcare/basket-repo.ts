// SQL of 兄弟姐妹一起报名: the saved choice per family and programme, and the one-statement tap
// (cc_enroll_basket, migration 0036), which runs cc_enroll for each class of the saved choice.
import type { BasketMode } from '@/contract/childcare';
import type { Queryable } from '../../db/db';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import type { SqlRefusal } from '../../lib/pg-errors';
import { linkedTo } from '../children/repo';

export interface BasketRow {
  mode: BasketMode;
  items: { classId: string; childIds: string[] }[];
  updated_at: Date | string;
}

export async function findBasket(
  db: Queryable,
  programmeId: string,
  userId: string,
): Promise<BasketRow | null> {
  const [row] = await db.query<BasketRow>(
    `SELECT mode, items, updated_at FROM cc_baskets WHERE programme_id = $1 AND user_id = $2`,
    [programmeId, userId],
  );
  return row ?? null;
}

export async function saveBasket(
  db: Queryable,
  programmeId: string,
  userId: string,
  mode: BasketMode,
  items: { classId: string; childIds: string[] }[],
  now: Date,
): Promise<BasketRow> {
  const [row] = await db.query<BasketRow>(
    `INSERT INTO cc_baskets (programme_id, user_id, mode, items, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (programme_id, user_id) DO UPDATE
       SET mode = EXCLUDED.mode, items = EXCLUDED.items, updated_at = EXCLUDED.updated_at
     RETURNING mode, items, updated_at`,
    [programmeId, userId, mode, JSON.stringify(items), now],
  );
  return row!;
}

export async function deleteBasket(
  db: Queryable,
  programmeId: string,
  userId: string,
): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM cc_baskets WHERE programme_id = $1 AND user_id = $2 RETURNING 1`,
    [programmeId, userId],
  );
  return rows.length > 0;
}

/** The classes of `programmeId` among `classIds`, with what saving checks. */
export const programmeClasses = (db: Queryable, programmeId: string, classIds: string[]) =>
  db.query<{ id: string; name: string; grade_min: number; grade_max: number }>(
    `SELECT c.id::text AS id, c.name, c.grade_min, c.grade_max
       FROM cc_classes c JOIN cc_periods pe ON pe.id = c.period_id
      WHERE c.id = ANY ($1::bigint[]) AND pe.programme_id = $2`,
    [classIds, programmeId],
  );

/** The children among `childIds` this account may act for (its own or linked as a guardian). */
export const familyChildren = (db: Queryable, userId: string, childIds: string[]) =>
  db.query<{ id: string; name: string; school: string | null; grade: string | null }>(
    `SELECT c.id::text AS id, c.name, c.school, c.grade FROM children c
      WHERE c.id = ANY ($1::bigint[]) AND ${linkedTo('$2')}`,
    [childIds, userId],
  );

export type BasketItemAnswer =
  | {
      status: 'enrolled' | 'held' | 'waitlisted';
      classId: string;
      childIds: string[];
      position: number | null;
      message: string;
      enrollmentIds: string[];
    }
  | { status: 'refused'; classId: string; childIds: string[]; refusal: SqlRefusal };

export interface BasketCall {
  userId: string;
  tokenVersion: number;
  programmeId: string;
  now: Date;
  today: string;
  claim: IdempotencyClaim | null;
  enrolledMessage: string;
  waitlistMessage: string;
  heldMessage: string;
  /** null: WeChat Pay not configured, a paid class's seat is enrolled as before */
  holdMinutes: number | null;
}

/** The tap, in ONE statement; refusals of the whole basket raise (SQLSTATE YH001) and roll back. */
export async function enrollBasket(
  db: Queryable,
  c: BasketCall,
): Promise<{ replayed: boolean; body: { mode: BasketMode; items: BasketItemAnswer[] } }> {
  const [row] = await db.query<{
    r: { replayed: boolean; body: { mode: BasketMode; items: BasketItemAnswer[] } };
  }>(
    `SELECT cc_enroll_basket($1::bigint, $2::integer, $3::text, $4::timestamptz, $5::date,
       $6::text, $7::text, $8::text, $9::text, $10::text, $11::integer, $12::text) AS r`,
    [
      c.userId,
      c.tokenVersion,
      c.programmeId,
      c.now.toISOString(),
      c.today,
      c.claim?.key ?? null,
      c.claim?.route ?? null,
      c.claim?.hash ?? null,
      c.enrolledMessage,
      c.waitlistMessage,
      c.holdMinutes,
      c.heldMessage,
    ],
  );
  return row!.r;
}
