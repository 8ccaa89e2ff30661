// bench/dashboard: how fast each dashboard answers on a district of realistic size — a database
// filled by `npm run seed:volume` (50,000 residents, two years of stays, enrollments, applications,
// attendance, shifts and hours) — over HTTP from one API process, as the console's page asks.
// Figures, never assertions; the target is 300 ms per dashboard (docs/benchmarks.md).
// Needs a PostgreSQL server: BENCH_DATABASE_URL or DATABASE_URL. It makes its own database,
// seeds it (about two minutes here) and drops it; BENCH_VOLUME_URL names one already seeded
// instead (kept as it is).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, jwt, root, startServer } from './lib/rush-world.mjs';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = 7;
const FIGURES = ['served', 'occupancy', 'childcare', 'night-school', 'volunteer', 'no-shows'];

let database = null;
let url = process.env.BENCH_VOLUME_URL;
if (!url) {
  database = await createDatabase(ADMIN_URL, 'youth_hub_dashboard');
  if (!database) {
    console.log(`skipped: no PostgreSQL at ${ADMIN_URL}; set BENCH_DATABASE_URL`);
    process.exit(0);
  }
  url = database.url;
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  for (const cli of ['migrate.ts', 'seed-volume.ts']) {
    const started = Date.now();
    const r = spawnSync(process.execPath, [tsx, `server/src/cli/${cli}`], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      console.log(r.stdout, r.stderr);
      await database.drop();
      process.exit(1);
    }
    if (cli === 'seed-volume.ts')
      console.log(`npm run seed:volume: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

const client = new pg.Client({ connectionString: url });
await client.connect();
const sizes = (
  await client.query(`SELECT
    (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM station_bookings) AS bookings,
    (SELECT count(*) FROM station_booking_nights) AS booking_nights, (SELECT count(*) FROM cc_enrollments) AS enrollments,
    (SELECT count(*) FROM ns_applications) AS applications, (SELECT count(*) FROM ns_attendance) AS attendance,
    (SELECT count(*) FROM volunteer_signups) AS signups, (SELECT count(*) FROM volunteer_hours_ledger) AS ledger`)
).rows[0];
const [{ id: adminId }] = (
  await client.query(`SELECT id::text AS id FROM users WHERE openid = 'volume-1'`)
).rows;
const orgs = (
  await client.query(
    `SELECT DISTINCT ON (kind) id::text AS id, kind, name FROM organizations ORDER BY kind, id`,
  )
).rows;
const version = (await client.query('SHOW server_version')).rows[0].server_version;
await client.end();

const loadAtStart = os.loadavg()[0];
const server = await startServer(url);
const headers = { authorization: `Bearer ${jwt(adminId)}` };
// the current Beijing month, YYYY-MM
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
}).format(new Date());
const twoYearsAgo = `${Number(today.slice(0, 4)) - 2}-${today.slice(5, 7)}`;

/** Fastest, median and slowest of RUNS requests after one warm-up (on a busy machine the fastest is the nearest to the query's own cost). */
async function time(pathAndQuery) {
  const ms = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const res = await fetch(`${server.base}/api/v1/dashboards/${pathAndQuery}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${pathAndQuery}: ${res.status}`);
    if (i > 0) ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { min: ms[0], median: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1] };
}

const rows = [];
try {
  const scopes = [
    ['district', 'district'],
    ...orgs.filter((o) => o.kind !== 'team').map((o) => [`org ${o.kind}`, `orgs/${o.id}`]),
  ];
  const queries = [
    ['12 months by month', ''],
    ['24 months by month', `?from=${twoYearsAgo}&to=${today}`],
    ['24 months by round', `?from=${twoYearsAgo}&to=${today}&by=round`],
  ];
  for (const figure of FIGURES)
    for (const [scopeName, scope] of scopes)
      for (const [queryName, query] of queries)
        rows.push({ figure, scopeName, queryName, ...(await time(`${scope}/${figure}${query}`)) });
} finally {
  await server.stop();
}

// the statements' own CPU time (bench/lib/dashboard-cpu.ts): what they cost, however busy the box
const cpu = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/tsx/dist/cli.mjs'),
    'bench/lib/dashboard-cpu.ts',
    url,
    twoYearsAgo,
    today,
  ],
  { cwd: root, encoding: 'utf8' },
);
if (database) await database.drop();

console.log(
  `PostgreSQL ${version}, one API process, ${os.cpus().length} cores, load ${loadAtStart.toFixed(1)} at start; ` +
    `volume seed: ${Object.entries(sizes)
      .map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`)
      .join(', ')}`,
);
console.log(
  `each: fastest, median and slowest of ${RUNS} requests after a warm-up, over HTTP (JSON)\n`,
);
console.log(
  'figure          scope              range                  fastest ms  median ms  slowest ms',
);
for (const r of rows)
  console.log(
    `${r.figure.padEnd(15)} ${r.scopeName.padEnd(18)} ${r.queryName.padEnd(22)} ${r.min.toFixed(0).padStart(10)} ${r.median.toFixed(0).padStart(10)} ${r.max.toFixed(0).padStart(11)}${r.median > 300 ? '  ← median over 300 ms' : ''}`,
  );
const worst = rows.reduce((a, b) => (b.median > a.median ? b : a));
console.log(
  `\nslowest median: ${worst.figure} · ${worst.scopeName} · ${worst.queryName}: ${worst.median.toFixed(0)} ms (target ≤ 300 ms); ` +
    `${rows.filter((r) => r.median > 300).length} of ${rows.length} medians over 300 ms`,
);

if (cpu.status === 0) {
  const { load, rows: cpuRows } = JSON.parse(cpu.stdout);
  console.log(
    `\nCPU time of the statements themselves (24 months; one connection, parallel workers off; load ${load.toFixed(1)}): ` +
      'the cost on an idle core, apart from waiting for one',
  );
  console.log('figure          scope              by       cpu ms   wall ms');
  for (const r of cpuRows)
    console.log(
      `${r.figure.padEnd(15)} ${r.scope.padEnd(18)} ${r.by.padEnd(6)} ${r.cpuMs.toFixed(0).padStart(8)} ${r.wallMs.toFixed(0).padStart(9)}${r.cpuMs > 300 ? '  ← over 300 ms' : ''}`,
    );
} else console.log(`\nCPU time: not measured (${cpu.stderr.trim().split('\n')[0]})`);
