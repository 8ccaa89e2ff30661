// 向微信查询: staff ask WeChat about one order from the reconciliation and the answer is applied
// by the same code the job and the payer's return use (syncOrder, settleRefund, sendRefunds), so
// a staff query can only do what the next job pass would have done, sooner. A pending order is
// settled or, past its hold, closed; a refund not yet accepted is sent again, one in progress is
// queried. Audited, as every staff action on money is.
import type { FastifyInstance } from 'fastify';
import type { PaymentQueryResult } from '@/contract/payments-console';
import type { AuthUser } from '../../plugins/auth';
import { audit } from '../../lib/audit';
import { canManageOrg } from '../../lib/org-access';
import { payClient } from './checkout';
import { payError } from './errors';
import { toOrder, toRefund } from './present';
import { syncOrder } from './reconcile';
import { sendRefunds } from './refunds';
import * as repo from './repo';
import { settleRefund } from './settle';
import type { Transaction } from './wechatpay/client';

export async function queryForStaff(
  app: FastifyInstance,
  auth: AuthUser,
  orderId: string,
): Promise<PaymentQueryResult> {
  const client = payClient(app);
  const order = await repo.findOrder(app.db, { id: orderId });
  // another organization's order answers like a missing one
  if (!order || !canManageOrg(auth, order.org_id)) throw payError('ORDER_NOT_FOUND', 404);
  let answer: Transaction | null;
  try {
    if (order.status === 'pending') await syncOrder(app, order);
    answer = await client.queryOrder(order.out_trade_no);
    const open = (await repo.refundsOf(app.db, order.id)).filter(
      (r) => r.status === 'requested' || r.status === 'processing',
    );
    await sendRefunds(
      app,
      open.filter((r) => r.status === 'requested').map((r) => r.id),
    );
    for (const r of open.filter((x) => x.status === 'processing')) {
      const refund = await client.queryRefund(r.out_refund_no);
      await app.db.transaction((tx) => settleRefund(tx, refund, app.now()));
    }
  } catch (err) {
    app.log.warn({ err, order: order.id }, 'wechat pay: staff query failed');
    throw Object.assign(payError('PAYMENT_UNAVAILABLE', 503), { cause: err });
  }
  const after = (await repo.findOrder(app.db, { id: orderId }))!;
  const tradeState = answer?.trade_state ?? null;
  await audit(app, app.db, auth, {
    action: 'payment.query',
    entity: 'payment_order',
    entityId: order.id,
    orgId: order.org_id,
    before: { status: order.status, refundedFen: order.refunded_fen },
    after: { status: after.status, refundedFen: after.refunded_fen, tradeState },
  });
  return {
    tradeState,
    wechatPaidFen: answer?.amount?.total ?? null,
    order: toOrder(after, app.now()),
    refunds: (await repo.refundsOf(app.db, order.id)).map(toRefund),
  };
}
