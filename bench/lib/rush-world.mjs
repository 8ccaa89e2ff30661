// A rush world on a real PostgreSQL server, shared by bench/rush (figures) and tests/faults
// (crashes mid-rush): a fresh database, real API processes (tsx server/src/main.ts, or
// server/src/cluster.ts as `npm run start:cluster` runs it), open childcare classes, and parents
// with a child each made straight in SQL (thousands in a second).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const JWT_SECRET = 'rush-world-secret';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** HS256 session tokens exactly as @fastify/jwt signs them. */
export function jwt(sub) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role: 'resident', iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

/** A fresh database on the server at adminUrl; null when there is no server. */
export async function createDatabase(adminUrl, prefix) {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** One API process; `env` adds to the defaults (dev login on, demo seed, limits off unless set). */
export function startServer(dbUrl, env = {}) {
  return startApi('server/src/main.ts', dbUrl, env);
}

/** `npm run start:cluster`: `workers` API processes sharing one port through node:cluster. */
export function startCluster(dbUrl, workers, env = {}) {
  return startApi('server/src/cluster.ts', dbUrl, { WORKERS: String(workers), ...env });
}

function startApi(entry, dbUrl, env) {
  return startProcess([path.join(root, 'node_modules/tsx/dist/cli.mjs'), entry], '/api/v1/health', {
    DATABASE_URL: dbUrl,
    SEED_DEMO: '1',
    DEV_LOGIN: '1',
    NODE_ENV: 'development',
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    RUSH_LIMIT_PER_IP: '100000000',
    RUSH_LIMIT_PER_USER: '100000000',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    // the rush measures enrolling, not paying: no demo WeChat Pay, and free classes (openClasses)
    WECHATPAY_FAKE: '0',
    ...env,
  });
}

/** bench/lib/bare-server.mjs, the rush's reference endpoint, on `workers` processes. */
export function startBare(dbUrl, workers) {
  return startProcess([path.join(root, 'bench/lib/bare-server.mjs')], '/health', {
    DATABASE_URL: dbUrl,
    WORKERS: String(workers),
  });
}

/** A node process listening on a free port, once `healthPath` answers 200. */
async function startProcess(args, healthPath, env) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    // its own process group: tsx runs the server in a child process, and a crash must hit both
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}${healthPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const exited = new Promise((r) => child.once('exit', r));
  return {
    base,
    child,
    /** A crash: no shutdown hooks, no flush, in-flight requests cut. */
    kill9: async () => {
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
    },
  };
}

async function call(base, method, url, token, body) {
  const res = await fetch(`${base}/api/v1${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** One childcare class whose registration opened a minute ago, made through the API as an admin. */
export async function openClass(base, dbUrl, capacity) {
  return (await openClasses(base, dbUrl, 1, capacity))[0];
}

/** `count` classes of one period (so a parent may hold one of them), open since a minute ago. */
export async function openClasses(base, dbUrl, count, capacity) {
  const adminToken = (
    await call(base, 'POST', '/auth/dev', null, {
      openid: `rush-admin-${randomBytes(3).toString('hex')}`,
      role: 'admin',
    })
  ).token;
  const now = Date.now();
  const programme = await call(base, 'POST', '/childcare/programmes', adminToken, {
    name: `压测托班${randomBytes(2).toString('hex')}`,
    season: 'summer',
    prefillOpensAt: new Date(now - 3600_000).toISOString(),
    registrationOpensAt: new Date(now - 60_000).toISOString(),
    registrationClosesAt: new Date(now + 86400_000).toISOString(),
  });
  const day = (d) => new Date(now + d * 86400_000).toISOString().slice(0, 10);
  const period = await call(
    base,
    'POST',
    `/childcare/programmes/${programme.id}/periods`,
    adminToken,
    { seq: 1, name: '第一期', startsOn: day(30), endsOn: day(41) },
  );
  const site = (await call(base, 'GET', '/orgs?kind=site')).items.find((o) =>
    o.name.includes('爱心暑托班'),
  );
  const ids = [];
  for (let i = 1; i <= count; i++) {
    const cls = await call(base, 'POST', '/childcare/classes', adminToken, {
      periodId: period.id,
      siteId: site.id,
      name: `压测班${i}`,
      capacity: Math.min(capacity, 500),
      gradeMin: 1,
      gradeMax: 5,
      // free: a paid class needs WeChat Pay, and its seats would be holds awaiting payment
      feeFen: 0,
    });
    ids.push(cls.id);
  }
  if (capacity > 500) {
    // the API caps a class at 500; a bench wants one hot row that sells for a while
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    await db.query('UPDATE cc_classes SET capacity = $2 WHERE id = ANY($1::bigint[])', [
      ids,
      capacity,
    ]);
    await db.end();
  }
  return ids;
}

/**
 * n parents with one eligible child each, as { parentId, token, childId, classId, body } ready to POST to
 * /childcare/enrollments: all for `classId`, or each for one of an array of class ids at random.
 */
export async function makeParents(dbUrl, n, classId) {
  const pick = Array.isArray(classId)
    ? () => classId[Math.floor(Math.random() * classId.length)]
    : () => classId;
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const tag = randomBytes(3).toString('hex');
  const { rows } = await db.query(
    `WITH u AS (INSERT INTO users (openid) SELECT 'rush-' || $2 || '-' || g FROM generate_series(1, $1::int) g RETURNING id)
     INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade)
     SELECT id, '孩子', 'male', '2018-09-01', 'h-' || $2 || '-' || id, '310104********0030', '田林第三小学', '二年级' FROM u
     RETURNING parent_id::text AS parent_id, id::text AS child_id`,
    [n, tag],
  );
  await db.end();
  return rows.map((r) => {
    const cls = pick();
    return {
      parentId: r.parent_id,
      token: jwt(r.parent_id),
      childId: r.child_id,
      classId: cls,
      body: JSON.stringify({ classId: cls, childIds: [r.child_id] }),
    };
  });
}
