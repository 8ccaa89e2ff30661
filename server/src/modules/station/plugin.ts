// The talent-station feature: its routes and its timed jobs.
import type { FastifyPluginAsync } from 'fastify';
import stationRoutes from './routes';
import { checkInReminderJob, extendInventory, noShowJob, releaseHolds } from './service';

export const STATION_JOBS = {
  noShow: 'station-no-show',
  inventory: 'station-inventory',
  reminder: 'station-checkin-reminder',
  holds: 'station-hold-release',
} as const;

const stationPlugin: FastifyPluginAsync = async (app) => {
  await app.register(stationRoutes);
  app.jobs.register({ name: STATION_JOBS.noShow, everyMs: 5 * 60_000, run: noShowJob });
  // a hold lasts minutes: released within a minute of its end
  app.jobs.register({ name: STATION_JOBS.holds, everyMs: 60_000, run: releaseHolds });
  app.jobs.register({ name: STATION_JOBS.inventory, everyMs: 6 * 3600_000, run: extendInventory });
  app.jobs.register({
    name: STATION_JOBS.reminder,
    everyMs: 10 * 60_000,
    run: (tx, now) => checkInReminderJob(app, tx, now),
  });
};

export default stationPlugin;
