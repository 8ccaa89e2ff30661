import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { DATABASE_URL, DB_KIND, freshDb } from './helper';
import { serverModule } from './native';
import type { Db } from '../../server/src/db/db';

const { migrate, readMigrations } =
  serverModule<typeof import('../../server/src/db/migrate')>('db/migrate.ts');
const { openPglite } =
  serverModule<typeof import('../../server/src/db/pglite-db')>('db/pglite-db.ts');
const { openPg } = serverModule<typeof import('../../server/src/db/pg-db')>('db/pg-db.ts');
const { seedDemoIfEmpty } = serverModule<typeof import('../../server/src/db/seed/run-demo-seed')>(
  'db/seed/run-demo-seed.ts',
);
const lockMod =
  serverModule<typeof import('../../server/src/db/data-dir-lock')>('db/data-dir-lock.ts');
const { isDatabaseUnavailable } =
  serverModule<typeof import('../../server/src/plugins/errors')>('plugins/errors.ts');

describe(`database (${DB_KIND})`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db.close());

  it('migrations are idempotent: running them again applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    // every migration file, whichever services have landed
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows[0]!.name).toBe('0001_foundation.sql');
  });

  it('returns int8 and numeric as numbers and dates as YYYY-MM-DD strings on both drivers', async () => {
    const [row] = await db.query(
      "SELECT 42::int8 AS big, 1.5::numeric AS num, count(*) AS n, DATE '2026-07-06' AS d FROM organizations",
    );
    expect(row).toEqual({ big: 42, num: 1.5, n: expect.any(Number), d: '2026-07-06' });
  });

  it('rolls a transaction back when its function throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO users (openid) VALUES ('rollback-me')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query("SELECT 1 FROM users WHERE openid = 'rollback-me'")).toEqual([]);
  });

  // A connection cut under a transaction (the server restarted, the network dropped) exists on the
  // PostgreSQL server only: PGlite runs inside the process and has no connection to lose.
  if (DB_KIND === 'postgres') {
    it('when the server cuts the connection mid-transaction, that transaction fails as "database unavailable" (503), the process lives on and the pool serves the next query', async () => {
      const cut = db.transaction(async (tx) => {
        const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // from another pooled connection, as a restart would: the backend says FATAL 57P01 and hangs up
        await db.query('SELECT pg_terminate_backend($1)', [pid]);
        await tx.query("INSERT INTO users (openid) VALUES ('cut-mid-transaction')");
      });
      const err = await cut.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect(await db.query("SELECT 1 FROM users WHERE openid = 'cut-mid-transaction'")).toEqual(
        [],
      );
      expect(await db.transaction((tx) => tx.query('SELECT 1 AS ok'))).toEqual([{ ok: 1 }]);
    });
  }

  // Two API processes started together on an empty PostgreSQL database with SEED_DEMO=1 (npm run
  // start:cluster does exactly that) both found it empty and both seeded: one crashed on a
  // duplicate key. Two pools stand for the two processes; PGlite is one process by design.
  if (DB_KIND === 'postgres') {
    it('two processes seeding one empty database at once: one seeds, the other finds it seeded', async () => {
      const schema = `t_seed_${crypto.randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: DATABASE_URL! });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const a = openPg(DATABASE_URL!, { searchPath: schema, max: 2 });
      const b = openPg(DATABASE_URL!, { searchPath: schema, max: 2 });
      try {
        await migrate(a);
        const seeded = await Promise.all([seedDemoIfEmpty(a), seedDemoIfEmpty(b)]);
        expect(seeded.sort()).toEqual([false, true]);
        const [{ n }] = await a.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM organizations`,
        );
        const [{ once }] = await db.query<{ once: number }>(
          `SELECT count(*)::int AS once FROM organizations`,
        );
        expect(n).toBe(once); // the demo organizations exactly once, as in a database seeded alone
      } finally {
        await a.close();
        await b.close();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    });
  }
});

describe('PGlite data directory lock', () => {
  let dir: string;
  beforeAll(() => {
    // The parent does not exist yet: openPglite must create it.
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yh-lock-')), 'nested', 'data');
  });
  afterAll(() => fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true }));

  it('refuses a second opener of the same data dir with a Chinese + English error', async () => {
    const first = await openPglite(dir);
    try {
      expect(fs.readFileSync(path.join(dir, lockMod.LOCK_FILE), 'utf8')).toMatch(
        new RegExp(`^${process.pid} \\d+$`),
      );
      await expect(openPglite(dir)).rejects.toThrow(
        /数据目录.*已被进程 \d+ 占用.*is in use by process \d+/,
      );
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, lockMod.LOCK_FILE))).toBe(false);
  });

  it('takes over a stale lock left by a dead process', () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'yh-stale-'));
    try {
      fs.writeFileSync(path.join(stale, lockMod.LOCK_FILE), '2147483646');
      const lock = lockMod.acquireDataDirLock(stale);
      expect(fs.readFileSync(lock.file, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
      lock.release();
    } finally {
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });

  // After a container restart the pid in the file (often 1) is alive again, as another process.
  it('takes over a lock whose pid is alive but belongs to a process started later (a restart reused the pid)', () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'yh-reused-'));
    try {
      // our own pid with a start time that is not ours: what a restarted container finds
      fs.writeFileSync(path.join(stale, lockMod.LOCK_FILE), `${process.pid} 1`);
      const lock = lockMod.acquireDataDirLock(stale);
      expect(fs.readFileSync(lock.file, 'utf8')).not.toBe(`${process.pid} 1`);
      lock.release();
      // the older format (a bare pid) naming our own pid is an earlier boot's too
      fs.writeFileSync(path.join(stale, lockMod.LOCK_FILE), String(process.pid));
      lockMod.acquireDataDirLock(stale).release();
    } finally {
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });
});
