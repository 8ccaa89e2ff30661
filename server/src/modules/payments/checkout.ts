// The pay step of a hold: the order exists once per hold (repo.openOrder); here WeChat gets it and
// the phone gets signed requestPayment parameters. Concurrent taps all reach the same row and
// send the same out_trade_no with the same fields, which WeChat answers with the same prepay_id,
// so one hold makes one WeChat order however many times it is paid for.
import type { FastifyInstance } from 'fastify';
import type { PaymentStart } from '@/contract/payments';
import { payError } from './errors';
import { toOrder } from './present';
import * as repo from './repo';
import type { WechatPayClient } from './wechatpay/client';

declare module 'fastify' {
  interface FastifyInstance {
    /** null when WECHATPAY_* are not set: paid offerings cannot open. */
    wechatPay: WechatPayClient | null;
  }
}

/** The configured client, or 503 PAYMENTS_NOT_CONFIGURED. */
export function payClient(app: FastifyInstance): WechatPayClient {
  if (!app.wechatPay) throw payError('PAYMENTS_NOT_CONFIGURED', 503);
  return app.wechatPay;
}

/**
 * Staff opening an offering with a fee (creating a course or a 托班 class, or setting a class's fee):
 * 409 PAYMENTS_NOT_CONFIGURED without WeChat Pay, since nobody could pay for its seats.
 */
export function assertCanCharge(app: FastifyInstance, feeFen: number | undefined): void {
  if (feeFen !== undefined && feeFen > 0 && !app.wechatPay)
    throw payError('PAYMENTS_NOT_CONFIGURED', 409);
}

/** After the hold's transaction committed: the WeChat order and the parameters to pay it. */
export async function checkout(app: FastifyInstance, order: repo.OrderRow): Promise<PaymentStart> {
  const now = app.now();
  if (order.status === 'paid') return { order: toOrder(order, now), requestPayment: null };
  if (order.status === 'closed' || new Date(order.hold_expires_at) <= now)
    throw payError('HOLD_EXPIRED', 409);
  const client = payClient(app);
  let prepayId = order.prepay_id;
  if (!prepayId) {
    const [payer] = await app.db.query<{ openid: string }>(
      'SELECT openid FROM users WHERE id = $1',
      [order.user_id],
    );
    try {
      prepayId = await client.createJsapiOrder({
        outTradeNo: order.out_trade_no,
        description: order.description,
        amountFen: order.amount_fen,
        openid: payer.openid,
        expiresAt: new Date(order.hold_expires_at),
      });
    } catch (err) {
      app.log.warn({ err, order: order.id }, 'wechat pay: create order failed');
      throw Object.assign(payError('PAYMENT_UNAVAILABLE', 503), { cause: err });
    }
    await repo.savePrepayId(app.db, order.id, prepayId, now);
  }
  const demoCashierUrl = app.config.wechatPay?.demoCashierUrl;
  return {
    order: toOrder(order, now),
    requestPayment: client.requestPayment(prepayId),
    ...(demoCashierUrl ? { demoCashierUrl } : {}),
  };
}
