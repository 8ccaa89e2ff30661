// Payments: the WeChat Pay client and the payables registry on the root instance (services that
// sell seats register theirs), the routes under /payments, and the reconciliation job.
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { WechatPayConfig } from './config';
import notifyRoute from './notify';
import routes from './routes';
import { reconcile } from './reconcile';
import { WechatPayClient } from './wechatpay/client';

export const RECONCILE_JOB = 'payments.reconcile';

/** Root-level: app.wechatPay (null without configuration) and app.payables. */
export const paymentsCore = fp<{ wechatPay: WechatPayConfig | null }>(
  async (app, { wechatPay }) => {
    app.decorate('wechatPay', wechatPay ? new WechatPayClient(wechatPay, () => app.now()) : null);
    app.decorate('payables', new Map());
  },
  { name: 'payments-core' },
);

const paymentsPlugin: FastifyPluginAsync = async (app) => {
  await app.register(routes);
  await app.register(notifyRoute);
  app.jobs.register({
    name: RECONCILE_JOB,
    everyMs: 60_000,
    run: (tx, now) => reconcile(app, tx, now),
  });
};

export default paymentsPlugin;
