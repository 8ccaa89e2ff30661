// The payer's and the staff's actions on an order.
import type { FastifyInstance } from 'fastify';
import type { PaymentOrder, RefundView, StaffRefundBody } from '@/contract/payments';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { audit } from '../../lib/audit';
import { canManageOrg } from '../../lib/org-access';
import { payClient } from './checkout';
import { payError } from './errors';
import { toOrder, toRefund } from './present';
import { syncOrder } from './reconcile';
import { requestRefund, sendRefunds } from './refunds';
import * as repo from './repo';

/**
 * Back from the payment sheet: a pending order is asked about at once, so a late callback does
 * not leave the payer looking at 待支付. Someone else's order answers like a missing one.
 */
export async function refresh(
  app: FastifyInstance,
  userId: string,
  orderId: string,
): Promise<PaymentOrder> {
  const order = await repo.findOrder(app.db, { id: orderId });
  if (!order || order.user_id !== userId) throw payError('ORDER_NOT_FOUND', 404);
  if (order.status === 'pending' && order.prepay_id) {
    payClient(app);
    try {
      await syncOrder(app, order);
    } catch (err) {
      app.log.warn({ err, order: order.id }, 'wechat pay: query on return failed');
      throw Object.assign(payError('PAYMENT_UNAVAILABLE', 503), { cause: err });
    }
  }
  return toOrder((await repo.findOrder(app.db, { id: orderId }))!, app.now());
}

/**
 * Staff refund any amount up to what is left, with a reason; audited with the amounts. `inTx` is
 * the route's Idempotency-Key guard: the console's 重试 after a lost answer resends the same key,
 * and money is never refunded twice for one confirmation.
 */
export async function staffRefund(
  app: FastifyInstance,
  auth: AuthUser,
  orderId: string,
  body: StaffRefundBody,
  inTx: (work: (tx: Queryable) => Promise<string>) => Promise<string>,
): Promise<RefundView> {
  payClient(app);
  const now = app.now();
  const id = await inTx(async (tx) => {
    const order = await repo.findOrder(tx, { id: orderId }, true);
    if (!order || !canManageOrg(auth, order.org_id)) throw payError('ORDER_NOT_FOUND', 404);
    const refundId = await requestRefund(tx, order, {
      amountFen: body.amountFen,
      reason: body.reason.trim(),
      requestedBy: auth.id,
      now,
    });
    await audit(app, tx, auth, {
      action: 'payment.refund',
      entity: 'payment_order',
      entityId: order.id,
      orgId: order.org_id,
      before: { paidFen: order.paid_fen, refundedFen: order.refunded_fen },
      after: { refundFen: body.amountFen, reason: body.reason.trim() },
    });
    return refundId;
  });
  // a replay finds it sent already (sendRefunds skips it) or, if WeChat was down, sends it now
  await sendRefunds(app, [id]);
  return toRefund((await repo.findRefund(app.db, { id }))!);
}
