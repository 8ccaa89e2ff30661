// SQL of childcare's paid holds: a pay group is the seats one request holds for payment (migration
// 0038), paid with one order; these read and move a group as one.
import type { Queryable } from '../../db/db';

/** The classes of a group's seats, in id order: the order every seat move locks them in. */
export async function groupClasses(db: Queryable, payGroup: string): Promise<string[]> {
  const rows = await db.query<{ class_id: string }>(
    `SELECT DISTINCT class_id::text AS class_id FROM cc_enrollments WHERE pay_group = $1 ORDER BY 1`,
    [payGroup],
  );
  return rows.map((r) => r.class_id);
}

export interface HoldMember {
  id: string;
  fee_fen: number;
  percent_off: number | null;
  offer_expires_at: Date | string;
  site_id: string;
  programme_name: string;
}

/** The seats a group still holds, with each child's approved reduction (null: none). */
export const holdMembers = (db: Queryable, payGroup: string) =>
  db.query<HoldMember>(
    `SELECT e.id::text AS id, c.fee_fen, cc_percent_off(pe.programme_id, e.child_id) AS percent_off,
       e.offer_expires_at, c.site_id::text AS site_id, pr.name AS programme_name
     FROM cc_enrollments e JOIN cc_classes c ON c.id = e.class_id JOIN cc_periods pe ON pe.id = e.period_id
     JOIN cc_programmes pr ON pr.id = pe.programme_id
     WHERE e.pay_group = $1 AND e.status = 'offered' ORDER BY e.id`,
    [payGroup],
  );

/** A family's offered sibling group in one class, with each child's approved reduction. */
export const offerMembers = (db: Queryable, groupKey: string, parentId: string) =>
  db.query<{ id: string; fee_fen: number; percent_off: number | null }>(
    `SELECT e.id::text AS id, c.fee_fen, cc_percent_off(pe.programme_id, e.child_id) AS percent_off
     FROM cc_enrollments e JOIN cc_classes c ON c.id = e.class_id JOIN cc_periods pe ON pe.id = e.period_id
     WHERE e.group_key = $1 AND e.parent_id = $2 AND e.status = 'offered' ORDER BY e.id`,
    [groupKey, parentId],
  );

/** An accepted waitlist offer becomes a hold: a new pay group and the hold's end. */
export async function holdOffer(
  db: Queryable,
  groupKey: string,
  parentId: string,
  until: Date,
  now: Date,
): Promise<void> {
  await db.query(
    `WITH g AS (SELECT nextval('cc_pay_group_seq') AS v)
     UPDATE cc_enrollments SET pay_group = g.v, offer_expires_at = $3, updated_at = $4 FROM g
     WHERE group_key = $1 AND parent_id = $2 AND status = 'offered'`,
    [groupKey, parentId, until.toISOString(), now.toISOString()],
  );
}

/** Each seat's share of the order, fixed as the order opens (a cancellation refunds that share). */
export async function setPrices(db: Queryable, prices: Array<{ id: string; fen: number }>) {
  await db.query(
    `UPDATE cc_enrollments e SET price_fen = p.fen
     FROM unnest($1::bigint[], $2::int[]) AS p(id, fen) WHERE e.id = p.id`,
    [prices.map((p) => p.id), prices.map((p) => p.fen)],
  );
}

/** The paid (or free) group's held seats become 已报名; how many did. */
export async function confirmGroup(db: Queryable, payGroup: string, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE cc_enrollments SET status = 'enrolled', offer_expires_at = NULL, updated_at = $2
     WHERE pay_group = $1 AND status = 'offered' RETURNING 1`,
    [payGroup, now.toISOString()],
  );
  return rows.length;
}

/**
 * A group whose order is open lost a seat: the seats it still holds move to a new group, which
 * is priced and ordered afresh; the old order lapses (and a payment that still reaches it finds
 * no seat and is refunded in full).
 */
export async function regroup(db: Queryable, payGroup: string): Promise<void> {
  await db.query(
    `WITH g AS (SELECT nextval('cc_pay_group_seq') AS v)
     UPDATE cc_enrollments SET pay_group = g.v FROM g WHERE pay_group = $1 AND status = 'offered'`,
    [payGroup],
  );
}

export interface PaymentFacts {
  id: string;
  percent_off: number | null;
  order_status: 'pending' | 'paid' | 'closed' | null;
  order_amount_fen: number | null;
  /** the refund this seat's cancellation asked for, if any */
  refund_fen: number | null;
  refund_status: string | null;
}

/** For 我的托班: each enrollment's reduction and its group's order, if one opened. */
export const paymentFacts = (db: Queryable, enrollmentIds: string[]) =>
  db.query<PaymentFacts>(
    `SELECT e.id::text AS id, cc_percent_off(pe.programme_id, e.child_id) AS percent_off,
       o.status AS order_status, o.amount_fen AS order_amount_fen,
       r.amount_fen AS refund_fen, r.status AS refund_status
     FROM cc_enrollments e JOIN cc_periods pe ON pe.id = e.period_id
     LEFT JOIN payment_orders o ON o.payable_kind = 'cc_hold' AND o.payable_id = e.pay_group
     LEFT JOIN payment_refunds r ON r.id = e.refund_id
     WHERE e.id = ANY ($1::bigint[])`,
    [enrollmentIds],
  );

/** A cancelled seat's refund (migration 0043), for 我的托班 to follow it to 已退款. */
export async function setRefund(db: Queryable, enrollmentId: string, refundId: string) {
  await db.query(`UPDATE cc_enrollments SET refund_id = $2 WHERE id = $1`, [
    enrollmentId,
    refundId,
  ]);
}
