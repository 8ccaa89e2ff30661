// The messages feature: its routes and the outbox sender on the job runner.
import type { FastifyPluginAsync } from 'fastify';
import messageRoutes from './routes';
import { outboxJob } from './outbox';

const messagesPlugin: FastifyPluginAsync = async (app) => {
  await app.register(messageRoutes);
  app.jobs.register(outboxJob(app));
};

export default messagesPlugin;
