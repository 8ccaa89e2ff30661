// npm run seed:volume: two years of a district at realistic size (50,000 residents; stays,
// enrollments, applications, attendance, shifts and hours) for the dashboard benchmarks, into the
// database of DATABASE_URL (or DATA_DIR). It refuses a database holding real residents' accounts
// unless given --force, and a database it already filled.
import { beijingToday } from '@/contract/beijing-time';
import { loadDatabaseConfig } from '../config';
import { openDb } from '../db/open-db';
import { pendingMigrations } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed/run-demo-seed';
import { realLookingUsers, seedVolume, volumeLoaded } from '../db/volume/volume-seed';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const db = await openDb(loadDatabaseConfig());
  try {
    if ((await pendingMigrations(db)).length)
      throw new Error('请先运行 npm run migrate / run npm run migrate first');
    const real = await realLookingUsers(db);
    if (real > 0 && !force)
      throw new Error(
        `数据库中有 ${real} 个真实账号，拒绝写入压测数据（确认无误请加 --force）/ ` +
          `the database holds ${real} real-looking accounts: refusing (pass --force if you mean it)`,
      );
    if (await volumeLoaded(db))
      throw new Error('压测数据已载入过 / the volume data is already loaded');
    // the organizations (stations and their room types, sites, committees, teams) come from the demo
    await seedDemoIfEmpty(db);
    const started = Date.now();
    await seedVolume(db, beijingToday(new Date()), (line) => console.log(`  ${line}`));
    console.log(
      `已载入压测数据 / volume data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
