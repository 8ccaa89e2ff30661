// Test harness: buildApp + inject on a fresh database per test file (never a mocked one).
// - PGlite (default): one migrated + seeded data dir is dumped once per run to a tmp file, and each
//   makeApp() starts its own PGlite from that dump (~0.4 s instead of ~2 s of migrations).
// - PostgreSQL (DATABASE_URL set): a fresh schema per makeApp(), first on search_path, dropped on close.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { BuildAppOptions } from '../../server/src/app';
import type { Config } from '../../server/src/config';
import type { Db } from '../../server/src/db/db';
import type { Role } from '@/contract/account';
import { serverModule } from './native';

jest.setTimeout(60_000);

const { buildApp } = serverModule<typeof import('../../server/src/app')>('app.ts');
const { migrate, readMigrations } =
  serverModule<typeof import('../../server/src/db/migrate')>('db/migrate.ts');
const { openPg } = serverModule<typeof import('../../server/src/db/pg-db')>('db/pg-db.ts');
const { openPglite } =
  serverModule<typeof import('../../server/src/db/pglite-db')>('db/pglite-db.ts');
const { seedDemoIfEmpty } = serverModule<typeof import('../../server/src/db/seed/run-demo-seed')>(
  'db/seed/run-demo-seed.ts',
);

export const DATABASE_URL = process.env.DATABASE_URL || null;
export const DB_KIND: 'pglite' | 'postgres' = DATABASE_URL ? 'postgres' : 'pglite';
// PGlite runs one query at a time, so the concurrency proofs can only fail for a race on
// PostgreSQL, and the PostgreSQL-only tests are not even defined on PGlite. A run meant for
// PostgreSQL (CI sets API_TESTS_ON=postgres) must not quietly fall back to PGlite and pass.
if (process.env.API_TESTS_ON === 'postgres' && !DATABASE_URL) {
  throw new Error(
    'API_TESTS_ON=postgres but DATABASE_URL is not set: this run would test PGlite, not PostgreSQL',
  );
}

export const TEST_CONFIG: Partial<Config> = {
  nodeEnv: 'test',
  devLogin: true,
  seedDemo: true,
  databaseUrl: null,
  dataDir: 'memory://',
  h5Dir: path.join(os.tmpdir(), 'youth-hub-no-h5'),
  jwtSecret: 'test-jwt-secret',
  idHashSecret: 'test-id-hash-secret',
  // a key of this run, not the published dev key: nothing may depend on that one
  phoneKeys: [{ id: 'test', key: crypto.randomBytes(32) }],
  wechat: {
    appId: null,
    secret: null,
    apiBase: 'http://127.0.0.1:1',
    timeoutMs: 500,
    templates: {},
    wxacodeEnv: 'develop',
  },
  redisUrl: null,
  // user ids and the test address repeat across databases: without a prefix of its own, a test
  // file would count against another run's requests in the shared Redis
  redisKeyPrefix: `youth-hub-rl-test-${crypto.randomBytes(6).toString('hex')}:`,
  // rush tests fire thousands of requests from one address; rate-limit tests set their own limits
  rushLimits: { windowMs: 10_000, perUser: 1_000_000, perIp: 1_000_000 },
  // load shedding reacts to event-loop lag, which a 2,000-request test causes on purpose
  maxEventLoopDelayMs: 0,
  // stories read a list right after a write and expect the new figures; the micro-cache has its
  // own tests (plugins/public-cache.test.ts)
  catalogCacheMs: 0,
};

// stories log in and edit profiles far more often than a person would; abuse-limit tests set their own
const generous = { windowMs: 60_000, perUser: 1_000_000, perIp: 1_000_000 };
export const TEST_ABUSE_LIMITS: BuildAppOptions['abuseLimits'] = {
  profile: generous,
  login: generous,
  proof: generous,
  upload: generous,
  checkinPin: generous,
};

function templatePath(): string {
  const hash = crypto.createHash('sha256');
  for (const m of readMigrations()) hash.update(m.name).update(m.sql);
  // how they are applied too (schema_migrations' own columns come from migrate.ts)
  hash.update(fs.readFileSync(path.join(__dirname, '../../server/src/db/migrate.ts')));
  // every seed file: a changed seed must rebuild the template
  const seedDir = path.join(__dirname, '../../server/src/db/seed');
  for (const f of fs.readdirSync(seedDir).sort())
    hash.update(f).update(fs.readFileSync(path.join(seedDir, f)));
  return path.join(os.tmpdir(), `youth-hub-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** A migrated + seeded PGlite dump, built once per run and shared by all workers through a file. */
export async function pgliteTemplate(): Promise<Blob> {
  const file = templatePath();
  if (!fs.existsSync(file)) {
    const db = await openPglite('memory://');
    try {
      await migrate(db);
      await seedDemoIfEmpty(db);
      const blob = await db.pg.dumpDataDir('none');
      const tmp = `${file}.${process.pid}.${Date.now()}`;
      fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
      fs.renameSync(tmp, file); // atomic: a concurrent worker sees either nothing or the whole dump
    } finally {
      await db.close();
    }
  }
  return new Blob([fs.readFileSync(file)]);
}

/** A database with no tables at all (PGlite in memory, or a schema of its own on the server, dropped
 *  on close): tests of the migrations themselves. */
export async function blankDb(limits: { lockTimeoutMs?: number } = {}): Promise<Db> {
  if (!DATABASE_URL) return openPglite('memory://', limits);
  const url = DATABASE_URL;
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = openPg(url, { searchPath: schema, max: 10, ...limits });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  };
  return db;
}

/** A migrated database with nothing in it, as on a first start (the app seeds it; tests of the seed). */
export async function emptyDb(): Promise<Db> {
  const db = await blankDb();
  await migrate(db);
  return db;
}

/** A fresh, migrated, seeded database; `limits` bound its waits as DbLimits do in production. */
export async function freshDb(limits: { lockTimeoutMs?: number } = {}): Promise<Db> {
  if (!DATABASE_URL)
    return openPglite('memory://', { loadDataDir: await pgliteTemplate(), ...limits });
  const db = await blankDb(limits);
  await migrate(db);
  await seedDemoIfEmpty(db);
  return db;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  close(): Promise<void>;
}

export async function makeApp(
  overrides: {
    config?: Partial<Config>;
    logger?: BuildAppOptions['logger'];
    db?: Db;
    now?: () => Date;
    abuseLimits?: BuildAppOptions['abuseLimits'];
    onRoute?: BuildAppOptions['onRoute'];
  } = {},
): Promise<TestApp> {
  const db = overrides.db ?? (await freshDb());
  // each app its own folder of uploaded files, so a test sees exactly the files it made
  const filesDir =
    overrides.config?.filesDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-test-files-'));
  let app: FastifyInstance;
  try {
    app = await buildApp({
      db,
      config: { ...TEST_CONFIG, filesDir, ...overrides.config },
      logger: overrides.logger ?? false,
      now: overrides.now,
      abuseLimits: { ...TEST_ABUSE_LIMITS, ...overrides.abuseLimits },
      onRoute: overrides.onRoute,
    });
  } catch (err) {
    if (!overrides.db) await db.close();
    throw err;
  }
  return {
    app,
    db,
    async close() {
      await app.close();
      if (!overrides.db) await db.close();
      if (!overrides.config?.filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves by hand: pass `clock.now` to makeApp, then `set` / `advance`. */
export function testClock(startIso: string) {
  let current = new Date(startIso).getTime();
  return {
    now: () => new Date(current),
    set: (iso: string) => {
      current = new Date(iso).getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/** Dev-logs in and returns a bearer token. */
export async function login(app: FastifyInstance, openid: string, role?: Role): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/dev',
    payload: role ? { openid, role } : { openid },
  });
  if (res.statusCode !== 200) throw new Error(`dev login failed: ${res.statusCode} ${res.body}`);
  return res.json().token;
}

/**
 * Logs in an organizer who is staff of exactly these organizations (scoping tests: staff of
 * station A must not reach station B). Returns a bearer token.
 */
export async function loginStaff(t: TestApp, openid: string, orgIds: string[]): Promise<string> {
  const token = await login(t.app, openid, 'organizer');
  const me = (
    await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
  ).json();
  await t.db.query('DELETE FROM org_members WHERE user_id = $1', [me.id]);
  for (const orgId of orgIds)
    await t.db.query('INSERT INTO org_members (user_id, org_id) VALUES ($1, $2)', [me.id, orgId]);
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// Valid GB 11643 numbers (check digits computed), for stories.
export const IDS = {
  adultFemaleX: '11010519491231002X',
  adultMale: '310107199003071239',
  adultMale2: '310104198808085511',
  childFemale: '310104201809010022',
  childMale: '310104201809010030',
  childGirl2015: '31010420150612003X',
  wrongCheckDigit: '310107199003071230',
};
