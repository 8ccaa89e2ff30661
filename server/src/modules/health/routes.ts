import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema, ServerTimeSchema } from '@/contract/account';
import { within } from '../../lib/within';

const DB_TIMEOUT_MS = 2000;

// Load balancers and the client's "service unavailable" banner read this.
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: '健康检查',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      let ok = false;
      try {
        await within(DB_TIMEOUT_MS, app.db.query('SELECT 1 AS ok'));
        ok = true;
      } catch (err) {
        request.log.warn({ err }, 'health: database did not answer');
      }
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      return reply
        .code(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'degraded', db: { kind: app.db.kind, ok, latencyMs } });
    },
  );

  // Registration openings and offer deadlines count down on the server's clock (phones drift).
  app.get(
    '/time',
    { schema: { tags: ['health'], summary: '服务器时间', response: { 200: ServerTimeSchema } } },
    async (_request, reply) =>
      reply.header('cache-control', 'no-store').send({ now: app.now().toISOString() }),
  );
};

export default healthRoutes;
