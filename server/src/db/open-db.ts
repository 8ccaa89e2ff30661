// Chooses the database from config: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import type { Config } from '../config';
import type { Db } from './db';
import { openPg } from './pg-db';
import { openPglite } from './pglite-db';

/** `dbLimits` bound the waits of a serving process; the command-line tools (migrate, seed) wait as long as it takes. */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'dbLimits'>>,
): Promise<Db> {
  if (config.databaseUrl)
    return openPg(config.databaseUrl, { ...config.dbLimits, max: config.dbLimits?.poolMax });
  return openPglite(config.dataDir, { lockTimeoutMs: config.dbLimits?.lockTimeoutMs });
}
