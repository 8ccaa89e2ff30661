// npm run backup / npm run restore round-trip the demo data on the database this run targets.
// On PostgreSQL it uses a database of its own: pg_restore --clean must not touch other tests' schemas.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DATABASE_URL, DB_KIND, pgliteTemplate } from '../helper';
import { serverModule } from '../native';
import type { Db } from '../../../server/src/db/db';

const { backup, restore } =
  serverModule<typeof import('../../../server/src/db/backup')>('db/backup.ts');
const { migrate } = serverModule<typeof import('../../../server/src/db/migrate')>('db/migrate.ts');
const { seedDemoIfEmpty } = serverModule<
  typeof import('../../../server/src/db/seed/run-demo-seed')
>('db/seed/run-demo-seed.ts');
const { openDb } = serverModule<typeof import('../../../server/src/db/open-db')>('db/open-db.ts');
const { openPglite } =
  serverModule<typeof import('../../../server/src/db/pglite-db')>('db/pglite-db.ts');

const COUNTED = ['organizations', 'users', 'schema_migrations'];

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) {
    out[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  }
  return out;
}

describe(`backup and restore (${DB_KIND})`, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yh-backup-'));
  const dbName = `yh_backup_${crypto.randomBytes(5).toString('hex')}`;
  const config = {
    databaseUrl: DATABASE_URL ? DATABASE_URL.replace(/\/[^/?]+(\?|$)/, `/${dbName}$1`) : null,
    dataDir: path.join(tmp, 'data'),
  };
  const admin = () => new pg.Client({ connectionString: DATABASE_URL! });

  beforeAll(async () => {
    if (!DATABASE_URL) return;
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!DATABASE_URL) return;
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  });

  it('restores exactly what was backed up after the data changed', async () => {
    // PGlite: start from the suite's migrated + seeded dump (seeding a file-backed dir takes long)
    let db = DATABASE_URL
      ? await openDb(config)
      : await openPglite(config.dataDir, { loadDataDir: await pgliteTemplate() });
    await migrate(db);
    await seedDemoIfEmpty(db);
    const before = await counts(db);
    await db.close();

    const file = path.join(tmp, 'backups', 'one.bak');
    await backup(config, file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    db = await openDb(config);
    await db.exec("INSERT INTO users (openid) VALUES ('after-backup')");
    expect((await counts(db)).users).toBe(before.users + 1);
    await db.close();

    await restore(config, file);
    db = await openDb(config);
    try {
      expect(await counts(db)).toEqual(before);
      expect(await db.query("SELECT 1 FROM users WHERE openid = 'after-backup'")).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses a missing backup file with a clear message', async () => {
    await expect(restore(config, path.join(tmp, 'nope.bak'))).rejects.toThrow(/备份文件不存在/);
  });
});
