// bench/rush: the 爱心暑托班 registration rush, measured side by side with a bare reference in one
// run. Figures, never assertions.
//
// The product: `npm run start:cluster` (server/src/cluster.ts, WORKERS=2) on a fresh database,
// with the server's own default limits counted in Redis, TRUST_PROXY on (as behind a load
// balancer), POST /api/v1/childcare/enrollments with every guarantee it keeps.
// The reference: bench/lib/bare-server.mjs on as many processes, same PostgreSQL database, one
// transaction per tap (conditional UPDATE of the class row + INSERT of a seat row), nothing else.
// `GET /health` is no reference: it takes no lock, makes no commit and calls no Redis.
//
// The same load for both, from the same client (autocannon, CONNECTIONS connections): PARENTS
// parents rush SEATS seats and each taps twice at once (a double tap: the product gets the same
// Idempotency-Key twice; the reference just sells what it is asked). Where the seats are is the
// scenario (RUSH_SCENARIO, bench/lib/scenarios/): `hot`, one class (the default); `spread`, 100
// classes of one period (RUSH_CLASSES), each parent on one of them, the reference on as many rows;
// `night-school`, the 青年夜校 first-come apply on one course; `station`, the 青年驿站 booking of
// one room type's last beds on one night; `volunteer`, the volunteer shift sign-up on one shift (no
// waitlist: refused once full); the last three against the reference of `hot`. Product and
// reference runs are interleaved, ROUNDS of each, each on a fresh class and fresh parents, their
// order swapped every round. A run is split at the answer that sold the last seat: the selling phase
// (seats/s, latency) and the waitlist phase (refusals or waitlist tickets, latency after the class
// is full; with many classes, after the last seat of any class). Afterwards the product is checked
// in the database: per class sold = min(capacity, parents who asked) and the counter agrees,
// waitlist 1..N without gaps; no child twice, every 2xx answer's rows exist with the status told,
// both taps of a parent got the same answer; no 5xx anywhere.
// The cost of each run, from PostgreSQL's and Redis's own counters: commits (pg_stat_database),
// the product's calls of cc_enroll_batch (pg_stat_user_functions; each is one statement and one
// round trip), Redis round trips (EVALSHA/EVAL calls, INFO commandstats, server-wide: the product
// calls Redis for nothing else; the commands its script runs inside Redis are counted apart).
// PostgreSQL publishes a backend's counts up to 10 s after it goes idle, so each reading waits
// STATS_SETTLE_MS first.
// ENROLL_BATCH_MAX=1 measures the product without batching.
// Needs PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/11: its own Redis database, so the
// counters of other runs on a shared machine — user ids repeat across databases — never mix).
import autocannon from 'autocannon';
import Redis from 'ioredis';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { CORES, cpuMeter } from './lib/cpu-share.mjs';
import { createDatabase, startBare, startCluster } from './lib/rush-world.mjs';
import { scenarios } from './lib/scenarios/index.mjs';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/11';
const WORKERS = 2;
const PARENTS = Number(process.env.RUSH_PARENTS || 2000);
const SEATS = Number(process.env.RUSH_SEATS || 800);
const TAPS = 2;
const CONNECTIONS = Number(process.env.RUSH_CONNECTIONS || 50);
const ROUNDS = Number(process.env.RUSH_ROUNDS || 3);
const SCENARIO = scenarios[process.env.RUSH_SCENARIO || 'hot'];
if (!SCENARIO) {
  console.error(`RUSH_SCENARIO: one of ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
// how the product's rows are named: `enroll`, or the scenario's own (night-school: `apply`,
// volunteer: `signup`)
const P = SCENARIO.label ?? 'enroll';
const NAT_ADDRESSES = 100;
// % of a core used by the rest of the machine above which a run is marked as disturbed
const DISTURBED = 15;
// The server's defaults, not bench values: undefined leaves them to server/src/config.ts.
const SERVER_ENV = {
  REDIS_URL,
  TRUST_PROXY: '1',
  RUSH_LIMIT_PER_USER: undefined,
  RUSH_LIMIT_PER_IP: undefined,
  MAX_EVENT_LOOP_DELAY_MS: undefined,
  // production's level (info): what the server writes per request is part of a tap's cost
  LOG_LEVEL: undefined,
  ENROLL_BATCH_MAX: process.env.ENROLL_BATCH_MAX,
};
const STATS_SETTLE_MS = 11_000;

const { loadConfig } = await tsImport('../server/src/config.ts', import.meta.url);
const config = loadConfig({ ...process.env, NODE_ENV: 'development', ...SERVER_ENV });

const database = await createDatabase(ADMIN_URL, 'youth_hub_rush');
if (!database) {
  console.log(`skipped: no PostgreSQL at ${ADMIN_URL}; set BENCH_DATABASE_URL`);
  process.exit(0);
}
let product;
let bare;
try {
  // count the calls of plpgsql functions in this database (the product's statements)
  await withClient(database.url, (c) =>
    c.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET track_functions = 'pl'`),
  );
  product = await startCluster(database.url, WORKERS, SERVER_ENV);
  bare = await startBare(database.url, WORKERS);
} catch (err) {
  await product?.stop();
  await database.drop();
  throw err;
}
const db = new pg.Client({ connectionString: database.url });
const redis = new Redis(REDIS_URL, { lazyConnect: true });

async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The database's commits, the product's statements, Redis's commands so far (once published). */
async function counters() {
  const fn = SCENARIO.statement;
  await new Promise((r) => setTimeout(r, STATS_SETTLE_MS));
  const {
    rows: [pgRow],
  } = await db.query(
    `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())::bigint AS commits,
            coalesce((SELECT sum(calls) FROM pg_stat_user_functions WHERE funcname = $1), 0)::bigint AS calls`,
    [fn],
  );
  const stats = await redis.info('commandstats');
  let redisCommands = 0;
  let redisTrips = 0;
  for (const m of stats.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) {
    if (m[1] !== 'info') redisCommands += Number(m[2]);
    if (m[1] === 'evalsha' || m[1] === 'eval') redisTrips += Number(m[2]);
  }
  return {
    commits: Number(pgRow.commits),
    calls: Number(pgRow.calls),
    redisCommands,
    redisTrips,
  };
}

/** Runs `run` (one fire) between two readings of the counters: what it cost. */
async function measured(run) {
  const before = await counters();
  const x = await run();
  const after = await counters();
  const delta = (k) => after[k] - before[k];
  return {
    ...x,
    counted: {
      calls: delta('calls'),
      commits: delta('commits'),
      redis: delta('redisCommands'),
      redisTrips: delta('redisTrips'),
    },
  };
}

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

/**
 * Fires PARENTS × TAPS requests (tap k is parent k >> 1, so a parent's two taps leave together)
 * and keeps every answer with its own latency: `request(parent)` builds a tap, `seated(answer)`
 * says whether it sold a seat.
 */
async function fire(server, path, request, seated) {
  const total = PARENTS * TAPS;
  const answers = new Array(total);
  let next = 0;
  let answered = 0;
  const meter = cpuMeter(server.child.pid);
  const started = performance.now();
  const r = await autocannon({
    url: `${server.base}${path}`,
    connections: CONNECTIONS,
    amount: total,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          context.k = next++ % total;
          context.sentAt = performance.now();
          return { ...req, ...request(context.k >> 1) };
        },
        onResponse: (status, body, context) => {
          const at = performance.now();
          answers[context.k] = { status, body, at, ms: at - context.sentAt };
          if (++answered === total) meter.end();
        },
      },
    ],
  });
  const cpu = meter.shares(await pgPids());
  const done = answers.filter(Boolean);
  const lastSeat = Math.max(...done.filter(seated).map((a) => a.at));
  const selling = done.filter((a) => a.at <= lastSeat);
  const waiting = done.filter((a) => a.at > lastSeat);
  const sold = done.filter(seated).length;
  const end = Math.max(...done.map((a) => a.at));
  return {
    answers,
    cpu,
    failed: r.errors + r.timeouts + done.filter((a) => a.status >= 500).length,
    rate: done.length / ((end - started) / 1000),
    seatsPerSecond: sold / ((lastSeat - started) / 1000),
    refusalsPerSecond: waiting.length / Math.max((end - lastSeat) / 1000, 0.001),
    sell: percentiles(selling.map((a) => a.ms)),
    wait: percentiles(waiting.map((a) => a.ms)),
    all: percentiles(done.map((a) => a.ms)),
    s2xx: done.filter((a) => a.status >= 200 && a.status < 300).length,
    s4xx: done.filter((a) => a.status >= 400 && a.status < 500).length,
  };
}

function percentiles(ms) {
  if (!ms.length) return { p50: NaN, p99: NaN };
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

/** What the scenario's product and reference runs share: the bench's database and load. */
const world = () => ({
  url: database.url,
  db,
  product,
  parents: PARENTS,
  seats: SEATS,
  natAddress,
});

/** One run of the scenario on `server` (the product or the reference), checked afterwards. */
async function run(server, setUp) {
  const r = await setUp(world());
  const x = await measured(() => fire(server, r.path, r.request, r.seated));
  return { ...x, check: await r.check(x.answers) };
}

const n = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const pad = (s, w) => String(s).padStart(w);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs, f = n) =>
  `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`.padStart(20);
const ratio = (x) => x.toFixed(2);

try {
  await db.connect();
  await redis.connect();
  // warm both servers' JIT and database pools before anything is measured
  await autocannon({ url: `${product.base}/api/v1/health`, connections: 20, duration: 2 });
  await autocannon({ url: `${bare.base}/health`, connections: 20, duration: 2 });
  const runs = { enroll: [], bare: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? ['enroll', 'bare'] : ['bare', 'enroll'];
    for (const which of order) {
      const x =
        which === 'enroll'
          ? await run(product, (w) => SCENARIO.product(w))
          : await run(bare, (w) => SCENARIO.bare(w));
      runs[which].push({ round, ...x });
    }
  }

  console.log(
    `PostgreSQL ${(await db.query('SHOW server_version')).rows[0].server_version}; enroll batches of up to ${config.enrollBatchMax} taps per class (ENROLL_BATCH_MAX); ${WORKERS} processes each for the product (npm run start:cluster) and the reference (bench/lib/bare-server.mjs), pg pools of 10 per process; ` +
      `${CONNECTIONS} connections; scenario ${SCENARIO.name}: per run ${PARENTS.toLocaleString('en-US')} fresh parents × ${TAPS} taps at once on ${SCENARIO.describe(world())}; ${ROUNDS} rounds, interleaved`,
  );
  console.log(
    `product: rate limits ON, ${config.rushLimits.perUser} per user and ${config.rushLimits.perIp} per IP per ${config.rushLimits.windowMs / 1000} s (server defaults) in Redis ${REDIS_URL}, ` +
      `parents behind ${NAT_ADDRESSES} NAT addresses (TRUST_PROXY); reference: one transaction (UPDATE … taken < capacity + INSERT), no auth, idempotency, waitlist or limits`,
  );
  console.log('');
  console.log(
    `round  endpoint   req/s  seats/s  sell p50  sell p99  after-full/s  full p50  full p99    2xx   4xx  5xx+err  sold  check   cpu % of ${CORES * 100}: generator / API / PostgreSQL / other`,
  );
  const rows = [...runs.enroll.map((x) => ['enroll', x]), ...runs.bare.map((x) => ['bare', x])];
  rows.sort((a, b) => a[1].round - b[1].round);
  for (const [which, x] of rows) {
    console.log(
      [
        pad(x.round, 5),
        ` ${(which === 'enroll' ? P : which).padEnd(7)}`,
        pad(n(x.rate), 7),
        pad(n(x.seatsPerSecond), 8),
        pad(n(x.sell.p50), 9),
        pad(n(x.sell.p99), 9),
        pad(n(x.refusalsPerSecond), 13),
        pad(n(x.wait.p50), 9),
        pad(n(x.wait.p99), 9),
        pad(x.s2xx, 6),
        pad(x.s4xx, 5),
        pad(x.failed, 8),
        pad(x.check.sold, 5),
        pad(x.check.ok && x.failed === 0 ? 'ok' : `FAILED ${JSON.stringify(x.check)}`, 7),
        `   ${[x.cpu.load, x.cpu.api, x.cpu.pg, x.cpu.other].map(Math.round).join(' / ')}${x.cpu.other > DISTURBED ? '  ← disturbed' : ''}`,
      ].join(' '),
    );
  }
  console.log('');
  const fig = (which, f) => runs[which].map(f);
  const line = (label, f, fmt = n) =>
    console.log(
      `${label.padEnd(34)} ${P.padEnd(6)} ${spread(fig('enroll', f), fmt)}   bare ${spread(fig('bare', f), fmt)}   ${P}/bare ${ratio(median(fig('enroll', f)) / median(fig('bare', f)))}`,
    );
  console.log('median (range) of the rounds:');
  line('selling: seats/s', (x) => x.seatsPerSecond);
  line('selling: p99 ms', (x) => x.sell.p99);
  line('selling: p50 ms', (x) => x.sell.p50);
  line('after full: answers/s', (x) => x.refusalsPerSecond);
  line('after full: p99 ms', (x) => x.wait.p99);
  line('whole run: req/s', (x) => x.rate);
  line('whole run: p99 ms', (x) => x.all.p99);
  const taps = PARENTS * TAPS;
  console.log('');
  console.log(
    `cost per run (median of the rounds; commits from pg_stat_database, statements = calls of ${SCENARIO.statement}, each one round trip; Redis counted server-wide):`,
  );
  const cost = (which, f) => n2(median(fig(which, f)));
  const n2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  console.log(
    `  ${P}: statements (= round trips) per tap ${cost('enroll', (x) => x.counted.calls / taps)}, per seat ${cost('enroll', (x) => x.counted.calls / x.check.sold)}; ` +
      `commits per tap ${cost('enroll', (x) => x.counted.commits / taps)}, per seat ${cost('enroll', (x) => x.counted.commits / x.check.sold)}; ` +
      `Redis round trips (script calls) per request ${cost('enroll', (x) => x.counted.redisTrips / taps)}, commands incl. those inside the script ${cost('enroll', (x) => x.counted.redis / taps)}`,
  );
  console.log(
    `  bare:   statements 3 per tap (UPDATE, INSERT, COMMIT after BEGIN: 4 round trips); commits per tap ${cost('bare', (x) => x.counted.commits / taps)}, per seat ${cost('bare', (x) => x.counted.commits / x.check.sold)}; ` +
      `Redis commands per request ${cost('bare', (x) => x.counted.redis / taps)} (none of its own)`,
  );
  console.log(
    `read with care: the load generator, both servers and PostgreSQL share these ${CORES} cores and absolute figures swing between days; ` +
      `the enroll/bare ratios, taken side by side in one run, are the figures that carry over. "other" is the rest of the machine: above ${DISTURBED} the run is marked disturbed.`,
  );
} finally {
  await db.end().catch(() => undefined);
  redis.disconnect();
  await product.stop();
  await bare.stop();
  await database.drop();
}
