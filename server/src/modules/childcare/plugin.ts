// 爱心暑托班: routes under /childcare and the job that expires waitlist offers.
import type { FastifyPluginAsync } from 'fastify';
import childcareRoutes from './routes';
import { runOfferJob } from './service';

export const OFFER_JOB = 'childcare-offers';

const childcarePlugin: FastifyPluginAsync = async (app) => {
  app.jobs.register({ name: OFFER_JOB, everyMs: 60_000, run: (tx, now) => runOfferJob(app, tx, now) });
  await app.register(childcareRoutes);
};

export default childcarePlugin;
