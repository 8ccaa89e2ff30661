// Environment parsing in one place. buildApp() takes a Config so tests can override any field
// without touching process.env.
import path from 'node:path';
import { MESSAGE_KINDS, type MessageKind } from '@/contract/message-kinds';

export interface Config {
  nodeEnv: string;
  port: number;
  host: string;
  /** Embedded PGlite data directory, or 'memory://' for an in-memory database. */
  dataDir: string;
  databaseUrl: string | null;
  devLogin: boolean;
  seedDemo: boolean;
  wechat: {
    appId: string | null;
    secret: string | null;
    apiBase: string;
    timeoutMs: number;
    /** Subscribe-message template id per message kind (WECHAT_TEMPLATE_<KIND>); unset kinds stay in-app only. */
    templates: Partial<Record<MessageKind, string>>;
  };
  jwtSecret: string;
  jwtExpiresInSec: number;
  idHashSecret: string;
  bodyLimit: number;
  /** Trust X-Forwarded-* (only behind our own reverse proxy: otherwise clients could fake their IP). */
  trustProxy: boolean;
  /** Redis for limits shared by all API processes; null: limits per process. */
  redisUrl: string | null;
  /** Start of every rate-limit key in Redis; each test file takes its own, so runs sharing one Redis never share counters. */
  redisKeyPrefix: string;
  /** Rush endpoints (enroll, book, apply, sign up): requests per window, per user and per IP. */
  rushLimits: { windowMs: number; perUser: number; perIp: number };
  /** Shed load with 503 + Retry-After when the event loop lags more than this (ms); 0: off. */
  maxEventLoopDelayMs: number;
  /** How long (ms, ≤ 1000) each process serves one answer of the public catalogue before reading it again; 0: off. */
  catalogCacheMs: number;
  /** Root of the built H5 app; served at / when it exists. */
  h5Dir: string;
}

const DEV_JWT_SECRET = 'youth-hub-dev-jwt-secret-not-for-production';
const DEV_ID_HASH_SECRET = 'youth-hub-dev-id-hash-secret-not-for-production';

function flag(v: string | undefined): boolean {
  return v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.trim().toLowerCase());
}

/** The lists show live seat counts: with a browser's max-age=1 on top, a figure is at most 2 s old. */
const MAX_CATALOG_CACHE_MS = 1000;

function catalogCacheMs(v: string | undefined): number {
  const ms = Number(v ?? 1000);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_CATALOG_CACHE_MS) {
    throw new Error(`CATALOG_CACHE_MS 应为 0–${MAX_CATALOG_CACHE_MS} 的整数 / CATALOG_CACHE_MS must be an integer from 0 to ${MAX_CATALOG_CACHE_MS}`);
  }
  return ms;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  // Dev secrets make local start-up zero-config; in production they would be a silent hole.
  const secret = (name: 'JWT_SECRET' | 'ID_HASH_SECRET', dev: string) => {
    const v = env[name]?.trim();
    if (v) return v;
    if (production) throw new Error(`${name} 必须在生产环境中设置 / ${name} must be set in production`);
    return dev;
  };
  return {
    nodeEnv,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DATA_DIR?.trim() || path.resolve(process.cwd(), '.data'),
    databaseUrl,
    devLogin: flag(env.DEV_LOGIN),
    // Demo data is for the embedded database; a real PostgreSQL gets it only when asked.
    seedDemo: env.SEED_DEMO !== undefined ? flag(env.SEED_DEMO) : !databaseUrl,
    wechat: {
      appId: env.WECHAT_APPID?.trim() || null,
      secret: env.WECHAT_SECRET?.trim() || null,
      apiBase: (env.WECHAT_API_BASE?.trim() || 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
      templates: Object.fromEntries(
        MESSAGE_KINDS.flatMap((kind) => {
          const id = env[`WECHAT_TEMPLATE_${kind.toUpperCase()}`]?.trim();
          return id ? [[kind, id]] : [];
        }),
      ),
    },
    jwtSecret: secret('JWT_SECRET', DEV_JWT_SECRET),
    jwtExpiresInSec: 7 * 24 * 3600,
    idHashSecret: secret('ID_HASH_SECRET', DEV_ID_HASH_SECRET),
    bodyLimit: 64 * 1024,
    trustProxy: flag(env.TRUST_PROXY),
    redisUrl: env.REDIS_URL?.trim() || null,
    redisKeyPrefix: 'youth-hub-rl:',
    // Generous per IP: thousands of parents share a few carrier NAT addresses (CGNAT).
    rushLimits: {
      windowMs: 10_000,
      perUser: Number(env.RUSH_LIMIT_PER_USER ?? 20),
      perIp: Number(env.RUSH_LIMIT_PER_IP ?? 2000),
    },
    maxEventLoopDelayMs: Number(env.MAX_EVENT_LOOP_DELAY_MS ?? 1000),
    catalogCacheMs: catalogCacheMs(env.CATALOG_CACHE_MS),
    h5Dir: path.resolve(process.cwd(), 'dist-h5'),
  };
}
