// The one database interface the app uses. Two implementations (embedded PGlite, pg Pool) so the
// same repos run on a laptop with zero setup and on a real PostgreSQL server.

export interface Queryable {
  /** Runs one statement and returns its rows (int8/numeric as JS numbers, dates as 'YYYY-MM-DD'). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Shared type handling. pg returns int8/numeric as strings (to be safe with >2^53); our ids and
// counts stay far below that, and one representation for both drivers avoids '1' !== 1 bugs.
// `date` stays a string: turning it into a JS Date shifts it by the server's time zone.
export const TYPE_OIDS = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
export const toNumber = (v: string) => (v === null ? null : Number(v));
export const keepString = (v: string) => v;
