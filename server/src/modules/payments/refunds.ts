// Refunds: written in the caller's transaction (the amount reserved against what was paid), then
// sent to WeChat after commit. A send that fails stays 'requested' and the reconciliation job
// sends it again with the same out_refund_no, which WeChat treats as the same refund.
import type { FastifyInstance } from 'fastify';
import { refundQuote } from '@/contract/refund-rule';
import type { Queryable } from '../../db/db';
import { payError } from './errors';
import * as repo from './repo';
import { settleRefund } from './settle';

/** Reserves and records a refund of a paid order; 409 when more than the remainder is asked. */
export async function requestRefund(
  tx: Queryable,
  order: repo.OrderRow,
  r: { amountFen: number; reason: string; requestedBy: string | null; now: Date },
): Promise<string> {
  if (order.status !== 'paid') throw payError('ORDER_NOT_PAID', 409);
  const id = await repo.insertRefund(tx, { orderId: order.id, ...r });
  if (!id) throw payError('REFUND_TOO_LARGE', 409);
  return id;
}

/**
 * A cancellation's refund by the configured rule: of `shareFen` (the seat's part of the order),
 * capped at what the order has left; null when nothing is owed. `start` names the start in the
 * reason the family reads (开课, 开班).
 */
export async function refundByRule(
  app: FastifyInstance,
  tx: Queryable,
  order: repo.OrderRow,
  c: { shareFen: number; when: { startsAt: Date; midpointAt: Date }; start: string; now: Date },
): Promise<string | null> {
  const quote = refundQuote(c.shareFen, c.now, c.when, app.config.payments.refundRule);
  const fen = Math.min(quote.fen, order.paid_fen! - order.refunded_fen);
  if (fen <= 0) return null;
  const reason =
    quote.phase === 'before_start'
      ? `${c.start}前取消，全额退款`
      : `${c.start}后取消，按规则退还${quote.percent}%`;
  return requestRefund(tx, order, { amountFen: fen, reason, requestedBy: null, now: c.now });
}

/** Sends recorded refunds to WeChat; failures are logged and left for the job. */
export async function sendRefunds(app: FastifyInstance, ids: string[]): Promise<void> {
  for (const id of ids) {
    const r = await repo.findRefund(app.db, { id });
    if (!r || r.status !== 'requested' || !app.wechatPay) continue;
    try {
      const answer = await app.wechatPay.refund({
        outTradeNo: r.out_trade_no,
        outRefundNo: r.out_refund_no,
        refundFen: r.amount_fen,
        totalFen: r.paid_fen,
        reason: r.reason,
      });
      await repo.markRefundSent(app.db, r.id, answer.refund_id ?? null, app.now());
      // WeChat may answer an instant refund as already done
      if (answer.status === 'SUCCESS' || answer.status === 'CLOSED' || answer.status === 'ABNORMAL')
        await app.db.transaction((tx) => settleRefund(tx, answer, app.now()));
    } catch (err) {
      app.log.warn({ err, refund: r.id }, 'wechat pay: refund not sent; the job retries');
    }
  }
}
