// The privacy feature: the retention jobs.
import type { FastifyPluginAsync } from 'fastify';
import { retentionJobs } from './retention';

const privacyPlugin: FastifyPluginAsync = async (app) => {
  for (const job of retentionJobs) app.jobs.register(job);
};

export default privacyPlugin;
