// The one-host production topology (npm run start:stack) under test: nginx from Debian serving the
// H5 build and proxying /api to two compiled API processes, PostgreSQL, Redis.
// Needs `npm run build:api` and `npm run build:h5` first, PostgreSQL (STACK_DATABASE_URL or
// DATABASE_URL, default the local server) and Redis. Run: npm run test:stack.
// The stack runs with NODE_ENV=development only so the demo login can make classes and sign in:
// production has no password login (WeChat only); everything else is as deployed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { chromium } from 'playwright-core';
import {
  JWT_SECRET,
  createDatabase,
  freePort,
  makeParents,
  openClass,
  root,
} from '../../bench/lib/rush-world.mjs';
import { enroll } from '../faults/rush-client.mjs';
import { assertRushInvariants } from '../faults/rush-invariants.mjs';

const ADMIN_URL =
  process.env.STACK_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

async function startStack(dbUrl, env = {}) {
  const [port, api1, api2] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['scripts/stack/start-stack.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      STACK_PORT: String(port),
      API_PORTS: `${api1},${api2}`,
      NODE_ENV: 'development',
      DEV_LOGIN: '1',
      SEED_DEMO: '1',
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      RUSH_LIMIT_PER_IP: '100000000',
      RUSH_LIMIT_PER_USER: '100000000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  const waiters = [];
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of [...waiters]) {
        if (!line.includes(w.text)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise((r) => child.once('exit', r));
  const waitFor = (text) =>
    lines.find((l) => l.includes(text)) ??
    new Promise((resolve, reject) => {
      waiters.push({ text, resolve });
      exited.then(() => reject(new Error(`stack exited before "${text}":\n${lines.join('\n')}`)));
    });
  await waitFor('[stack] ready');
  return {
    base: `http://127.0.0.1:${port}`,
    waitFor,
    lines,
    restart: () => child.kill('SIGHUP'),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A POST from a chosen loopback source address (all of 127/8 reaches this host). */
function postFrom(localAddress, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('nginx + two API processes + PostgreSQL + Redis', () => {
  let database;
  let stack;
  before(async () => {
    database = await createDatabase(ADMIN_URL, 'youth_hub_stack');
    assert.ok(database, `no PostgreSQL at ${ADMIN_URL}`);
    stack = await startStack(database.url);
  });
  after(async () => {
    await stack?.stop();
    await database?.drop();
  });

  test('serves the H5 build precompressed, proxies /api, keeps /metrics internal', async () => {
    const html = await fetch(`${stack.base}/`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('content-encoding'), 'gzip');
    const health = await fetch(`${stack.base}/api/v1/health`);
    assert.equal(health.status, 200);
    assert.match(health.headers.get('x-request-id'), /^[0-9a-f]{32}$/); // nginx's $request_id, kept by the API
    const metrics = await fetch(`${stack.base}/metrics`);
    assert.doesNotMatch(await metrics.text(), /youth_hub_http_requests_total/);
  });

  test('e2e smoke in Chromium through nginx: the home page shows the four services', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const failed = [];
      page.on(
        'response',
        (r) => r.url().includes('/api/') && r.status() >= 500 && failed.push(r.url()),
      );
      await page.goto(`${stack.base}/#/pages/home/index`);
      for (const name of ['青年夜校', '青年驿站', '爱心托班', '志愿服务'])
        await page.getByText(name, { exact: true }).waitFor();
      assert.deepEqual(failed, []);
    } finally {
      await browser.close();
    }
  });

  test('a rush through nginx over both processes: no oversell, every 201 in the database, no gaps', async () => {
    const classId = await openClass(stack.base, database.url, 30);
    const parents = await makeParents(database.url, 200, classId);
    const results = await Promise.all(
      parents.map((p, i) => enroll(stack, p, `stack-${i}-${Date.now()}`)),
    );
    assert.deepEqual(
      results.filter((r) => r.status === 0 || r.status >= 500),
      [],
    );
    await assertRushInvariants(database.url, classId, {
      capacity: 30,
      answers: results.map((r) => r.body),
    });
  });

  test('a rolling restart under steady load: both processes replaced, not one request failed', async () => {
    let stop = false;
    const outcomes = { ok: 0, failed: [] };
    const worker = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${stack.base}/api/v1/childcare/programmes`);
          await res.arrayBuffer();
          if (res.status === 200) outcomes.ok++;
          else outcomes.failed.push(res.status);
        } catch (err) {
          outcomes.failed.push(String(err.cause?.code ?? err));
        }
      }
    };
    const load = Array.from({ length: 6 }, worker);
    await new Promise((r) => setTimeout(r, 500));
    stack.restart();
    await stack.waitFor('rolling restart: done');
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(load);
    assert.equal(stack.lines.filter((l) => l.includes('restarted API')).length, 2);
    assert.ok(outcomes.ok > 100, `steady load ran (${outcomes.ok} answers)`);
    assert.deepEqual(outcomes.failed, []);
  });
});

describe('per-IP limits behind nginx are keyed on the real client address', () => {
  let database;
  let stack;
  before(async () => {
    database = await createDatabase(ADMIN_URL, 'youth_hub_stack_ip');
    assert.ok(database, `no PostgreSQL at ${ADMIN_URL}`);
    stack = await startStack(database.url, { RUSH_LIMIT_PER_IP: '3' });
  });
  after(async () => {
    await stack?.stop();
    await database?.drop();
  });

  test('a forged X-Forwarded-For does not buy more tries; another address has its own', async () => {
    const classId = await openClass(stack.base, database.url, 30);
    const parents = await makeParents(database.url, 5, classId);
    // fresh addresses each run: the Redis counters outlive one run by the window
    const [a, b] = [
      `127.${randomInt(1, 255)}.${randomInt(1, 255)}.1`,
      `127.${randomInt(1, 255)}.${randomInt(1, 255)}.2`,
    ];
    const url = `${stack.base}/api/v1/childcare/enrollments`;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const p = parents[i];
      statuses.push(
        await postFrom(
          a,
          url,
          {
            authorization: `Bearer ${p.token}`,
            'idempotency-key': `ip-${i}-${Date.now()}`,
            'x-forwarded-for': `198.51.100.${i}`,
          },
          p.body,
        ),
      );
    }
    assert.deepEqual(
      statuses.slice(0, 3).map((s) => s < 429),
      [true, true, true],
    );
    assert.equal(statuses[3], 429);
    const p = parents[4];
    assert.notEqual(
      await postFrom(
        b,
        url,
        { authorization: `Bearer ${p.token}`, 'idempotency-key': `ip-4-${Date.now()}` },
        p.body,
      ),
      429,
    );
  });
});
