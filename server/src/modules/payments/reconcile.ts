// The job `payments.reconcile`: what the callbacks did not settle, our queries do. A pending order
// whose callback is late is queried; one whose hold lapsed is queried, and closed at WeChat if it
// was not paid, after which the service's own machinery releases the seat. Refunds not yet
// accepted are sent again; refunds still processing are queried. WeChat is called after the
// job's transaction commits (slow I/O must not hold it), each result written in its own.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/db';
import type { JobResult } from '../../jobs/runner';
import * as repo from './repo';
import { sendRefunds } from './refunds';
import { settleRefund, settleTransaction } from './settle';

/** A callback this late is looked for with a query. */
export const LATE_CALLBACK_MS = 60_000;

/** Asks WeChat about one pending order and applies the answer; 'open' when it stays pending. */
export async function syncOrder(
  app: FastifyInstance,
  order: repo.OrderRow,
): Promise<'paid' | 'closed' | 'open'> {
  const client = app.wechatPay!;
  const t = await client.queryOrder(order.out_trade_no);
  const lapsed = new Date(order.hold_expires_at) <= app.now();
  if (
    t?.trade_state === 'SUCCESS' ||
    (lapsed && (await client.closeOrder(order.out_trade_no)) === 'paid')
  ) {
    const paid = t?.trade_state === 'SUCCESS' ? t : await client.queryOrder(order.out_trade_no);
    const settled = await app.db.transaction((tx) => settleTransaction(app, tx, paid!, app.now()));
    if (typeof settled === 'object') await sendRefunds(app, [settled.refundId]);
    return 'paid';
  }
  if (lapsed) {
    await app.db.transaction((tx) => repo.markClosed(tx, order.id, app.now()));
    return 'closed';
  }
  await repo.touch(app.db, order.id, app.now());
  return 'open';
}

export async function reconcile(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<JobResult> {
  if (!app.wechatPay) return 0;
  const orders = await repo.pendingToCheck(tx, now, LATE_CALLBACK_MS);
  const refunds = await repo.openRefunds(tx);
  return {
    handled: orders.length + refunds.length,
    afterCommit: async () => {
      for (const o of orders) {
        try {
          await syncOrder(app, o);
        } catch (err) {
          app.log.warn({ err, order: o.id }, 'wechat pay: order not reconciled; next pass retries');
        }
      }
      await sendRefunds(
        app,
        refunds.filter((r) => r.status === 'requested').map((r) => r.id),
      );
      for (const r of refunds.filter((x) => x.status === 'processing')) {
        try {
          const answer = await app.wechatPay!.queryRefund(r.out_refund_no);
          await app.db.transaction((t) => settleRefund(t, answer, app.now()));
        } catch (err) {
          app.log.warn({ err, refund: r.id }, 'wechat pay: refund not queried; next pass retries');
        }
      }
    },
  };
}
