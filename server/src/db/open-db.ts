// Chooses the database from config: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import type { Config } from '../config';
import type { Db } from './db';
import { openPg } from './pg-db';
import { openPglite } from './pglite-db';

export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return openPg(config.databaseUrl);
  return openPglite(config.dataDir);
}
