// POST /api/v1/payments/wechat/notify (NOTIFY_PATH): WeChat Pay's payment and refund callbacks. The signature is
// over the exact bytes received, so this route keeps the body as text (its own JSON parser, in this
// plugin's scope only). Answers 204 once the result is stored: WeChat retries anything else, and a
// retry finds the work done. A callback that is not WeChat's answers 401 and changes nothing.
import type { FastifyPluginAsync } from 'fastify';
import { payError } from './errors';
import { sendRefunds } from './refunds';
import { settleRefund, settleTransaction } from './settle';
import type { Refund, Transaction } from './wechatpay/client';

const notifyRoute: FastifyPluginAsync = async (app) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/wechat/notify', { schema: { hide: true } }, async (request, reply) => {
    const client = app.wechatPay;
    if (!client) throw payError('PAYMENTS_NOT_CONFIGURED', 503);
    let event: { eventType: string; resource: unknown };
    try {
      event = client.openNotify(request.headers, String(request.body ?? ''));
    } catch (err) {
      request.log.warn({ err }, 'wechat pay: notify refused');
      throw payError('PAYMENT_NOTIFY_INVALID', 401);
    }
    const now = app.now();
    if (event.eventType.startsWith('TRANSACTION.')) {
      const settled = await app.db.transaction((tx) =>
        settleTransaction(app, tx, event.resource as Transaction, now),
      );
      if (settled === 'unknown')
        request.log.warn(
          { event: event.eventType },
          'wechat pay: notify for an order we do not have',
        );
      if (typeof settled === 'object') await sendRefunds(app, [settled.refundId]);
    } else if (event.eventType.startsWith('REFUND.')) {
      await app.db.transaction((tx) => settleRefund(tx, event.resource as Refund, now));
    }
    return reply.code(204).send();
  });
};

export default notifyRoute;
