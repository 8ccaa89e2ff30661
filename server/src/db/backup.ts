// Backup and restore of whichever database the config names. PostgreSQL: pg_dump's custom format
// (consistent snapshot while the API runs; pg_restore --clean replaces the objects it holds).
// PGlite: its data dir as one tar.gz through PGlite's own dump; the directory lock means the API
// must be stopped for both, which for the embedded single-process demo is the honest answer.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config';
import { openPglite } from './pglite-db';

const run = promisify(execFile);

export function backupFileName(config: Pick<Config, 'databaseUrl'>, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return config.databaseUrl ? `youth-hub-${stamp}.pgdump` : `youth-hub-${stamp}.pglite.tar.gz`;
}

export async function backup(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  file: string,
): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, config.databaseUrl]);
    return;
  }
  const db = await openPglite(config.dataDir);
  try {
    const blob = await db.pg.dumpDataDir('gzip');
    const tmp = `${file}.partial`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file); // a half-written backup must never look like a good one
  } finally {
    await db.close();
  }
}

export async function restore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  file: string,
): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`备份文件不存在 / no such backup: ${file}`);
  if (config.databaseUrl) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname',
      config.databaseUrl,
      file,
    ]);
    return;
  }
  // PGlite loads a dump only into an empty directory: move the current one aside, never delete it.
  const dir = path.resolve(config.dataDir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    const aside = `${dir}.before-restore-${Date.now()}`;
    fs.renameSync(dir, aside);
    console.log(`原数据目录已移至 / previous data dir kept at: ${aside}`);
  }
  const db = await openPglite(dir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.close();
}
