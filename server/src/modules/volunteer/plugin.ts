// The volunteer service: its routes under /api/v1/volunteer (registered with that prefix in app.ts)
// and the shift reminder on the job runner.
import type { FastifyPluginAsync } from 'fastify';
import volunteerRoutes from './routes';
import teamRoutes from './team-routes';
import { skillRoutes } from './skills';
import { directoryRoutes } from './directory';
import { shiftReminderJob } from './service';

export const SHIFT_REMINDER_JOB = 'volunteer-shift-reminder';

const volunteerPlugin: FastifyPluginAsync = async (app) => {
  await app.register(volunteerRoutes);
  await app.register(teamRoutes);
  await app.register(skillRoutes);
  await app.register(directoryRoutes);
  app.jobs.register({
    name: SHIFT_REMINDER_JOB,
    everyMs: 5 * 60_000,
    run: (tx, now) => shiftReminderJob(app, tx, now),
  });
};

export default volunteerPlugin;
