// SQL of payment orders and refunds. Every state change is a conditional UPDATE on the row's
// current status, so a replayed callback, a query racing the callback, or two jobs never apply
// the same change twice.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db';

export type PayableKind = 'ns_application' | 'cc_hold';

/** The out_trade_no's prefix per kind, so a merchant's bill says what each order paid for. */
const TRADE_PREFIX: Record<PayableKind, string> = { ns_application: 'yh-ns-', cc_hold: 'yh-cc-' };

export interface OrderRow {
  id: string;
  payable_kind: PayableKind;
  payable_id: string;
  user_id: string;
  org_id: string;
  description: string;
  amount_fen: number;
  out_trade_no: string;
  hold_expires_at: string;
  status: 'pending' | 'paid' | 'closed';
  prepay_id: string | null;
  transaction_id: string | null;
  paid_fen: number | null;
  paid_at: string | null;
  flag: 'amount_mismatch' | 'paid_after_release' | null;
  refunded_fen: number;
}

const ORDER_COLS = `id::text AS id, payable_kind, payable_id::text AS payable_id, user_id::text AS user_id,
  org_id::text AS org_id, description, amount_fen, out_trade_no, hold_expires_at, status, prepay_id,
  transaction_id, paid_fen, paid_at, flag, refunded_fen`;

/** ≤ 32 characters of [A-Za-z0-9_-], unique for the merchant: WeChat's rule for both numbers. */
const number = (prefix: string, id: string) => `${prefix}${id}-${randomBytes(4).toString('hex')}`;

/**
 * The hold's one order: inserted once (UNIQUE per payable), so every later call, concurrent or
 * not, finds the same row and its out_trade_no.
 */
export async function openOrder(
  tx: Queryable,
  o: {
    kind: PayableKind;
    payableId: string;
    userId: string;
    orgId: string;
    description: string;
    amountFen: number;
    holdExpiresAt: Date;
    now: Date;
  },
): Promise<OrderRow> {
  await tx.query(
    `INSERT INTO payment_orders (payable_kind, payable_id, user_id, org_id, description, amount_fen,
       out_trade_no, hold_expires_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (payable_kind, payable_id) DO NOTHING`,
    [
      o.kind,
      o.payableId,
      o.userId,
      o.orgId,
      o.description,
      o.amountFen,
      number(TRADE_PREFIX[o.kind], o.payableId),
      o.holdExpiresAt.toISOString(),
      o.now.toISOString(),
    ],
  );
  return (await orderOf(tx, o.kind, o.payableId))!;
}

export async function orderOf(
  db: Queryable,
  kind: PayableKind,
  payableId: string,
): Promise<OrderRow | null> {
  const rows = await db.query<OrderRow>(
    `SELECT ${ORDER_COLS} FROM payment_orders WHERE payable_kind = $1 AND payable_id = $2`,
    [kind, payableId],
  );
  return rows[0] ?? null;
}

export async function findOrder(
  db: Queryable,
  by: { id?: string; outTradeNo?: string },
  lock = false,
): Promise<OrderRow | null> {
  const rows = await db.query<OrderRow>(
    `SELECT ${ORDER_COLS} FROM payment_orders WHERE ${by.id ? 'id = $1' : 'out_trade_no = $1'}
     ${lock ? 'FOR UPDATE' : ''}`,
    [by.id ?? by.outTradeNo],
  );
  return rows[0] ?? null;
}

/** Keeps the first prepay_id WeChat gave for the order (it is valid for two hours, longer than any hold). */
export async function savePrepayId(db: Queryable, id: string, prepayId: string, now: Date) {
  await db.query(
    `UPDATE payment_orders SET prepay_id = $2, updated_at = $3 WHERE id = $1 AND prepay_id IS NULL`,
    [id, prepayId, now.toISOString()],
  );
}

/** pending → paid, once; the flag says why a person must look at it. */
export async function markPaid(
  tx: Queryable,
  id: string,
  p: { transactionId: string; paidFen: number; paidAt: Date; flag: OrderRow['flag'] },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE payment_orders SET status = 'paid', transaction_id = $2, paid_fen = $3, paid_at = $4,
       flag = $5, updated_at = $4
     WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, p.transactionId, p.paidFen, p.paidAt.toISOString(), p.flag],
  );
  return rows.length > 0;
}

export async function setFlag(tx: Queryable, id: string, flag: OrderRow['flag']) {
  await tx.query(`UPDATE payment_orders SET flag = $2 WHERE id = $1`, [id, flag]);
}

/** The hold ends now (its seat was given up): the reconciliation job closes the order at WeChat. */
export async function endHold(tx: Queryable, id: string, now: Date) {
  await tx.query(
    `UPDATE payment_orders SET hold_expires_at = least(hold_expires_at, $2), updated_at = $2
     WHERE id = $1 AND status = 'pending'`,
    [id, now.toISOString()],
  );
}

/** pending → closed, once WeChat closed it. */
export async function markClosed(tx: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE payment_orders SET status = 'closed', updated_at = $2 WHERE id = $1 AND status = 'pending' RETURNING id`,
    [id, now.toISOString()],
  );
  return rows.length > 0;
}

/** Pending orders to ask WeChat about: holds that lapsed, and orders whose callback is late. */
export async function pendingToCheck(
  db: Queryable,
  now: Date,
  lateAfterMs: number,
  limit = 50,
): Promise<OrderRow[]> {
  return db.query<OrderRow>(
    `SELECT ${ORDER_COLS} FROM payment_orders
     WHERE status = 'pending' AND (hold_expires_at <= $1 OR (prepay_id IS NOT NULL AND updated_at <= $2))
     ORDER BY hold_expires_at, id LIMIT $3`,
    [now.toISOString(), new Date(now.getTime() - lateAfterMs).toISOString(), limit],
  );
}

/** A pending order's row is touched after each query, so a late one is asked about once per interval. */
export async function touch(db: Queryable, id: string, now: Date) {
  await db.query(`UPDATE payment_orders SET updated_at = $2 WHERE id = $1 AND status = 'pending'`, [
    id,
    now.toISOString(),
  ]);
}

// ---- refunds

export interface RefundRow {
  id: string;
  order_id: string;
  out_refund_no: string;
  amount_fen: number;
  reason: string;
  requested_by: string | null;
  status: 'requested' | 'processing' | 'success' | 'closed' | 'abnormal';
  refund_id: string | null;
  out_trade_no: string;
  paid_fen: number;
}

const REFUND_COLS = `r.id::text AS id, r.order_id::text AS order_id, r.out_refund_no, r.amount_fen,
  r.reason, r.requested_by::text AS requested_by, r.status, r.refund_id, o.out_trade_no, o.paid_fen`;

/**
 * Reserves `amountFen` of a paid order for a refund: the conditional UPDATE never lets the
 * refunds of an order exceed what was paid, however many are asked at once. Null if they would.
 */
export async function insertRefund(
  tx: Queryable,
  r: { orderId: string; amountFen: number; reason: string; requestedBy: string | null; now: Date },
): Promise<string | null> {
  const reserved = await tx.query(
    `UPDATE payment_orders SET refunded_fen = refunded_fen + $2, updated_at = $3
     WHERE id = $1 AND status = 'paid' AND refunded_fen + $2 <= paid_fen RETURNING id`,
    [r.orderId, r.amountFen, r.now.toISOString()],
  );
  if (reserved.length === 0) return null;
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO payment_refunds (order_id, out_refund_no, amount_fen, reason, requested_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id::text AS id`,
    [
      r.orderId,
      number('yh-rf-', r.orderId),
      r.amountFen,
      r.reason,
      r.requestedBy,
      r.now.toISOString(),
    ],
  );
  return row.id;
}

export async function findRefund(
  db: Queryable,
  by: { id?: string; outRefundNo?: string },
  lock = false,
): Promise<RefundRow | null> {
  const rows = await db.query<RefundRow>(
    `SELECT ${REFUND_COLS} FROM payment_refunds r JOIN payment_orders o ON o.id = r.order_id
     WHERE ${by.id ? 'r.id = $1' : 'r.out_refund_no = $1'} ${lock ? 'FOR UPDATE OF r' : ''}`,
    [by.id ?? by.outRefundNo],
  );
  return rows[0] ?? null;
}

export async function refundsOf(db: Queryable, orderId: string): Promise<RefundRow[]> {
  return db.query<RefundRow>(
    `SELECT ${REFUND_COLS} FROM payment_refunds r JOIN payment_orders o ON o.id = r.order_id
     WHERE r.order_id = $1 ORDER BY r.id`,
    [orderId],
  );
}

/** Refunds still moving: not yet sent, or sent and not yet final. */
export async function openRefunds(db: Queryable, limit = 50): Promise<RefundRow[]> {
  return db.query<RefundRow>(
    `SELECT ${REFUND_COLS} FROM payment_refunds r JOIN payment_orders o ON o.id = r.order_id
     WHERE r.status IN ('requested', 'processing') ORDER BY r.id LIMIT $1`,
    [limit],
  );
}

/** WeChat accepted the refund (requested → processing). */
export async function markRefundSent(
  db: Queryable,
  id: string,
  refundId: string | null,
  now: Date,
) {
  await db.query(
    `UPDATE payment_refunds SET status = 'processing', refund_id = coalesce($2, refund_id), updated_at = $3
     WHERE id = $1 AND status = 'requested'`,
    [id, refundId, now.toISOString()],
  );
}

/**
 * A refund reached its end, once. A closed or abnormal refund gives its amount back to the
 * order's refundable balance (the money did not leave).
 */
export async function finishRefund(
  tx: Queryable,
  id: string,
  status: 'success' | 'closed' | 'abnormal',
  refundId: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await tx.query<{ order_id: string; amount_fen: number }>(
    `UPDATE payment_refunds SET status = $2, refund_id = coalesce($3, refund_id), settled_at = $4, updated_at = $4
     WHERE id = $1 AND status IN ('requested', 'processing')
     RETURNING order_id::text AS order_id, amount_fen`,
    [id, status, refundId, now.toISOString()],
  );
  if (rows.length === 0) return false;
  if (status !== 'success')
    await tx.query(
      `UPDATE payment_orders SET refunded_fen = refunded_fen - $2, updated_at = $3 WHERE id = $1`,
      [rows[0].order_id, rows[0].amount_fen, now.toISOString()],
    );
  return true;
}
