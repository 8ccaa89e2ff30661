// GET /metrics in Prometheus text format (prom-client). One registry per app, so tests that build
// many apps in one process do not share counters. What operators alert on is listed in
// docs/operations.md. Access: a bearer METRICS_TOKEN, or else only callers on this host's loopback
// (the socket's own address, never X-Forwarded-For: nginx proxies only /api, so no outside
// request reaches /metrics through it).
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { PgDb } from '../db/pg-db';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function allowed(request: FastifyRequest, token: string | null): boolean {
  if (!token) return LOOPBACK.has(request.socket.remoteAddress ?? '');
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export default fp<{ token: string | null }>(async (app, { token }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'youth_hub_' });

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'youth_hub_http_requests_total',
    help: 'HTTP requests by route and status (429: rate limited, 503: shed or database down)',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'youth_hub_http_request_duration_seconds',
    help: 'Time to answer, by route and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'youth_hub_rate_limit_mode',
    help: '1 for the store the rush limits use now: redis (shared by all processes) or local (per process)',
    labelNames: ['mode'],
    registers: [registry],
    collect() {
      const mode = app.rateLimitMode();
      this.reset();
      this.set({ mode }, 1);
    },
  });

  const pool = app.db instanceof PgDb ? app.db.pool : null;
  if (pool) {
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    poolGauge(
      'youth_hub_db_pool_connections',
      'Connections open in the PostgreSQL pool',
      () => pool.totalCount,
    );
    poolGauge('youth_hub_db_pool_idle', 'Idle connections in the pool', () => pool.idleCount);
    poolGauge(
      'youth_hub_db_pool_waiting',
      'Queries waiting for a free connection',
      () => pool.waitingCount,
    );
  }

  new Gauge({
    name: 'youth_hub_job_seconds_since_success',
    help: 'Seconds since each timed job last completed a pass (grows when a job is stuck or failing)',
    labelNames: ['job'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [job, s] of app.jobs.stats) {
        if (s.lastSuccessAt) this.set({ job }, (Date.now() - s.lastSuccessAt.getTime()) / 1000);
      }
    },
  });
  new Gauge({
    name: 'youth_hub_job_failures',
    help: 'Failed passes per timed job since the process started',
    labelNames: ['job'],
    registers: [registry],
    collect() {
      for (const [job, s] of app.jobs.stats) this.set({ job }, s.failures);
    },
  });

  const outboxBacklog = new Gauge({
    name: 'youth_hub_outbox_pending',
    help: 'WeChat messages waiting to be sent',
    registers: [registry],
  });
  const outboxAge = new Gauge({
    name: 'youth_hub_outbox_oldest_pending_seconds',
    help: 'Age of the oldest message still waiting (0 when none)',
    registers: [registry],
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, token)) return reply.code(404).send();
    const [row] = await app.db.query<{ n: number; age: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM ($1::timestamptz - min(m.created_at)))::float8 AS age
         FROM message_outbox o JOIN messages m ON m.id = o.message_id WHERE o.status = 'pending'`,
      [app.now()],
    );
    outboxBacklog.set(row?.n ?? 0);
    outboxAge.set(Math.max(0, row?.age ?? 0));
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
});
