// bench/rush: the 爱心暑托班 registration rush against PostgreSQL. Figures, never assertions.
// Starts the real server (tsx server/src/main.ts) on a fresh database, makes 5,000 parents with a
// child each (SQL), then runs with autocannon, 50 connections each:
//   1. a bare GET (/api/v1/time: Fastify, auth-free, no database) — the ceiling of this machine;
//   2. POST /api/v1/childcare/enrollments, every parent once, each with its own Idempotency-Key,
//      all on ONE hot class (the worst case: every request meets the same row lock).
// Prints req/s, p50/p99, seats sold per second and the ratio enroll/bare.
// Needs a PostgreSQL server: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDatabase, makeParents, openClass, startServer } from './lib/rush-world.mjs';

const ADMIN_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PARENTS = Number(process.env.RUSH_PARENTS || 5000);
const CAPACITY = Number(process.env.RUSH_CAPACITY || 2000);
const CONNECTIONS = 50;

const database = await createDatabase(ADMIN_URL, 'youth_hub_rush');
if (!database) {
  console.log(`skipped: no PostgreSQL at ${ADMIN_URL}; set BENCH_DATABASE_URL`);
  process.exit(0);
}
// The limits are off here (rate limiting is measured on its own): this is the database's rush.
const server = await startServer(database.url).catch(async (err) => {
  await database.drop();
  throw err;
});
const base = server.base;

try {
  const classId = await openClass(base, database.url, CAPACITY);
  const parents = await makeParents(database.url, PARENTS, classId);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();

  const run = (opts) => autocannon({ connections: CONNECTIONS, ...opts });
  const bare = await run({ url: `${base}/api/v1/time`, duration: 10 });

  let next = 0;
  const started = Date.now();
  const enroll = await run({
    url: `${base}/api/v1/childcare/enrollments`,
    amount: parents.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const p = parents[next++ % parents.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}`, 'idempotency-key': `rush-${next}-${randomBytes(4).toString('hex')}` },
            body: p.body,
          };
        },
      },
    ],
  });
  const seconds = (Date.now() - started) / 1000;
  const [{ enrolled, waitlisted, fill_seconds: fillSeconds }] = (
    await db.query(
      `SELECT count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
         extract(epoch FROM max(created_at) FILTER (WHERE status = 'enrolled') - min(created_at))::float AS fill_seconds
       FROM cc_enrollments WHERE class_id = $1`,
      [classId],
    )
  ).rows;
  await db.end();

  const line = (name, r) =>
    `${name.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   2xx ${r['2xx']}  non-2xx ${r.non2xx}  errors ${r.errors}`;
  console.log(`PostgreSQL, ${CONNECTIONS} connections, ${PARENTS} distinct parents, one class of ${CAPACITY} seats`);
  console.log(line('GET /api/v1/time (bare)', bare));
  console.log(line('POST /childcare/enrollments', enroll));
  console.log(`seats sold: ${enrolled} of ${CAPACITY} in ${fillSeconds.toFixed(2)} s → ${Math.round(enrolled / Math.max(fillSeconds, 0.001))} seats sold/s; waitlisted ${waitlisted}; whole run ${seconds.toFixed(1)} s`);
  console.log(`ratio enroll/bare: ${(enroll.requests.average / bare.requests.average).toFixed(3)}`);
} finally {
  await server.stop();
  await database.drop();
}
