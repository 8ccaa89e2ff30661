// Migrations run on their own (npm run migrate) with a checksum each, and a process started with
// MIGRATE_ON_BOOT=0 refuses a schema older than its code instead of serving it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_KIND, TEST_CONFIG, freshDb } from '../helper';
import { serverModule } from '../native';
import type { Db } from '../../../server/src/db/db';

const { migrate, pendingMigrations, readMigrations } =
  serverModule<typeof import('../../../server/src/db/migrate')>('db/migrate.ts');
const { buildApp } = serverModule<typeof import('../../../server/src/app')>('app.ts');

describe(`migrations with checksums (${DB_KIND})`, () => {
  let db: Db;
  let dir: string;
  beforeEach(async () => {
    db = await freshDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yh-migrations-'));
    fs.writeFileSync(path.join(dir, '0001_t.sql'), 'CREATE TABLE ops_probe_a (id int);');
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records a checksum for every applied file', async () => {
    const rows = await db.query<{ name: string; checksum: string | null }>(
      'SELECT name, checksum FROM schema_migrations',
    );
    expect(rows).toHaveLength(readMigrations().length);
    for (const r of rows) expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an already-applied migration whose file was edited, naming it, and applies nothing', async () => {
    await db.exec('DELETE FROM schema_migrations'); // this database now only knows the probe files
    expect(await migrate(db, readMigrations(dir))).toEqual(['0001_t.sql']);
    fs.writeFileSync(
      path.join(dir, '0001_t.sql'),
      'CREATE TABLE ops_probe_a (id int, extra text);',
    );
    fs.writeFileSync(path.join(dir, '0002_t.sql'), 'CREATE TABLE ops_probe_b (id int);');
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/0001_t\.sql/);
    await expect(pendingMigrations(db, readMigrations(dir))).rejects.toThrow(/0001_t\.sql/);
    expect(await db.query("SELECT to_regclass('ops_probe_b') AS t")).toEqual([{ t: null }]);
  });

  it('adopts the current file for rows recorded before checksums existed', async () => {
    await db.exec('UPDATE schema_migrations SET checksum = NULL');
    expect(await migrate(db)).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM schema_migrations WHERE checksum IS NULL',
    );
    expect(n).toBe(0);
  });

  it('with MIGRATE_ON_BOOT off, a schema behind the code stops the start and names npm run migrate', async () => {
    const last = readMigrations().at(-1)!.name;
    await db.query('DELETE FROM schema_migrations WHERE name = $1', [last]);
    expect(await pendingMigrations(db)).toEqual([last]);
    await expect(
      buildApp({ db, config: { ...TEST_CONFIG, migrateOnBoot: false } }),
    ).rejects.toThrow(/npm run migrate/);
  });
});
