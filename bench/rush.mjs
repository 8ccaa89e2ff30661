// bench/rush: the 爱心暑托班 registration rush against PostgreSQL. Figures, never assertions.
// Starts the real server (tsx server/src/main.ts) on a fresh database, makes 5,000 parents with a
// child each (SQL), then runs with autocannon, 50 connections each:
//   1. a bare GET (/api/v1/time: Fastify, auth-free, no database) — the ceiling of this machine;
//   2. POST /api/v1/childcare/enrollments, every parent once, each with its own Idempotency-Key,
//      all on ONE hot class (the worst case: every request meets the same row lock).
// Prints req/s, p50/p99, seats sold per second and the ratio enroll/bare.
// Needs a PostgreSQL server: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PARENTS = Number(process.env.RUSH_PARENTS || 5000);
const CAPACITY = Number(process.env.RUSH_CAPACITY || 2000);
const CONNECTIONS = 50;
const JWT_SECRET = 'bench-rush-secret';

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

// HS256 session tokens exactly as @fastify/jwt would sign them for these users.
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(sub) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role: 'resident', iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

const dbName = `youth_hub_rush_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
try {
  await admin.connect();
} catch (err) {
  console.log(`skipped: no PostgreSQL at ${ADMIN_URL} (${err.message}); set BENCH_DATABASE_URL`);
  process.exit(0);
}
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${dbName}`;

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl.toString(), SEED_DEMO: '1', DEV_LOGIN: '1',
    NODE_ENV: 'development', JWT_SECRET, LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function cleanup() {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
  await admin.end();
}

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 240) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const call = async (method, url, token, body) => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  // One class, opened a minute ago.
  const adminToken = (await call('POST', '/auth/dev', null, { openid: 'bench-admin', role: 'admin' })).token;
  const now = Date.now();
  const programme = await call('POST', '/childcare/programmes', adminToken, {
    name: '压测托班', season: 'summer', prefillOpensAt: new Date(now - 3600_000).toISOString(),
    registrationOpensAt: new Date(now - 60_000).toISOString(), registrationClosesAt: new Date(now + 86400_000).toISOString(),
  });
  const day = (d) => new Date(now + d * 86400_000).toISOString().slice(0, 10);
  const period = await call('POST', `/childcare/programmes/${programme.id}/periods`, adminToken, { seq: 1, name: '第一期', startsOn: day(30), endsOn: day(41) });
  const site = (await call('GET', '/orgs?kind=site')).items.find((o) => o.name.includes('爱心暑托班'));
  const cls = await call('POST', '/childcare/classes', adminToken, {
    periodId: period.id, siteId: site.id, name: '压测班', capacity: 500, gradeMin: 1, gradeMax: 5, feeFen: 40000,
  });

  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  // The API caps a class at 500; the bench wants one hot row that sells for a while.
  await db.query('UPDATE cc_classes SET capacity = $2 WHERE id = $1', [cls.id, CAPACITY]);
  const { rows } = await db.query(
    `WITH u AS (INSERT INTO users (openid) SELECT 'rush-' || g FROM generate_series(1, $1::int) g RETURNING id)
     INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade)
     SELECT id, '孩子', 'male', '2018-09-01', 'h-' || id, '310104********0030', '田林第三小学', '二年级' FROM u
     RETURNING parent_id::text AS parent_id, id::text AS child_id`,
    [PARENTS],
  );
  const parents = rows.map((r) => ({ token: jwt(r.parent_id), body: JSON.stringify({ classId: cls.id, childIds: [r.child_id] }) }));

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
      [cls.id],
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
  await cleanup();
}
