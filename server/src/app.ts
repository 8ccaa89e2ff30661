// buildApp(options): plugins, then routes; no listen (main.ts listens, tests inject).
import { createHmac, randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isDevEnv, loadConfig, type Config } from './config';
import type { Db } from './db/db';
import { MigrationError, migrate, pendingMigrations } from './db/migrate';
import { openDb } from './db/open-db';
import { seedDemoIfEmpty } from './db/seed/run-demo-seed';
import dbPlugin from './plugins/db';
import errorsPlugin from './plugins/errors';
import authPlugin from './plugins/auth';
import idempotencyPlugin from './plugins/idempotency';
import wechatPlugin from './plugins/wechat';
import openapiPlugin from './plugins/openapi';
import staticPlugin from './plugins/static';
import { validatorCompiler } from './plugins/validation';
import rateLimitPlugin, { ABUSE_LIMITS, type AbuseLimits } from './plugins/rate-limit';
import loadSheddingPlugin from './plugins/load-shedding';
import { RequestLog } from './plugins/request-log';
import publicCachePlugin from './plugins/public-cache';
import metricsPlugin from './plugins/metrics';
import { JobRunner } from './jobs/runner';
import { encryptStoredPhones } from './lib/phones-at-rest';
import authRoutes from './modules/auth/routes';
import qrLoginRoutes from './modules/auth/qr-login/routes';
import meRoutes from './modules/me/routes';
import childrenRoutes from './modules/children/routes';
import orgRoutes from './modules/orgs/routes';
import healthRoutes from './modules/health/routes';
import probes from './modules/health/probes';
import messagesPlugin from './modules/messages/plugin';
import adminRoutes from './modules/admin/routes';
import consoleRoutes from './modules/console/routes';
import organizerRoutes from './modules/organizer/routes';
import childcarePlugin from './modules/childcare/plugin';
import feeReductionRoutes from './modules/fee-reductions/routes';
import stationPlugin from './modules/station/plugin';
import volunteerPlugin from './modules/volunteer/plugin';
import nightSchoolPlugin from './modules/night-school/plugin';
import privacyPlugin from './modules/privacy/plugin';
import wxacodePlugin from './modules/wxacode/plugin';
import dashboardRoutes from './modules/dashboard/routes';
import filesPlugin from './modules/files/plugin';
import paymentsPlugin, { paymentsCore } from './modules/payments/plugin';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The server's clock; tests pass their own to open windows and expire offers. */
    now: () => Date;
    /** Key for signed codes people scan (booking, check-in, pick-up), apart from session tokens. */
    codeSecret: string;
    jobs: JobRunner;
  }
}

export interface BuildAppOptions {
  /** A ready database (tests). Without it the app opens one from config and closes it on close. */
  db?: Db;
  /** Overrides on top of loadConfig(process.env). */
  config?: Partial<Config>;
  /** The clock (default: the system clock). */
  now?: () => Date;
  /** false: silent; true: pino to stdout; or a level and/or a stream (tests capture logs). */
  logger?: boolean | { level?: string; stream?: Writable };
  /** Overrides on top of ABUSE_LIMITS (tests: tiny limits to reach, or huge ones to stay clear of). */
  abuseLimits?: Partial<AbuseLimits>;
  /** Sees every route as it is added (the authorization-matrix test enumerates them with it). */
  onRoute?: (route: RouteOptions) => void;
}

// Never log request bodies (Fastify does not by default) and redact what could still appear.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.idNumber',
  '*.phone',
  '*.password',
  '*.secret',
  '*.token',
  '*.session_key',
  'body',
  'req.body',
];

function loggerOptions(logger: BuildAppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = { level: 'info', redact: { paths: REDACT_PATHS, censor: '[已隐藏]' } };
  if (logger === true) return base;
  return {
    ...base,
    level: logger.level ?? base.level,
    ...(logger.stream ? { stream: logger.stream } : {}),
  };
}

// Several API processes share one PostgreSQL: a process must not serve a schema older than its code,
// and in production it must not change the schema behind the others' backs either.
async function refuseSchemaBehind(db: Db): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length === 0) return;
  throw new MigrationError(
    `数据库结构落后 ${pending.length} 个迁移（${pending.join('、')}），请先运行 npm run migrate。` +
      ` / The schema is ${pending.length} migration(s) behind (${pending.join(', ')}): run npm run migrate first (or set MIGRATE_ON_BOOT=1).`,
  );
}

const FORWARDED_ID = /^[A-Za-z0-9-]{8,64}$/;

/** A UUID per request; behind our own proxy, the id it already logged (X-Request-Id) so both logs join. */
function requestIdFrom(config: Config): FastifyServerOptions['genReqId'] {
  return (req) => {
    const forwarded = req.headers['x-request-id'];
    if (config.trustProxy && typeof forwarded === 'string' && FORWARDED_ID.test(forwarded))
      return forwarded;
    return randomUUID();
  };
}

/**
 * Fastify treats a bare hop count as "trust nobody", so a count becomes the rule it stands for:
 * the nearest `hops` addresses (the socket peer first) are our proxies, the next one is the client.
 * That holds only while the API port is reachable through the proxy alone; otherwise list the
 * proxies' addresses instead.
 */
function trustProxyOption(trust: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof trust !== 'number') return trust;
  return (_address: string, hop: number) => hop < trust;
}

export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config: Config = { ...loadConfig(), ...options.config };
  if (config.devLogin && !isDevEnv(config.nodeEnv)) {
    throw new Error(
      'DEV_LOGIN 只能在 NODE_ENV=development 或 test 时开启 / DEV_LOGIN needs NODE_ENV=development or test',
    );
  }

  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: config.bodyLimit,
    trustProxy: trustProxyOption(config.trustProxy),
    genReqId: requestIdFrom(config),
    logController: new RequestLog(),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  const owned = !options.db;
  const db = options.db ?? (await openDb(config));
  try {
    if (config.migrateOnBoot) await migrate(db);
    else await refuseSchemaBehind(db);
    // a paid course only where it could be paid for (WECHATPAY_*, or the demo's fake)
    if (config.seedDemo) await seedDemoIfEmpty(db, { paidOfferings: config.wechatPay !== null });
    // after the migrations and the seed: nothing is served while a phone is stored in the clear
    await encryptStoredPhones(db, config.phoneKeys);
  } catch (err) {
    if (owned) await db.close();
    throw err;
  }

  app.decorate('config', config);
  // Copy the instant into a Date of this realm: a test's clock lives in jest's sandbox, whose Date
  // fails the drivers' `instanceof Date` checks.
  const clock = options.now;
  app.decorate('now', clock ? () => new Date(clock().getTime()) : () => new Date());
  app.decorate(
    'codeSecret',
    createHmac('sha256', config.jwtSecret).update('youth-hub/codes').digest('hex'),
  );
  app.decorate('jobs', new JobRunner(app));
  app.addHook('onClose', async () => app.jobs.stop());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(dbPlugin, { db, owned });
  await app.register(errorsPlugin);
  await app.register(loadSheddingPlugin, { maxEventLoopDelayMs: config.maxEventLoopDelayMs });
  await app.register(rateLimitPlugin, {
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    limits: config.rushLimits,
    abuseLimits: { ...ABUSE_LIMITS, ...options.abuseLimits },
  });
  await app.register(openapiPlugin, { docs: config.docs });
  await app.register(wechatPlugin, { wechat: config.wechat });
  await app.register(paymentsCore, { wechatPay: config.wechatPay });
  await app.register(authPlugin, {
    secret: config.jwtSecret,
    expiresInSec: config.jwtExpiresInSec,
  });
  await app.register(idempotencyPlugin);
  await app.register(publicCachePlugin, { ttlMs: config.catalogCacheMs });

  await app.register(metricsPlugin, { token: config.metricsToken });
  await app.register(probes);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { devLogin: config.devLogin });
      await api.register(qrLoginRoutes);
      await api.register(meRoutes);
      await api.register(childrenRoutes);
      await api.register(orgRoutes);
      await api.register(messagesPlugin);
      await api.register(adminRoutes);
      await api.register(organizerRoutes);
      await api.register(childcarePlugin, { prefix: '/childcare' });
      await api.register(feeReductionRoutes, { prefix: '/childcare/reductions' });
      await api.register(stationPlugin, { prefix: '/stations' });
      await api.register(volunteerPlugin, { prefix: '/volunteer' });
      await api.register(nightSchoolPlugin, { prefix: '/night-school' });
      await api.register(privacyPlugin);
      await api.register(wxacodePlugin);
      await api.register(dashboardRoutes);
      await api.register(filesPlugin);
      await api.register(consoleRoutes, { prefix: '/console' });
      await api.register(paymentsPlugin, { prefix: '/payments' });
    },
    { prefix: '/api/v1' },
  );

  await app.register(staticPlugin, { root: config.h5Dir });
  return app;
}
