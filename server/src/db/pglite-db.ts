// Embedded PostgreSQL (PGlite, WASM). One connection per process: transactions MUST go through
// pglite.transaction(), which holds PGlite's mutex; a manual BEGIN on the shared connection lets
// other requests' statements run inside it (measured: oversold seats,
// docs/adr/0001-pglite-and-postgresql-behind-one-db-interface.md).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { type Db, type Queryable, TYPE_OIDS, keepString, toNumber } from './db';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

const parsers = {
  [TYPE_OIDS.INT8]: toNumber,
  [TYPE_OIDS.NUMERIC]: toNumber,
  [TYPE_OIDS.DATE]: keepString,
};

/**
 * PGlite's stand-in for lock_timeout. Its one connection runs a transaction alone: a statement
 * waits for the transactions in progress, so that wait is the one to bound. Checked before the
 * statement is handed to PGlite, never after: a statement PGlite has accepted runs, so an answer of
 * 503 never hides a write. The error looks like PostgreSQL's.
 */
class LockTimeout extends Error {
  readonly code = '55P03';
  constructor() {
    super('canceling statement due to lock timeout');
  }
}

export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  /** Transactions started and not yet ended. */
  private readonly inProgress = new Set<Promise<unknown>>();

  constructor(
    readonly pg: PGlite,
    private readonly lock: DataDirLock | null = null,
    private readonly lockTimeoutMs = 0,
  ) {}

  /** Waits until no transaction is in progress, or throws LockTimeout after lockTimeoutMs. */
  private async waitForTransactions(): Promise<void> {
    if (!this.lockTimeoutMs || this.inProgress.size === 0) return;
    const deadline = Date.now() + this.lockTimeoutMs;
    while (this.inProgress.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new LockTimeout();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inProgress]),
        new Promise((resolve) => (timer = setTimeout(resolve, left))),
      ]);
      clearTimeout(timer);
    }
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.waitForTransactions();
    const res = await this.pg.query<T>(sql, params as unknown[]);
    return res.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    await this.waitForTransactions();
    const done = this.run(fn);
    this.inProgress.add(done);
    try {
      return await done;
    } finally {
      this.inProgress.delete(done);
    }
  }

  private run<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (tx) =>
      fn({
        query: async <R>(sql: string, params: unknown[] = []) =>
          (await tx.query<R>(sql, params as unknown[])).rows,
        exec: async (sql: string) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  async close(): Promise<void> {
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      this.lock?.release();
    }
  }
}

/**
 * Opens PGlite at dataDir ('memory://' for tests). A file-backed directory is locked to this
 * process first: two processes on one data dir silently lose writes.
 */
export async function openPglite(
  dataDir: string,
  {
    lockTimeoutMs,
    ...options
  }: Pick<PGliteOptions, 'loadDataDir'> & { lockTimeoutMs?: number } = {},
): Promise<PgliteDb> {
  const memory = dataDir.startsWith('memory://');
  let lock: DataDirLock | null = null;
  if (!memory) {
    // PGlite fails obscurely when the parent directory is missing.
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const pg = await PGlite.create(memory ? undefined : dataDir, { ...options, parsers });
    return new PgliteDb(pg, lock, lockTimeoutMs);
  } catch (err) {
    lock?.release();
    throw err;
  }
}
