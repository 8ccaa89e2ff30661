// Applies server/src/db/migrations/*.sql in name order, once each, recorded in schema_migrations
// with a SHA-256 of the file: an applied migration that was edited afterwards is refused, because
// the databases that already ran the old text would silently differ from new ones.
// All in one transaction under an advisory lock, so two processes starting together on one
// PostgreSQL do not both apply a file (PGlite accepts the same call).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, Queryable } from './db';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const MIGRATION_LOCK_KEY = 72_2026_0001;

export interface Migration {
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

export function checksum(sql: string): string {
  // Line endings differ between checkouts (core.autocrlf); the SQL does not.
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

async function appliedChecksums(tx: Queryable): Promise<Map<string, string | null> | null> {
  const [table] = await tx.query<{ ok: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS ok",
  );
  if (!table?.ok) return null;
  const [column] = await tx.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
       WHERE table_name = 'schema_migrations' AND column_name = 'checksum'
         AND table_schema = current_schema()) AS ok`,
  );
  const rows = await tx.query<{ name: string; checksum: string | null }>(
    column?.ok
      ? 'SELECT name, checksum FROM schema_migrations'
      : 'SELECT name, NULL::text AS checksum FROM schema_migrations',
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

function refuseEdited(migrations: Migration[], applied: Map<string, string | null>): void {
  for (const m of migrations) {
    const recorded = applied.get(m.name);
    if (recorded && recorded !== checksum(m.sql)) {
      throw new MigrationError(
        `迁移 ${m.name} 已执行过，但文件内容已被修改；请把改动写成新的迁移文件。` +
          ` / Migration ${m.name} was already applied and has been edited since: add a new migration instead.`,
      );
    }
  }
}

/** Names not yet applied; throws MigrationError when an applied file was edited. Writes nothing. */
export async function pendingMigrations(
  db: Queryable,
  migrations = readMigrations(),
): Promise<string[]> {
  const applied = await appliedChecksums(db);
  if (!applied) return migrations.map((m) => m.name);
  refuseEdited(migrations, applied);
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}

/** Returns the names applied by this call (empty when the schema was already current). */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`);
    const applied = (await appliedChecksums(tx)) ?? new Map<string, string | null>();
    refuseEdited(migrations, applied);
    const done: string[] = [];
    for (const m of migrations) {
      const sum = checksum(m.sql);
      if (applied.has(m.name)) {
        // Databases migrated before checksums were recorded: adopt the file as it is today.
        if (applied.get(m.name) === null) {
          await tx.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1', [
            m.name,
            sum,
          ]);
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
        m.name,
        sum,
      ]);
      done.push(m.name);
    }
    return done;
  });
}
