// Environment parsing in one place, through one schema: a bad value stops the start with the
// variable's name instead of becoming NaN, and anything that is not explicitly development or test
// runs with real secrets or not at all. buildApp() takes a Config so tests can override any field
// without touching process.env.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import envSchema from 'env-schema';
import { MESSAGE_KINDS, type MessageKind } from '@/contract/message-kinds';
import { templateProblems, type SubscribeTemplate } from './modules/messages/template-fields';
import { parseWechatPay, type WechatPayConfig } from './modules/payments/config';
import type { RefundRule } from '@/contract/refund-rule';

export interface Config {
  /** 'production' also when NODE_ENV is unset: only an explicit development or test gets dev defaults. */
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Embedded PGlite data directory, or 'memory://' for an in-memory database. */
  dataDir: string;
  databaseUrl: string | null;
  devLogin: boolean;
  seedDemo: boolean;
  /** Apply pending migrations at start (dev default); off, a schema behind the code refuses to start. */
  migrateOnBoot: boolean;
  /** Run the timed jobs in this process (JOBS=off for API-only processes). */
  jobs: boolean;
  /** Bearer token for GET /metrics; null: /metrics answers only to loopback addresses. */
  metricsToken: string | null;
  /** Serve the OpenAPI document and Swagger UI at /docs. */
  docs: boolean;
  /** Origin (and optional path) people reach the service at: links printed on certificates point here, never at the request's Host. */
  publicBaseUrl: string;
  wechat: {
    appId: string | null;
    secret: string | null;
    apiBase: string;
    timeoutMs: number;
    /** Subscribe-message template per message kind, with its field keys (WECHAT_SUBSCRIBE_TEMPLATES); unset kinds stay in-app only. */
    templates: Partial<Record<MessageKind, SubscribeTemplate>>;
    /** Which version of the mini-program a 小程序码 opens (WECHAT_WXACODE_ENV); 'release' in production. */
    wxacodeEnv: WxacodeEnv;
  };
  /** WeChat Pay (WECHATPAY_*); null: not configured, paid offerings cannot open. */
  wechatPay: WechatPayConfig | null;
  /**
   * Pay against the local fake WeChat Pay (server/dev/fake-wechatpay) instead: on by default in
   * development without WECHATPAY_*, never outside development/test (WECHATPAY_FAKE).
   */
  wechatPayFake: boolean;
  /** The starting process may move this server's clock forward and run jobs now (DEV_CLOCK; development/test only). */
  devClock: boolean;
  payments: {
    /** How long a seat waits for its payment (PAYMENT_HOLD_MINUTES, default 30). */
    holdMinutes: number;
    /** Share refunded when a paid seat is cancelled after the start (PAYMENT_REFUND_AFTER_START). */
    refundRule: RefundRule;
  };
  jwtSecret: string;
  jwtExpiresInSec: number;
  idHashSecret: string;
  /**
   * AES-256-GCM keys for phones at rest, by key id; the first encrypts, all decrypt (rotation:
   * put the new key first, restart, drop the old one once the boot pass has re-encrypted).
   */
  phoneKeys: PhoneKey[];
  /** Uploaded files (proof images) live here, under random names; never in the database. */
  filesDir: string;
  bodyLimit: number;
  /**
   * Which hops may set X-Forwarded-For: false (none), a hop count, or proxy addresses/CIDRs. Never
   * "all": any client could then choose its own IP and dodge the per-IP limits.
   */
  trustProxy: false | number | string[];
  /** Redis for limits shared by all API processes; null: limits per process. */
  redisUrl: string | null;
  /** Start of every rate-limit key in Redis; each test file takes its own, so runs sharing one Redis never share counters. */
  redisKeyPrefix: string;
  /** Rush endpoints (enroll, book, apply, sign up): requests per window, per user and per IP. */
  rushLimits: { windowMs: number; perUser: number; perIp: number };
  /** Shed load with 503 + Retry-After when the event loop lags more than this (ms); 0: off. */
  maxEventLoopDelayMs: number;
  /** Rush taps for one class, course or room type sent to the database in one call at most (group commit; 1: none). */
  enrollBatchMax: number;
  /** How long the database may make a request wait before it answers 503 SERVER_BUSY (DbLimits). */
  dbLimits: DbLimits;
  /** How long (ms, ≤ 1000) each process serves one answer of the public catalogue before reading it again; 0: off. */
  catalogCacheMs: number;
  /** Root of the built H5 app; served at / when it exists. */
  h5Dir: string;
  logLevel: string;
  /** API processes `npm run start:cluster` forks. */
  workers: number;
}

/**
 * Under overload a request should hear 503 + Retry-After quickly rather than queue until the phone
 * gives up: each wait on the database is bounded. 0 turns a bound off.
 */
export interface DbLimits {
  /** Connections per API process (PostgreSQL). */
  poolMax: number;
  /** Longest wait for a free connection of the pool (PostgreSQL). */
  poolWaitMs: number;
  /** Longest wait for a row or table lock (PostgreSQL); on PGlite, for a transaction in progress. */
  lockTimeoutMs: number;
  /** Longest run of one statement (PostgreSQL). */
  statementTimeoutMs: number;
}

export interface PhoneKey {
  id: string;
  key: Buffer;
}

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const WXACODE_ENVS = ['release', 'trial', 'develop'] as const;
export type WxacodeEnv = (typeof WXACODE_ENVS)[number];
export type NodeEnv = (typeof NODE_ENVS)[number];

/** The only environments where the published dev secrets and the dev login may exist. */
export const isDevEnv = (nodeEnv: string): boolean =>
  nodeEnv === 'development' || nodeEnv === 'test';

/** Published in this repository: anyone can sign tokens with them, so they are refused outside dev/test. */
export const DEV_JWT_SECRET = 'youth-hub-dev-jwt-secret-not-for-production';
const DEV_ID_HASH_SECRET = 'youth-hub-dev-id-hash-secret-not-for-production';
/** PHONE_KEYS for development and tests only: `dev:` + 32 published bytes (base64). */
export const DEV_PHONE_KEYS = `dev:${Buffer.from('youth-hub-dev-phone-key-32-bytes').toString('base64')}`;
const PHONE_KEY_BYTES = 32;
const MIN_SECRET_LENGTH = 32;

/** The lists show live seat counts: with a browser's max-age=1 on top, a figure is at most 2 s old. */
const MAX_CATALOG_CACHE_MS = 1000;
/** Real chains have one to three proxies; a count much larger comes close to trusting everyone. */
const MAX_PROXY_HOPS = 10;

const FLAG_VALUES = ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'];
const FLAGS = [
  'DEV_LOGIN',
  'SEED_DEMO',
  'DOCS',
  'MIGRATE_ON_BOOT',
  'JOBS',
  'WECHATPAY_FAKE',
  'DEV_CLOCK',
];
const flag = { type: 'string', enum: FLAG_VALUES };
const text = { type: 'string' };
const int = (min: number, max?: number) => ({
  type: 'integer',
  minimum: min,
  ...(max === undefined ? {} : { maximum: max }),
});
const url = (schemes: string, description: string) => ({
  type: 'string',
  pattern: `^(${schemes})://[^/?#\\s]+(/\\S*)?$`,
  description,
});

/** Every variable the server reads. Defaults that depend on other variables are applied in loadConfig. */
const SCHEMA = {
  type: 'object',
  properties: {
    NODE_ENV: { type: 'string', enum: NODE_ENVS },
    PORT: int(0, 65535),
    HOST: text,
    DATA_DIR: text,
    DATABASE_URL: url('postgres|postgresql', 'postgres://user:password@host:5432/db'),
    SEED_DEMO: flag,
    DEV_LOGIN: flag,
    DEV_CLOCK: flag,
    WECHATPAY_FAKE: flag,
    DOCS: flag,
    MIGRATE_ON_BOOT: flag,
    JOBS: flag,
    METRICS_TOKEN: text,
    PUBLIC_BASE_URL: url('https?', 'https://host[:port][/path]'),
    JWT_SECRET: text,
    ID_HASH_SECRET: text,
    PHONE_KEYS: text,
    FILES_DIR: text,
    WECHAT_APPID: text,
    WECHAT_SECRET: text,
    WECHAT_API_BASE: url('https?', 'https://host[:port]'),
    WECHAT_TIMEOUT_MS: int(1),
    WECHAT_SUBSCRIBE_TEMPLATES: text,
    WECHAT_WXACODE_ENV: { type: 'string', enum: WXACODE_ENVS },
    WECHATPAY_MCHID: { type: 'string', pattern: '^[0-9]{1,32}$', description: '1900000109' },
    WECHATPAY_SERIAL: {
      type: 'string',
      pattern: '^[0-9A-Fa-f]{8,64}$',
      description: '5157F09EFDC096DE15EBE81A47057A72…',
    },
    WECHATPAY_PRIVATE_KEY_PATH: text,
    WECHATPAY_APIV3_KEY: text,
    WECHATPAY_PLATFORM_PUBLIC_KEY_PATH: text,
    WECHATPAY_PLATFORM_PUBLIC_KEY_ID: {
      type: 'string',
      pattern: '^\\S{1,64}$',
      description: 'PUB_KEY_ID_0114…',
    },
    WECHATPAY_API_BASE: url('https?', 'https://host[:port]'),
    PAYMENT_HOLD_MINUTES: int(5, 24 * 60),
    PAYMENT_REFUND_AFTER_START: {
      type: 'string',
      pattern: '^(100|[1-9]?[0-9]),(100|[1-9]?[0-9])$',
      description: '50,0',
    },
    TRUST_PROXY: text,
    REDIS_URL: url('redis|rediss', 'redis://[:password@]host:6379[/db]'),
    RUSH_LIMIT_PER_USER: int(1),
    RUSH_LIMIT_PER_IP: int(1),
    MAX_EVENT_LOOP_DELAY_MS: int(0),
    DB_POOL_MAX: int(1, 200),
    ENROLL_BATCH_MAX: int(1, 60),
    DB_POOL_WAIT_MS: int(0),
    DB_LOCK_TIMEOUT_MS: int(0),
    DB_STATEMENT_TIMEOUT_MS: int(0),
    CATALOG_CACHE_MS: int(0, MAX_CATALOG_CACHE_MS),
    LOG_LEVEL: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    },
    WORKERS: int(1, 64),
  },
} as const;

/** Validated variables; integers arrive coerced to numbers, so read them through Number(). */
type Env = Partial<Record<string, string>>;

/** Thrown for a bad environment; the message names every variable at fault, one a line. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(
      `配置有误，未启动 / invalid configuration, not started:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
}

/** One variable's problem, collected into a ConfigError. */
class Fault extends Error {
  constructor(name: string, zh: string, en: string) {
    super(`${name}：${zh} / ${name}: ${en}`);
  }
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function describeSchemaError(e: SchemaError): Fault {
  const name = e.instancePath.replace(/^\//, '');
  const property = SCHEMA.properties[name as keyof typeof SCHEMA.properties] as {
    description?: string;
  };
  switch (e.keyword) {
    case 'enum':
      return new Fault(
        name,
        `只能是 ${(e.params.allowedValues as string[]).join(' / ')}`,
        `must be one of ${(e.params.allowedValues as string[]).join(', ')}`,
      );
    case 'type':
      return new Fault(name, '应为整数', 'must be an integer');
    case 'minimum':
    case 'maximum':
      return new Fault(
        name,
        `应为 ${e.keyword === 'minimum' ? '≥' : '≤'} ${e.params.limit} 的整数`,
        `must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${e.params.limit}`,
      );
    case 'pattern':
      return new Fault(
        name,
        `格式应为 ${property.description}`,
        `must look like ${property.description}`,
      );
    default:
      return new Fault(name, e.message ?? '无效', e.message ?? 'invalid');
  }
}

/** Blank means unset; flags compare case-insensitively; variables the server does not read are left out. */
function readEnv(env: NodeJS.ProcessEnv): Env {
  const known = new Set(Object.keys(SCHEMA.properties));
  const data: Env = {};
  for (const [name, raw] of Object.entries(env)) {
    const v = raw?.trim();
    if (!known.has(name) || !v) continue;
    data[name] = FLAGS.includes(name) ? v.toLowerCase() : v;
  }
  try {
    return envSchema<Env>({ schema: SCHEMA, data, env: false });
  } catch (err) {
    const errors = (err as { errors?: SchemaError[] }).errors;
    if (!errors) throw err;
    throw new ConfigError(errors.map((e) => describeSchemaError(e).message));
  }
}

const isOn = (v: string | undefined) => v !== undefined && ['1', 'true', 'yes', 'on'].includes(v);

/** TRUST_PROXY: unset or 0 → off; a hop count; or proxy addresses, CIDRs and loopback/linklocal/uniquelocal. */
export function parseTrustProxy(v: string | undefined): Config['trustProxy'] {
  if (v === undefined || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > MAX_PROXY_HOPS)
      throw new Fault(
        'TRUST_PROXY',
        `代理跳数最多 ${MAX_PROXY_HOPS}`,
        `at most ${MAX_PROXY_HOPS} proxy hops`,
      );
    return hops;
  }
  if (['true', '*', 'all', 'yes', 'on'].includes(v.toLowerCase())) {
    throw new Fault(
      'TRUST_PROXY',
      '不能信任所有代理（任何客户端都能伪造自己的 IP）；请填写代理跳数（如 1）或代理地址/CIDR 列表（如 10.0.0.0/8,127.0.0.1）',
      'trusting every proxy lets any client pick its own IP; give a hop count (e.g. 1) or a list of proxy addresses/CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
    );
  }
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length > 0) {
    throw new Fault(
      'TRUST_PROXY',
      `无法识别 ${bad.join(', ')}（需要 IP、CIDR 且前缀不为 /0）`,
      `not an address or CIDR (prefix other than /0): ${bad.join(', ')}`,
    );
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // /0 is every address: "trust all" in disguise
  return /^\d+$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

function secret(
  env: Env,
  name: 'JWT_SECRET' | 'ID_HASH_SECRET',
  dev: string,
  nodeEnv: NodeEnv,
  nodeEnvSet: boolean,
): string {
  const v = env[name];
  if (isDevEnv(nodeEnv)) return v ?? dev;
  const [whyZh, whyEn] = nodeEnvSet
    ? ['NODE_ENV=production', 'NODE_ENV=production']
    : ['NODE_ENV 未设置，按生产环境处理', 'NODE_ENV unset counts as production'];
  if (!v)
    throw new Fault(
      name,
      `未设置（${whyZh}）；请设置至少 ${MIN_SECRET_LENGTH} 个字符的随机值`,
      `missing (${whyEn}); set a random value of at least ${MIN_SECRET_LENGTH} characters`,
    );
  if (v === dev)
    throw new Fault(
      name,
      '是仓库里公开的开发值，不能用于生产',
      'is the published development value',
    );
  if (v.length < MIN_SECRET_LENGTH)
    throw new Fault(
      name,
      `太短（${v.length} 个字符，至少 ${MIN_SECRET_LENGTH}）`,
      `too short (${v.length} characters, at least ${MIN_SECRET_LENGTH})`,
    );
  return v;
}

/**
 * PHONE_KEYS: `id:base64key[,id:base64key…]`, each key exactly 32 bytes (AES-256), ids of 1–16
 * letters or digits, the first one encrypting. Outside development/test the published dev key is
 * refused, and so is an unset variable: the copy promises 加密保存.
 */
export function parsePhoneKeys(v: string | undefined, nodeEnv: NodeEnv): PhoneKey[] {
  const dev = isDevEnv(nodeEnv);
  if (!v) {
    if (dev) return parsePhoneKeys(DEV_PHONE_KEYS, nodeEnv);
    throw new Fault(
      'PHONE_KEYS',
      '未设置；请设置 id:base64(32字节随机密钥)，如 k1:$(openssl rand -base64 32)',
      'missing; set id:base64(32 random bytes), e.g. k1:$(openssl rand -base64 32)',
    );
  }
  const keys: PhoneKey[] = [];
  for (const entry of v.split(',').map((s) => s.trim())) {
    const m = /^([A-Za-z0-9]{1,16}):([A-Za-z0-9+/]+={0,2})$/.exec(entry);
    const key = m ? Buffer.from(m[2], 'base64') : null;
    if (!m || !key || key.length !== PHONE_KEY_BYTES)
      throw new Fault(
        'PHONE_KEYS',
        `每项应为 id:base64，密钥恰好 ${PHONE_KEY_BYTES} 字节`,
        `each entry must be id:base64 of exactly ${PHONE_KEY_BYTES} bytes`,
      );
    if (keys.some((k) => k.id === m[1]))
      throw new Fault('PHONE_KEYS', `密钥编号 ${m[1]} 重复`, `key id ${m[1]} appears twice`);
    if (!dev && entry === DEV_PHONE_KEYS)
      throw new Fault(
        'PHONE_KEYS',
        '含仓库里公开的开发密钥，不能用于生产',
        'holds the published development key',
      );
    keys.push({ id: m[1], key });
  }
  return keys;
}

/** FILES_DIR, else `files/` inside DATA_DIR; an in-memory database keeps its files in the temp folder. */
function filesDir(env: Env, dataDir: string): string {
  if (env.FILES_DIR) return path.resolve(env.FILES_DIR);
  if (dataDir.startsWith('memory://')) return path.join(os.tmpdir(), 'youth-hub-files');
  return path.join(path.resolve(dataDir), 'files');
}

function publicBaseUrl(env: Env, dev: boolean, host: string, port: number): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  if (dev) return `http://${host}:${port}`;
  throw new Fault(
    'PUBLIC_BASE_URL',
    '生产环境必须设置（证书上的核验链接指向它），如 https://youth.example.cn',
    'required outside development/test (certificate links point there), e.g. https://youth.example.cn',
  );
}

/** The retired one-id-per-kind variables: set, they would silently stop WeChat messages. */
const RETIRED_TEMPLATE_VAR = /^WECHAT_TEMPLATE_[A-Z_]+$/;

/**
 * WECHAT_SUBSCRIBE_TEMPLATES: JSON, message kind → {"id": template id, "fields": {field key:
 * source}}, e.g. {"booking":{"id":"Tpl…","fields":{"thing1":"title","phrase2":"kind","time3":"time"}}}.
 * Every mapping is checked against WeChat's field rules here, so a template WeChat would refuse
 * stops the start rather than failing each message (and spending each person's grant).
 */
export function parseSubscribeTemplates(
  v: string | undefined,
  rawEnv: NodeJS.ProcessEnv,
): Partial<Record<MessageKind, SubscribeTemplate>> {
  const retired = Object.keys(rawEnv).filter(
    (k) => RETIRED_TEMPLATE_VAR.test(k) && rawEnv[k]?.trim(),
  );
  if (retired.length > 0)
    throw new Fault(
      retired.join(', '),
      '已停用：请改为在 WECHAT_SUBSCRIBE_TEMPLATES 中为每种消息配置模板 id 和字段',
      "retired: configure each kind's template id and fields in WECHAT_SUBSCRIBE_TEMPLATES",
    );
  if (v === undefined) return {};
  const bad = (zh: string, en: string) => new Fault('WECHAT_SUBSCRIBE_TEMPLATES', zh, en);
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw bad('不是合法的 JSON', 'is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw bad('应为对象：消息类型 → 模板', 'must be an object: message kind → template');
  const problems: string[] = [];
  const templates: Partial<Record<MessageKind, SubscribeTemplate>> = {};
  for (const [kind, t] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${kind}: 不是消息类型（${MESSAGE_KINDS.join('/')}）`);
      continue;
    }
    const { id, fields } = (t ?? {}) as { id?: unknown; fields?: unknown };
    if (typeof id !== 'string' || !id.trim() || typeof fields !== 'object' || fields === null) {
      problems.push(`${kind}: 应为 {"id": 模板 id, "fields": {字段: 内容}}`);
      continue;
    }
    const template = { id: id.trim(), fields: fields as SubscribeTemplate['fields'] };
    const found = templateProblems(kind as MessageKind, template);
    if (found.length > 0) problems.push(...found);
    else templates[kind as MessageKind] = template;
  }
  if (problems.length > 0) throw bad(problems.join('；'), problems.join('; '));
  return templates;
}

/**
 * Only where the data lives, for the commands that touch nothing else (migrate, seed, backup,
 * restore): they need no secrets, so they run the same in every environment.
 */
export function loadDatabaseConfig(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Pick<Config, 'databaseUrl' | 'dataDir'> {
  return databaseSettings(readEnv(rawEnv));
}

function databaseSettings(env: Env): Pick<Config, 'databaseUrl' | 'dataDir'> {
  return {
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: env.DATA_DIR ?? path.resolve(process.cwd(), '.data'),
  };
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  const env = readEnv(rawEnv);
  const nodeEnv: NodeEnv = (env.NODE_ENV as NodeEnv | undefined) ?? 'production';
  const dev = isDevEnv(nodeEnv);
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const databaseUrl = env.DATABASE_URL ?? null;

  // Every missing secret and bad setting at once, so one failed start names all of them.
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof Fault)) throw err;
      problems.push(err.message);
      return undefined as T;
    }
  };
  const nodeEnvSet = env.NODE_ENV !== undefined;
  const jwtSecret = attempt(() => secret(env, 'JWT_SECRET', DEV_JWT_SECRET, nodeEnv, nodeEnvSet));
  const idHashSecret = attempt(() =>
    secret(env, 'ID_HASH_SECRET', DEV_ID_HASH_SECRET, nodeEnv, nodeEnvSet),
  );
  const phoneKeys = attempt(() => parsePhoneKeys(env.PHONE_KEYS, nodeEnv));
  const baseUrl = attempt(() => publicBaseUrl(env, dev, host, port));
  const trustProxy = attempt(() => parseTrustProxy(env.TRUST_PROXY));
  const templates = attempt(() => parseSubscribeTemplates(env.WECHAT_SUBSCRIBE_TEMPLATES, rawEnv));
  const wechatPay = parseWechatPay(env, {
    appId: env.WECHAT_APPID ?? null,
    publicBaseUrl: baseUrl ?? '',
    timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
  });
  for (const [name, zh, en] of wechatPay.problems) problems.push(new Fault(name, zh, en).message);
  const [beforeMidpoint, afterMidpoint] = (env.PAYMENT_REFUND_AFTER_START ?? '50,0')
    .split(',')
    .map(Number);
  const devLogin = attempt(() => {
    if (isOn(env.DEV_LOGIN) && !dev)
      throw new Fault(
        'DEV_LOGIN',
        '只能在 NODE_ENV=development 或 test 时开启',
        'needs NODE_ENV=development or test',
      );
    return isOn(env.DEV_LOGIN);
  });
  const devOnly = (name: 'DEV_CLOCK' | 'WECHATPAY_FAKE') =>
    attempt(() => {
      if (isOn(env[name]) && !dev)
        throw new Fault(
          name,
          '只能在 NODE_ENV=development 或 test 时开启',
          'needs NODE_ENV=development or test',
        );
      return isOn(env[name]);
    });
  const devClock = devOnly('DEV_CLOCK');
  // the demo pays out of the box: the fake stands in when no real merchant is configured
  const wechatPayFake =
    env.WECHATPAY_FAKE === undefined
      ? nodeEnv === 'development' && wechatPay.config === null && wechatPay.problems.length === 0
      : devOnly('WECHATPAY_FAKE');
  if (wechatPayFake && wechatPay.config)
    problems.push(
      new Fault(
        'WECHATPAY_FAKE',
        '与真实的 WECHATPAY_* 配置不能同时开启',
        'cannot be on together with a real WECHATPAY_* configuration',
      ).message,
    );
  if (problems.length > 0) throw new ConfigError(problems);

  const database = databaseSettings(env);
  return {
    nodeEnv,
    port,
    host,
    ...database,
    filesDir: filesDir(env, database.dataDir),
    devLogin,
    // Demo data is for the embedded database; a real PostgreSQL gets it only when asked.
    seedDemo: env.SEED_DEMO !== undefined ? isOn(env.SEED_DEMO) : !databaseUrl,
    // The API's full map is for developers; production shows it only when asked.
    docs: env.DOCS !== undefined ? isOn(env.DOCS) : dev,
    publicBaseUrl: baseUrl,
    migrateOnBoot: env.MIGRATE_ON_BOOT !== undefined ? isOn(env.MIGRATE_ON_BOOT) : dev,
    jobs: env.JOBS === undefined || isOn(env.JOBS),
    metricsToken: env.METRICS_TOKEN ?? null,
    wechat: {
      appId: env.WECHAT_APPID ?? null,
      secret: env.WECHAT_SECRET ?? null,
      apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
      templates,
      // a 小程序码 for an unpublished version scans as "page not found" on every resident's phone
      wxacodeEnv:
        (env.WECHAT_WXACODE_ENV as WxacodeEnv | undefined) ?? (dev ? 'develop' : 'release'),
    },
    wechatPay: wechatPay.config,
    wechatPayFake: Boolean(wechatPayFake),
    devClock: Boolean(devClock),
    payments: {
      holdMinutes: Number(env.PAYMENT_HOLD_MINUTES ?? 30),
      refundRule: {
        beforeMidpointPercent: beforeMidpoint,
        afterMidpointPercent: afterMidpoint,
      },
    },
    jwtSecret,
    jwtExpiresInSec: 7 * 24 * 3600,
    idHashSecret,
    phoneKeys,
    bodyLimit: 64 * 1024,
    trustProxy,
    redisUrl: env.REDIS_URL ?? null,
    redisKeyPrefix: 'youth-hub-rl:',
    // Generous per IP: thousands of parents share a few carrier NAT addresses (CGNAT).
    rushLimits: {
      windowMs: 10_000,
      perUser: Number(env.RUSH_LIMIT_PER_USER ?? 20),
      perIp: Number(env.RUSH_LIMIT_PER_IP ?? 2000),
    },
    maxEventLoopDelayMs: Number(env.MAX_EVENT_LOOP_DELAY_MS ?? 1000),
    // each tap of a batch is a subtransaction; PostgreSQL tracks up to 64 per transaction cheaply
    enrollBatchMax: Number(env.ENROLL_BATCH_MAX ?? 32),
    // 10 connections measured fastest (server/src/db/pg-db.ts); a rush tap holds one for a few ms,
    // so 2 s of waiting means the database is far behind, and a retry later is kinder
    dbLimits: {
      poolMax: Number(env.DB_POOL_MAX ?? 10),
      poolWaitMs: Number(env.DB_POOL_WAIT_MS ?? 2000),
      lockTimeoutMs: Number(env.DB_LOCK_TIMEOUT_MS ?? 2000),
      // longer than any report or export takes on a year of data; a statement past it is stuck
      statementTimeoutMs: Number(env.DB_STATEMENT_TIMEOUT_MS ?? 30_000),
    },
    catalogCacheMs: Number(env.CATALOG_CACHE_MS ?? MAX_CATALOG_CACHE_MS),
    h5Dir: path.resolve(process.cwd(), 'dist-h5'),
    logLevel: env.LOG_LEVEL ?? 'info',
    workers: Number(env.WORKERS ?? Math.min(os.availableParallelism(), 4)),
  };
}
