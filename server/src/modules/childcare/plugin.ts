// 爱心暑托班: routes under /childcare and the job that expires waitlist offers.
import type { FastifyPluginAsync } from 'fastify';
import childcareRoutes from './routes';
import noticeAndSchoolsRoutes from './notice-and-schools-routes';
import basketRoutes from './basket-routes';
import payRoutes from './pay-routes';
import { childcarePayable, KIND } from './pay';
import { offerReminderJob, runOfferJob } from './service';

export const OFFER_JOB = 'childcare-offers';
export const OFFER_REMINDER_JOB = 'childcare-offer-reminders';

const childcarePlugin: FastifyPluginAsync = async (app) => {
  app.payables.set(KIND, childcarePayable);
  app.jobs.register({
    name: OFFER_JOB,
    everyMs: 60_000,
    run: (tx, now) => runOfferJob(app, tx, now),
  });
  app.jobs.register({
    name: OFFER_REMINDER_JOB,
    everyMs: 10 * 60_000,
    run: (tx, now) => offerReminderJob(app, tx, now),
  });
  await app.register(childcareRoutes);
  await app.register(noticeAndSchoolsRoutes);
  await app.register(basketRoutes);
  await app.register(payRoutes);
};

export default childcarePlugin;
