// Orchestrator probes at the root, outside /api/v1 (which keeps its /health for the client banner):
// /livez says the process is up, so only a hung process gets restarted (never for a slow database);
// /readyz says whether to send it traffic: database answers and schema current. A process shutting
// down needs no check here: once close() begins, Fastify answers every request 503 with
// Connection: close (return503OnClosing), this one included.
import type { FastifyPluginAsync } from 'fastify';
import { pendingMigrations, readMigrations } from '../../db/migrate';
import { within } from '../../lib/within';

const DB_TIMEOUT_MS = 2000;

const probes: FastifyPluginAsync = async (app) => {
  // Read once: the files this process was started with are the schema it needs.
  const migrations = readMigrations();

  app.get('/livez', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const checks = { database: false, migrations: false };
    try {
      const pending = await within(DB_TIMEOUT_MS, pendingMigrations(app.db, migrations));
      checks.database = true;
      checks.migrations = pending.length === 0;
    } catch (err) {
      request.log.warn({ err }, 'readyz: database check failed');
    }
    const ready = checks.database && checks.migrations;
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not ready', checks });
  });
};

export default probes;
