// bench/catalog: the public lists residents reload when a sign-up opens — night-school courses,
// a childcare programme with its classes, the talent stations — and the night-school term's public
// draw page (reloaded by everyone when the result is published), under load, on PostgreSQL.
// Figures, never assertions. One run, side by side, on the same fresh database and demo data:
//   off — the server with CATALOG_CACHE_MS=0: every request reads the database;
//   on  — the default micro-cache (1 s per process and URL; a burst does one database read);
//   304 — the same, each request carrying the ETag it already holds (If-None-Match → 304, no body).
// Prints req/s, p50/p99 and the ratios on/off and 304/off per endpoint.
// Needs a PostgreSQL server: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import os from 'node:os';
import autocannon from 'autocannon';
import { createDatabase, startServer } from './lib/rush-world.mjs';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.CATALOG_SECONDS || 8);

const database = await createDatabase(ADMIN_URL, 'youth_hub_catalog');
if (!database) {
  console.log(`skipped: no PostgreSQL at ${ADMIN_URL}; set BENCH_DATABASE_URL`);
  process.exit(0);
}

// other work on the machine moves every figure; say how busy it was
const loadAtStart = os.loadavg()[0];
const run = (opts) => autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });

/** The lists and the draw page on the demo data: the childcare one is the programme with the most classes. */
async function endpoints(base) {
  const json = async (path) => (await fetch(`${base}${path}`)).json();
  const programmes = (await json('/api/v1/childcare/programmes')).items;
  const details = await Promise.all(
    programmes.map((p) => json(`/api/v1/childcare/programmes/${p.id}`)),
  );
  const biggest = details.sort((a, b) => b.classes.length - a.classes.length)[0];
  const catalogue = await json('/api/v1/night-school/courses');
  const courses = catalogue.items.length;
  const stations = (await json('/api/v1/stations')).items.length;
  return [
    { path: '/api/v1/night-school/courses', what: `${courses} courses` },
    {
      path: `/api/v1/childcare/programmes/${biggest.programme.id}`,
      what: `${biggest.classes.length} classes`,
    },
    { path: '/api/v1/stations', what: `${stations} stations` },
    // the demo term is not drawn yet: the answer is the term's seed hash and no ranking
    {
      path: `/api/v1/night-school/terms/${catalogue.term.id}/draw`,
      what: 'public draw, demo term not yet drawn',
    },
  ];
}

/** A server with this cache setting, warmed up on the lists. */
async function serverWith(cacheMs) {
  const server = await startServer(database.url, { CATALOG_CACHE_MS: String(cacheMs) });
  for (const e of await endpoints(server.base))
    await autocannon({ url: `${server.base}${e.path}`, connections: 10, duration: 1 });
  return server;
}

const rows = [];
const servers = [];
try {
  // Both processes up at once, idle while the other is measured: each list's three runs follow one
  // another, so other work on the machine moves them together rather than skewing one side.
  const off = await serverWith(0);
  servers.push(off);
  const on = await serverWith(1000);
  servers.push(on);
  for (const e of await endpoints(on.base)) {
    const url = `${on.base}${e.path}`;
    const first = await fetch(url);
    const bytes = (await first.arrayBuffer()).byteLength;
    rows.push({
      ...e,
      bytes,
      off: await run({ url: `${off.base}${e.path}` }),
      on: await run({ url }),
      notModified: await run({ url, headers: { 'if-none-match': first.headers.get('etag') } }),
    });
  }
} finally {
  for (const s of servers) await s.stop();
  await database.drop();
}

const cell = (r) =>
  `${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(4)} ms`;
const answers = (r) =>
  Object.entries(r.statusCodeStats)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(' ') + (r.errors ? ` errors×${r.errors}` : '');
const ratio = (a, b) => (a.requests.average / b.requests.average).toFixed(1);

console.log(
  `PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s per run, one API process per setting (both up, measured in turn); demo data; ${os.cpus().length} cores, load ${loadAtStart.toFixed(1)} at start`,
);
for (const r of rows) {
  console.log(`\nGET ${r.path} (${r.what}, ${(r.bytes / 1024).toFixed(1)} KB)`);
  console.log(`  cache off             ${cell(r.off)}   ${answers(r.off)}`);
  console.log(`  cache on (1 s)        ${cell(r.on)}   ${answers(r.on)}`);
  console.log(`  on + If-None-Match    ${cell(r.notModified)}   ${answers(r.notModified)}`);
  console.log(`  ratio on/off ${ratio(r.on, r.off)}   304/off ${ratio(r.notModified, r.off)}`);
}
