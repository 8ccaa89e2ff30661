// The night school: its routes and its timed work (offer expiry, absences after a session, the
// lottery's freeze at the close and its draw at the announced time).
import type { FastifyPluginAsync } from 'fastify';
import routes from './routes';
import excellentRoutes from './excellent-routes';
import { markMissed } from './attendance';
import { expireOffers, offerReminderJob } from './service';
import { freezeDue } from './draw-inputs';
import { drawDue } from './draw';
import { sessionReminderJob } from './session-reminders';
import { nightSchoolPayable } from './pay';

export const EXPIRE_OFFERS_JOB = 'night-school.expire-offers';
export const MARK_ABSENCES_JOB = 'night-school.mark-absences';
export const OFFER_REMINDER_JOB = 'night-school.offer-reminders';
export const FREEZE_APPLICANTS_JOB = 'night-school.freeze-applicants';
export const SCHEDULED_DRAWS_JOB = 'night-school.scheduled-draws';
export const SESSION_REMINDER_JOB = 'night-school.session-reminders';

const nightSchoolPlugin: FastifyPluginAsync = async (app) => {
  await app.register(routes);
  await app.register(excellentRoutes);
  app.payables.set('ns_application', nightSchoolPayable);
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
  // the lottery: the list is frozen at the close, the draw runs at the announced time
  app.jobs.register({
    name: FREEZE_APPLICANTS_JOB,
    everyMs: 60_000,
    run: (tx, now) => freezeDue(app, tx, now),
  });
  app.jobs.register({
    name: SCHEDULED_DRAWS_JOB,
    everyMs: 60_000,
    run: (tx, now) => drawDue(app, tx, now),
  });
  app.jobs.register({
    name: SESSION_REMINDER_JOB,
    everyMs: 10 * 60_000,
    run: (tx, now) => sessionReminderJob(app, tx, now),
  });
  app.jobs.register({
    name: MARK_ABSENCES_JOB,
    everyMs: 10 * 60_000,
    run: (tx, now) => markMissed(tx, now),
  });
};

export default nightSchoolPlugin;
