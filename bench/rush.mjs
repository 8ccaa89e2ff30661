// bench/rush: the 爱心暑托班 registration rush on TWO API processes and PostgreSQL, with the
// Redis-backed rate limits on, as production runs it. Figures, never assertions.
//
// Starts `npm run start:cluster` (server/src/cluster.ts, WORKERS=2, node:cluster shares the port)
// on a fresh database with the server's own default limits, TRUST_PROXY on (as behind a load
// balancer) and REDIS_URL. Then, at 50 and at 200 connections (autocannon), side by side:
//   1. a bare GET /api/v1/health of the same processes (Fastify, one `SELECT 1`) — the ceiling;
//   2. 5,000 distinct parents (a child each, one POST /childcare/enrollments each, own
//      Idempotency-Key) on ONE hot class of 2,000 seats: every request meets the same row lock;
//   3. 5,000 more parents spread at random over 100 classes of 20 seats (one period).
// Each parent comes from one of 100 carrier NAT addresses (X-Forwarded-For, CGNAT range), so the
// per-IP limit sees what it would see in production. Afterwards it checks in the database: sold =
// capacity (per class: min(capacity, parents who asked)) and the seat counter agrees, no child
// twice, waitlist 1..N without gaps, every 2xx answer's rows exist with the status told and no row
// nobody was told of, no 5xx. A last probe shows the limits are live and shared through Redis.
// Needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/11: its own Redis database, so the
// counters of other runs on a shared machine — user ids repeat across databases — never mix).
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { CORES, cpuMeter } from './lib/cpu-share.mjs';
import {
  createDatabase,
  makeParents,
  openClass,
  openClasses,
  startCluster,
} from './lib/rush-world.mjs';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/11';
const WORKERS = 2;
const PARENTS = Number(process.env.RUSH_PARENTS || 5000);
const CONNECTIONS = [50, 200];
const HOT = { classes: 1, capacity: 2000 };
const SPREAD = { classes: 100, capacity: 20 };
const NAT_ADDRESSES = 100;
const BARE_SECONDS = 6;
// % of a core used by the rest of the machine above which a run is marked as disturbed
const DISTURBED = 15;
// The server's defaults, not bench values: undefined leaves them to server/src/config.ts.
const SERVER_ENV = {
  REDIS_URL,
  TRUST_PROXY: '1',
  RUSH_LIMIT_PER_USER: undefined,
  RUSH_LIMIT_PER_IP: undefined,
  MAX_EVENT_LOOP_DELAY_MS: undefined,
};

const { loadConfig } = await tsImport('../server/src/config.ts', import.meta.url);
const config = loadConfig({ ...process.env, NODE_ENV: 'development', ...SERVER_ENV });
const redis = new Redis(REDIS_URL, {
  lazyConnect: true,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});
const redisUp = await redis.connect().then(
  () => true,
  () => false,
);

const database = await createDatabase(ADMIN_URL, 'youth_hub_rush');
if (!database) {
  console.log(`skipped: no PostgreSQL at ${ADMIN_URL}; set BENCH_DATABASE_URL`);
  redis.disconnect();
  process.exit(0);
}
const server = await startCluster(database.url, WORKERS, SERVER_ENV).catch(async (err) => {
  await database.drop();
  redis.disconnect();
  throw err;
});
const base = server.base;
const db = new pg.Client({ connectionString: database.url });

const natAddress = (i) => `100.64.0.${(i % NAT_ADDRESSES) + 1}`;
// PostgreSQL's share: this database's backends and the server's own processes (writer, WAL…);
// other databases' backends on the shared server count as "other".
const pgPids = async () =>
  new Set(
    (
      await db.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR backend_type <> 'client backend'`,
      )
    ).rows.map((r) => r.pid),
  );

async function bare(connections) {
  const meter = cpuMeter(server.child.pid);
  const r = await autocannon({ url: `${base}/api/v1/health`, connections, duration: BARE_SECONDS });
  return {
    name: 'GET /api/v1/health (bare)',
    r,
    rate: r.requests.total / r.duration,
    cpu: meter.shares(await pgPids()),
  };
}

async function rush(connections, { classes, capacity }) {
  const classIds =
    classes === 1
      ? [await openClass(base, database.url, capacity)]
      : await openClasses(base, database.url, classes, capacity);
  const parents = await makeParents(database.url, PARENTS, classes === 1 ? classIds[0] : classIds);
  const answers = new Array(parents.length);
  let next = 0;
  const meter = cpuMeter(server.child.pid);
  // autocannon ends an `amount` run on its next 1-second tick: its duration would count idle time
  const started = performance.now();
  let lastAnswer = started;
  let answered = 0;
  const r = await autocannon({
    url: `${base}/api/v1/childcare/enrollments`,
    connections,
    amount: parents.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          context.i = next++ % parents.length;
          const p = parents[context.i];
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${p.token}`,
              'x-forwarded-for': natAddress(context.i),
              'idempotency-key': `rush-${context.i}-${randomBytes(4).toString('hex')}`,
            },
            body: p.body,
          };
        },
        onResponse: (status, body, context) => {
          answers[context.i] = { status, body };
          lastAnswer = performance.now();
          if (++answered === parents.length) meter.end();
        },
      },
    ],
  });
  const cpu = meter.shares(await pgPids());
  const name =
    classes === 1
      ? `enroll · 1 hot class of ${capacity}`
      : `enroll · ${classes} classes of ${capacity}`;
  return {
    name,
    r,
    rate: r.requests.total / ((lastAnswer - started) / 1000),
    cpu,
    check: await invariants(classIds, parents, answers),
  };
}

/** What the database holds after a rush, against what the parents were told. */
async function invariants(classIds, parents, answers) {
  const { rows } = await db.query(
    `SELECT id::text AS id, class_id::text AS class_id, child_id::text AS child_id, status, waitlist_no,
       extract(epoch FROM created_at)::float AS at
     FROM cc_enrollments WHERE class_id = ANY($1::bigint[])`,
    [classIds],
  );
  const classes = (
    await db.query(
      'SELECT id::text AS id, capacity, taken FROM cc_classes WHERE id = ANY($1::bigint[])',
      [classIds],
    )
  ).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const asked = new Map(); // class → parents who sent a request
  const told = new Set(); // enrollment ids some 2xx answer named
  let lost = 0;
  answers.forEach((a, i) => {
    if (!a) return;
    asked.set(parents[i].classId, (asked.get(parents[i].classId) ?? 0) + 1);
    if (a.status < 200 || a.status >= 300) return;
    const body = JSON.parse(a.body);
    for (const id of body.enrollmentIds) {
      told.add(id);
      if (byId.get(id)?.status !== body.status) lost++;
    }
  });
  const enrolled = rows.filter((r) => r.status === 'enrolled');
  let soldRight = true;
  for (const c of classes) {
    const sold = enrolled.filter((r) => r.class_id === c.id).length;
    if (sold !== Math.min(c.capacity, asked.get(c.id) ?? 0) || Number(c.taken) !== sold)
      soldRight = false;
  }
  let gaps = 0;
  for (const id of classIds) {
    const numbers = rows
      .filter((r) => r.class_id === id && r.status === 'waitlisted')
      .map((r) => r.waitlist_no)
      .sort((x, y) => x - y);
    numbers.forEach((n, k) => {
      if (n !== k + 1) gaps++;
    });
  }
  const duplicates = rows.length - new Set(rows.map((r) => r.child_id)).size;
  const untold = rows.filter((r) => !told.has(r.id)).length;
  const first = Math.min(...rows.map((r) => r.at));
  const lastSold = Math.max(...enrolled.map((r) => r.at));
  return {
    sold: enrolled.length,
    capacity: classes.reduce((n, c) => n + c.capacity, 0),
    soldRight,
    duplicates,
    gaps,
    lost,
    untold,
    seatsPerSecond: enrolled.length / Math.max(lastSold - first, 0.001),
  };
}

/** One parent taps enroll 30 times within the window, over two connections (node:cluster gives each to a worker). */
async function limitProbe() {
  const [parent] = await makeParents(database.url, 1, '999999999'); // no such class: a 404 that touches no seat
  const taps = 30;
  const r = await autocannon({
    url: `${base}/api/v1/childcare/enrollments`,
    connections: 2,
    amount: taps,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${parent.token}`,
            'x-forwarded-for': '198.51.100.7',
            'idempotency-key': randomBytes(8).toString('hex'),
          },
          body: parent.body,
        }),
      },
    ],
  });
  const limited = r.statusCodeStats['429']?.count ?? 0;
  let counted = 'Redis not reachable from the bench';
  if (redisUp) {
    const keys = await redis.keys(`*user:${parent.parentId}`);
    counted = keys.length
      ? `the Redis counter for this parent reads ${await redis.get(keys[0])}`
      : 'no Redis counter for this parent: limits were NOT shared';
  }
  return `${taps} taps by one parent within ${config.rushLimits.windowMs / 1000} s over both workers → ${taps - limited} let through, ${limited} × 429 RATE_LIMITED; ${counted}`;
}

const n = (x) => Math.round(x).toLocaleString('en-US');
const pad = (s, w) => String(s).padStart(w);

try {
  await db.connect();
  // warm both workers' JIT and database pools before anything is measured
  await autocannon({ url: `${base}/api/v1/health`, connections: 50, duration: 2 });
  const results = [];
  for (const connections of CONNECTIONS) {
    const row = { connections, bare: await bare(connections) };
    row.runs = [await rush(connections, HOT), await rush(connections, SPREAD)];
    results.push(row);
  }
  const probe = await limitProbe();

  console.log(
    `PostgreSQL ${(await db.query('SHOW server_version')).rows[0].server_version}, ${WORKERS} API processes (npm run start:cluster), ${PARENTS.toLocaleString('en-US')} distinct parents per rush (fresh each), one child and one enroll each`,
  );
  console.log(
    `rate limits ON: ${config.rushLimits.perUser} per user and ${config.rushLimits.perIp} per IP per ${config.rushLimits.windowMs / 1000} s (server defaults), ` +
      `${redisUp ? `shared through Redis ${REDIS_URL}` : `Redis at ${REDIS_URL} NOT reachable: per process`}; parents behind ${NAT_ADDRESSES} carrier NAT addresses (TRUST_PROXY); ` +
      `load shedding above ${config.maxEventLoopDelayMs} ms event-loop lag`,
  );
  console.log('');
  console.log(
    `conns  case                                req/s  p50 ms  p99 ms  seats/s  ×bare    2xx  4xx  5xx+err  sold/capacity  dup  gaps  lost  untold  check   cpu % of ${CORES * 100}: generator / API processes / PostgreSQL / other`,
  );
  for (const { connections, bare: b, runs } of results) {
    const bareRate = b.rate;
    for (const x of [b, ...runs]) {
      const c = x.check;
      const failed = x.r.errors + x.r.timeouts + x.r['5xx'];
      const ok =
        c &&
        c.soldRight &&
        c.duplicates === 0 &&
        c.gaps === 0 &&
        c.lost === 0 &&
        c.untold === 0 &&
        failed === 0;
      console.log(
        [
          pad(connections, 5),
          ` ${x.name.padEnd(34)}`,
          pad(n(x.rate), 6),
          pad(x.r.latency.p50, 7),
          pad(x.r.latency.p99, 7),
          pad(c ? n(c.seatsPerSecond) : '–', 8),
          pad((x.rate / bareRate).toFixed(2), 6),
          pad(x.r['2xx'], 6),
          pad(x.r['4xx'], 4),
          pad(failed, 8),
          pad(c ? `${c.sold}/${c.capacity}` : '–', 14),
          pad(c ? c.duplicates : '–', 4),
          pad(c ? c.gaps : '–', 5),
          pad(c ? c.lost : '–', 5),
          pad(c ? c.untold : '–', 7),
          pad(c ? (ok ? 'ok' : 'FAILED') : failed ? 'FAILED' : 'ok', 7),
          `   ${[x.cpu.load, x.cpu.apiByProcess.slice(0, WORKERS).map(Math.round).join('+'), x.cpu.pg, x.cpu.other].map((v) => (typeof v === 'number' ? Math.round(v) : v)).join(' / ')}${x.cpu.other > DISTURBED ? '  ← disturbed' : ''}`,
        ].join(' '),
      );
    }
  }
  console.log('');
  console.log(`limit probe: ${probe}`);
  console.log(
    `read with care: the load generator, both API processes and PostgreSQL share these ${CORES} cores, so req/s is this box's floor, not a server's capacity; ` +
      `the ×bare ratios and the invariants are the figures that carry over. "other" is everything else on the machine: above ${DISTURBED} the run is marked disturbed.`,
  );
} finally {
  await db.end().catch(() => undefined);
  await server.stop();
  await database.drop();
  redis.disconnect();
}
