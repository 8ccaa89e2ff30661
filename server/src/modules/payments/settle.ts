// WeChat's word on an order or a refund, from a verified callback or from our own query, applied
// once. Callbacks repeat (WeChat retries until it hears 2xx), arrive late or out of order, and
// race our queries: every change here is a conditional UPDATE on the locked row's status, so the
// second arrival finds nothing left to do.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/db';
import * as repo from './repo';
import type { Refund, Transaction } from './wechatpay/client';

export type Settled =
  | 'paid'
  | 'flagged'
  /** paid, but the seat was gone: a full refund was written (send it after commit) */
  | { refundId: string }
  | 'already'
  | 'not_paid'
  | 'unknown';

export const LATE_REFUND_REASON = '支付完成时名额已释放，全额退款';

/**
 * A transaction WeChat reported, inside the caller's transaction. The amount, merchant and app
 * must be ours and the amount the one the server priced; otherwise the money is recorded and the
 * order flagged for a person, and no seat is given.
 */
export async function settleTransaction(
  app: FastifyInstance,
  tx: Queryable,
  t: Transaction,
  now: Date,
): Promise<Settled> {
  const seen = await repo.findOrder(tx, { outTradeNo: t.out_trade_no });
  if (!seen) return 'unknown';
  const payable = app.payables.get(seen.payable_kind)!;
  await payable.lock(tx, seen.payable_id);
  const order = (await repo.findOrder(tx, { id: seen.id }, true))!;
  if (t.trade_state !== 'SUCCESS') return 'not_paid';
  if (order.status === 'paid') return 'already';
  const cfg = app.config.wechatPay!;
  const paidFen = t.amount?.total ?? 0;
  const matches = paidFen === order.amount_fen && t.mchid === cfg.mchId && t.appid === cfg.appId;
  const paidAt = t.success_time ? new Date(t.success_time) : now;
  if (
    !(await repo.markPaid(tx, order.id, {
      transactionId: t.transaction_id ?? '',
      paidFen,
      paidAt: Number.isNaN(paidAt.getTime()) ? now : paidAt,
      flag: matches ? null : 'amount_mismatch',
    }))
  )
    return 'already';
  if (!matches) {
    app.log.error(
      { order: order.id, expected: order.amount_fen, paid: paidFen },
      'wechat pay: paid amount differs from the order; flagged',
    );
    return 'flagged';
  }
  if (await payable.settle(app, tx, order.payable_id, now)) return 'paid';
  await repo.setFlag(tx, order.id, 'paid_after_release');
  const refundId = await repo.insertRefund(tx, {
    orderId: order.id,
    amountFen: paidFen,
    reason: LATE_REFUND_REASON,
    requestedBy: null,
    now,
  });
  return { refundId: refundId! };
}

const FINAL: Record<string, 'success' | 'closed' | 'abnormal'> = {
  SUCCESS: 'success',
  CLOSED: 'closed',
  ABNORMAL: 'abnormal',
};

/** A refund WeChat reported (callback or query); false when nothing changed. */
export async function settleRefund(tx: Queryable, r: Refund, now: Date): Promise<boolean> {
  const refund = await repo.findRefund(tx, { outRefundNo: r.out_refund_no }, true);
  const status = FINAL[r.refund_status ?? r.status ?? ''];
  if (!refund || !status) return false;
  return repo.finishRefund(tx, refund.id, status, r.refund_id ?? null, now);
}
