// Demo data goes into an empty database only: never mixed into real data.
import type { Db } from '../db';
import { seedDemoOrgs } from './demo-orgs';
import { seedDemoChildcare } from './demo-childcare';
import { seedStations } from './station-seed';
import { seedVolunteer } from './volunteer';
import { seedNightSchool } from './night-school';
import { beijingToday } from '@/contract/beijing-time';

// Two processes starting together (npm run start:cluster) must not both find the database empty
// and both seed: the second waits here, then counts what the first committed.
const SEED_LOCK_KEY = 72_2026_0002;

/**
 * Returns true when it seeded. `paidOfferings`: WeChat Pay is configured (the demo's fake
 * included), so the night school's paid course may open; without it, as for staff, it cannot.
 */
export async function seedDemoIfEmpty(
  db: Db,
  opts: { paidOfferings: boolean } = { paidOfferings: false },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
    if (n > 0) return false;
    const today = beijingToday(new Date());
    await seedDemoOrgs(tx);
    await seedDemoChildcare(tx, today);
    await seedStations(tx, today);
    await seedVolunteer(tx);
    await seedNightSchool(tx, today, opts);
    return true;
  });
}
