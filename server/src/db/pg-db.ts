// PostgreSQL server through a small pg Pool (5–10 measured fastest; 40 was 8x slower).
import pg from 'pg';
import type { DbLimits } from '../config';
import { type Db, type Queryable, TYPE_OIDS, keepString, toNumber } from './db';

const typeParsers: Record<number, (v: string) => unknown> = {
  [TYPE_OIDS.INT8]: toNumber,
  [TYPE_OIDS.NUMERIC]: toNumber,
  [TYPE_OIDS.DATE]: keepString,
};

// Per-pool parsers: pg.types.setTypeParser would change every pg user in the process.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

export class PgDb implements Db {
  readonly kind = 'postgres' as const;

  constructor(readonly pool: pg.Pool) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const res = await this.pool.query(sql, params);
    return res.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no pool listener, and when the server goes away (restart, network
    // cut) it emits 'error' besides failing its query: unheard, that event would kill the process.
    // Heard here, the transaction just fails (503) and the dead client leaves the pool on release.
    let lost: Error | undefined;
    const onError = (err: Error) => {
      lost = err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params: unknown[] = []) =>
          (await client.query(sql, params)).rows as R[],
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface PgOptions extends Partial<Omit<DbLimits, 'poolMax'>> {
  max?: number;
  /** Schema to put first on search_path (tests use one schema per file). */
  searchPath?: string;
}

export function openPg(connectionString: string, opts: PgOptions = {}): PgDb {
  // Session settings of every connection: a wait past them fails the statement (SQLSTATE 55P03,
  // 57014), which the error handler answers 503 SERVER_BUSY with Retry-After.
  const settings = [
    opts.searchPath && `-c search_path=${opts.searchPath}`,
    opts.lockTimeoutMs && `-c lock_timeout=${opts.lockTimeoutMs}`,
    opts.statementTimeoutMs && `-c statement_timeout=${opts.statementTimeoutMs}`,
  ].filter(Boolean);
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    // 0 in pg means wait forever, as unset does
    connectionTimeoutMillis: opts.poolWaitMs ?? 0,
    types,
    options: settings.length ? settings.join(' ') : undefined,
  });
  // An idle client's network error must not crash the process; the next query will fail loudly.
  pool.on('error', () => undefined);
  return new PgDb(pool);
}
