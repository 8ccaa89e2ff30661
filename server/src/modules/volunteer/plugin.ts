// The volunteer service: its routes under /api/v1/volunteer (registered with that prefix in app.ts).
import type { FastifyPluginAsync } from 'fastify';
import volunteerRoutes from './routes';

const volunteerPlugin: FastifyPluginAsync = async (app) => {
  await app.register(volunteerRoutes);
};

export default volunteerPlugin;
