// The night school: its routes and its timed work (offer expiry, absences after a session).
import type { FastifyPluginAsync } from 'fastify';
import routes from './routes';
import { markMissed } from './attendance';
import { expireOffers, offerReminderJob } from './service';

export const EXPIRE_OFFERS_JOB = 'night-school.expire-offers';
export const MARK_ABSENCES_JOB = 'night-school.mark-absences';
export const OFFER_REMINDER_JOB = 'night-school.offer-reminders';

const nightSchoolPlugin: FastifyPluginAsync = async (app) => {
  await app.register(routes);
  app.jobs.register({
    name: EXPIRE_OFFERS_JOB,
    everyMs: 60_000,
    run: (tx, now) => expireOffers(app, tx, now),
  });
  app.jobs.register({
    name: OFFER_REMINDER_JOB,
    everyMs: 10 * 60_000,
    run: (tx, now) => offerReminderJob(app, tx, now),
  });
  app.jobs.register({
    name: MARK_ABSENCES_JOB,
    everyMs: 10 * 60_000,
    run: (tx, now) => markMissed(tx, now),
  });
};

export default nightSchoolPlugin;
