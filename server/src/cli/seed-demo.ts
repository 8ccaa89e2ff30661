// npm run seed:demo: loads the demo organizations, classes, beds and tasks into an empty, migrated
// database (never into one holding real data).
import { loadDatabaseConfig } from '../config';
import { openDb } from '../db/open-db';
import { pendingMigrations } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed/run-demo-seed';

async function main(): Promise<void> {
  const db = await openDb(loadDatabaseConfig());
  try {
    if ((await pendingMigrations(db)).length)
      throw new Error('请先运行 npm run migrate / run npm run migrate first');
    const seeded = await seedDemoIfEmpty(db);
    console.log(
      seeded
        ? '已载入演示数据 / demo data loaded'
        : '数据库非空，未载入演示数据 / database not empty: nothing loaded',
    );
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
