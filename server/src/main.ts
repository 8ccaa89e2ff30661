// Process entry: build, listen, print where things are, shut down cleanly on SIGINT/SIGTERM.
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
import { startBanner } from './banner';
import { loadConfig } from './config';
import { devClock, listenForDevClock } from './lib/dev-clock';
import { NOTIFY_PATH } from './modules/payments/config';

/** The fake WeChat Pay lives outside server/src, so no production build carries it. */
const DEMO_WECHATPAY = path.join(__dirname, '../dev/fake-wechatpay/demo.ts');

/**
 * Starts the local fake WeChat Pay and points the config at it (development and test only). A
 * compiled build (dist-api, run in development by the stack test) has no fake, and the workers of
 * start:cluster do not run one: payments stay off there.
 */
async function startFakeWechatPay(config: ReturnType<typeof loadConfig>, now: () => Date) {
  if (cluster.isWorker) {
    // each worker would run its own fake with its own keys and orders, behind one shared port
    console.warn(
      'WECHATPAY_FAKE: not under start:cluster (one fake per worker cannot agree); paid offerings cannot open',
    );
    return null;
  }
  let mod: typeof import('../dev/fake-wechatpay/demo');
  try {
    mod = (await import(DEMO_WECHATPAY)) as typeof mod;
  } catch (err) {
    console.warn(
      `WECHATPAY_FAKE: the local fake WeChat Pay is not in this build (${String(err)}); paid offerings cannot open`,
    );
    return null;
  }
  const demo = await mod.startDemoWechatPay({
    appId: config.wechat.appId,
    host: config.host,
    publicBaseUrl: config.publicBaseUrl,
    notifyPath: NOTIFY_PATH,
    timeoutMs: config.wechat.timeoutMs,
    now,
  });
  config.wechatPay = demo.config;
  return demo;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const clock = config.devClock ? devClock() : null;
  const now = clock ? clock.now : () => new Date();
  const fakePay = config.wechatPayFake ? await startFakeWechatPay(config, now) : null;
  if (config.wechatPayFake && !fakePay) config.wechatPayFake = false;
  const app = await buildApp({
    config,
    logger: { level: config.logLevel },
    ...(clock ? { now: clock.now } : {}),
  });
  if (clock) listenForDevClock(app, clock);
  if (fakePay) {
    app.addHook('onClose', () => fakePay.close());
    app.log.warn(
      { api: config.wechatPay!.apiBase },
      'WECHATPAY_FAKE: payments go to a local FAKE WeChat Pay; no real money moves (development only)',
    );
  }
  const url = await app.listen({ port: config.port, host: config.host });
  if (config.jobs) app.jobs.start();

  const weappDir = path.resolve(process.cwd(), 'dist');
  console.log(
    startBanner(config, {
      url,
      dbKind: app.db.kind,
      h5Built: fs.existsSync(config.h5Dir),
      weappDir,
      weappBuilt: fs.existsSync(weappDir),
      jobCount: app.jobs.names().length,
    }),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
