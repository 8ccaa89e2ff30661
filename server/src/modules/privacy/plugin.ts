// The privacy feature: data export, account deletion, and the retention jobs.
import type { FastifyPluginAsync } from 'fastify';
import privacyRoutes from './routes';
import { retentionJobs } from './retention';

const privacyPlugin: FastifyPluginAsync = async (app) => {
  await app.register(privacyRoutes);
  for (const job of retentionJobs) app.jobs.register(job);
};

export default privacyPlugin;
