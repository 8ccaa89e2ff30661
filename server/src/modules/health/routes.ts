import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { HealthSchema, ServerTimeSchema } from '@/contract/account';
import { ApiErrorSchema } from '@/contract/errors';
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
        // 503 is either the health body (the database did not answer) or, under load shedding,
        // the error body of SERVER_BUSY: with the health body alone that 503 became a 500
        response: { 200: HealthSchema, 503: Type.Union([HealthSchema, ApiErrorSchema]) },
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
