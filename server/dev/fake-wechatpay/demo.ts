// The demo's WeChat Pay: `npm start` (NODE_ENV=development without WECHATPAY_*) runs the fake inside
// the API process, on its own port, with keys made at this start, and gives the server the
// configuration a real merchant's variables would. Its clock is the server's, so a test that moves
// the server's clock (DEV_CLOCK) moves WeChat's with it. Orders live in the fake's memory: after a
// restart it no longer knows earlier ones, which the server then treats as never paid.
import type { WechatPayConfig } from '../../src/modules/payments/config';
import { DEMO_RETRY_DELAYS_MS, startFakeWechatPay } from './fake-wechatpay';

export async function startDemoWechatPay(opts: {
  appId: string | null;
  host: string;
  publicBaseUrl: string;
  notifyPath: string;
  timeoutMs: number;
  now: () => Date;
}): Promise<{ config: WechatPayConfig; close: () => Promise<void> }> {
  const publicHost = new URL(opts.publicBaseUrl).hostname;
  const fake = await startFakeWechatPay({
    now: opts.now,
    appId: opts.appId ?? 'wx-demo-fake-appid',
    host: opts.host,
    publicHost,
    retryDelaysMs: DEMO_RETRY_DELAYS_MS,
    refundAfterMs: 1_000,
  });
  return {
    config: {
      ...fake.config,
      timeoutMs: opts.timeoutMs,
      notifyUrl: `${opts.publicBaseUrl}${opts.notifyPath}`,
      demoCashierUrl: fake.cashierUrl,
    },
    close: () => fake.close(),
  };
}
