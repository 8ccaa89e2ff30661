// npm run migrate: brings the database named by DATABASE_URL (or the PGlite DATA_DIR) up to the
// code's schema. Production runs this once per release, before the API processes (MIGRATE_ON_BOOT=0).
import { loadDatabaseConfig } from '../config';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open-db';

async function main(): Promise<void> {
  const db = await openDb(loadDatabaseConfig());
  try {
    const applied = await migrate(db);
    console.log(
      applied.length
        ? `已执行迁移 / applied: ${applied.join(', ')}`
        : '数据库结构已是最新 / schema is current',
    );
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
