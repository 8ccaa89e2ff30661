// Faults: the API is killed (SIGKILL) after WeChat Pay's callback reached it and before the payment
// was written. The test holds the seat's row lock, so the callback's transaction is provably
// waiting at its first write when the process dies, and then lets go: the dead client's
// transaction never commits. A new process starts on the same address (WeChat keeps calling the
// notify_url it was given). Either WeChat's retry of the callback settles the order, or, when the
// retries are lost, the reconciliation job's query does; in both, the seat ends confirmed exactly
// once and the money is counted once. The fake WeChat Pay lives in this test's process, so it
// survives the kill, with real keys and signatures.
// Run: npm run test:faults (needs PostgreSQL: FAULTS_DATABASE_URL or DATABASE_URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { createDatabase, freePort, root } from '../../bench/lib/rush-world.mjs';

const { startFakeWechatPay } = await tsImport(
  '../../server/dev/fake-wechatpay/fake-wechatpay.ts',
  import.meta.url,
);

const ADMIN_URL =
  process.env.FAULTS_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const FEE = 50_000;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 number for a person born on 1998-06-<day>. */
function idNumber(seq) {
  const body = `310104199806${String(10 + seq).padStart(2, '0')}${String(300 + seq).slice(-3)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}
/** WeChat retries a callback it got no 2xx for; shortened so a restart is caught within seconds. */
const RETRIES_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

let database;
let fake;
let keysDir;
let db;

before(async () => {
  database = await createDatabase(ADMIN_URL, 'youth_hub_pay_faults');
  assert.ok(database, `no PostgreSQL at ${ADMIN_URL}`);
  fake = await startFakeWechatPay({ retryDelaysMs: RETRIES_MS });
  keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-pay-keys-'));
  fs.writeFileSync(path.join(keysDir, 'apiclient_key.pem'), fake.config.privateKeyPem);
  fs.writeFileSync(path.join(keysDir, 'pub_key.pem'), fake.config.platformPublicKeyPem);
  db = new pg.Client({ connectionString: database.url });
});

after(async () => {
  await db?.end().catch(() => undefined);
  await fake?.close();
  await database?.drop();
  if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
});

/** One API process on `port`, configured for the fake as a merchant would be; IPC for DEV_CLOCK. */
async function startApi(port) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        SEED_DEMO: '1',
        DEV_LOGIN: '1',
        DEV_CLOCK: '1',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        WECHAT_APPID: fake.config.appId,
        WECHATPAY_MCHID: fake.config.mchId,
        WECHATPAY_SERIAL: fake.config.serial,
        WECHATPAY_PRIVATE_KEY_PATH: path.join(keysDir, 'apiclient_key.pem'),
        WECHATPAY_APIV3_KEY: fake.config.apiV3Key,
        WECHATPAY_PLATFORM_PUBLIC_KEY_PATH: path.join(keysDir, 'pub_key.pem'),
        WECHATPAY_PLATFORM_PUBLIC_KEY_ID: fake.config.platformPublicKeyId,
        WECHATPAY_API_BASE: fake.baseUrl,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // its own process group: tsx runs the server in a child process, and the kill must hit both
      detached: true,
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  const exited = new Promise((r) => child.once('exit', r));
  let asked = 0;
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const id = ++asked;
      const onMessage = (m) => {
        if (m?.id !== id) return;
        child.off('message', onMessage);
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  return {
    base,
    child,
    advanceClock: (ms) => ask({ devClock: 'advance', ms }),
    runJob: async (name) => (await ask({ devClock: 'runJob', name })).handled,
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
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

let runs = 0;
/** A paid course of one seat and a learner holding it, with the hold's WeChat order open. */
async function learnerWithOpenOrder(api) {
  const n = ++runs;
  const staff = (
    await call(api.base, 'POST', '/auth/dev', null, {
      openid: `fault-pay-staff-${n}`,
      role: 'organizer',
    })
  ).token;
  const me = await call(api.base, 'GET', '/me', staff);
  const term = await call(api.base, 'POST', '/night-school/admin/terms', staff, {
    orgId: me.orgIds[0],
    name: `收费班故障演练${n}`,
    allocation: 'first_come',
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  const course = await call(
    api.base,
    'POST',
    `/night-school/admin/terms/${term.id}/courses`,
    staff,
    {
      title: `市民英语口语${n}`,
      category: '语言',
      teacher: '林老师',
      description: '12次课',
      venueName: '青年服务阵地',
      venueAddress: '上海市普陀区光复西路2899号',
      district: '普陀区',
      lat: 31.2262,
      lng: 121.4012,
      weekday: 2,
      startTime: '19:00',
      endTime: '20:30',
      startDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sessions: 12,
      capacity: 1,
      feeFen: FEE,
    },
  );
  const learner = (await call(api.base, 'POST', '/auth/dev', null, { openid: `fault-payer-${n}` }))
    .token;
  await call(api.base, 'PUT', '/me', learner, { name: '王小青', idNumber: idNumber(n) });
  const application = await call(api.base, 'POST', '/night-school/applications', learner, {
    courseId: course.id,
  });
  assert.equal(application.status, 'offered');
  const start = await call(
    api.base,
    'POST',
    `/night-school/applications/${application.id}/pay`,
    learner,
    {},
  );
  const outTradeNo = [...fake.orders.entries()].find(
    ([, o]) => o.prepayId === start.requestPayment.package.replace('prepay_id=', ''),
  )[0];
  return { courseId: course.id, applicationId: application.id, outTradeNo };
}

/**
 * WeChat takes the money and calls back while the test holds the seat's row: the callback's
 * transaction waits at its first write. Resolves once PostgreSQL shows it waiting; `release` lets
 * go of the row (ROLLBACK, nothing of ours was written).
 */
async function payWhileHoldingTheSeat(applicationId, outTradeNo) {
  await db.query('BEGIN');
  await db.query('SELECT id FROM ns_applications WHERE id = $1 FOR UPDATE', [applicationId]);
  const delivered = fake.deliveries.length;
  const paying = fake.pay(outTradeNo);
  for (let i = 0; ; i++) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    if (rows[0].n > 0) break;
    if (i > 200) throw new Error('the callback never reached the database');
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(fake.deliveries.length, delivered, 'the first callback has no answer yet');
  return { paying, release: () => db.query('ROLLBACK') };
}

async function settled(applicationId) {
  const { rows } = await db.query(
    `SELECT a.status, c.taken, c.capacity,
       (SELECT count(*)::int FROM payment_orders o WHERE o.payable_kind = 'ns_application' AND o.payable_id = a.id) AS orders,
       (SELECT coalesce(sum(o.paid_fen), 0)::int FROM payment_orders o WHERE o.payable_kind = 'ns_application' AND o.payable_id = a.id AND o.status = 'paid') AS paid_fen,
       (SELECT o.flag FROM payment_orders o WHERE o.payable_kind = 'ns_application' AND o.payable_id = a.id) AS flag,
       (SELECT count(*)::int FROM payment_refunds r JOIN payment_orders o ON o.id = r.order_id WHERE o.payable_id = a.id) AS refunds
     FROM ns_applications a JOIN ns_courses c ON c.id = a.course_id WHERE a.id = $1`,
    [applicationId],
  );
  return rows[0];
}

async function until(check, what) {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

const ONCE = {
  status: 'confirmed',
  taken: 1,
  capacity: 1,
  orders: 1,
  paid_fen: FEE,
  flag: null,
  refunds: 0,
};

test('kill -9 between the callback and our write: WeChat’s retry settles it, once', async () => {
  await db.connect();
  const port = await freePort();
  let api = await startApi(port);
  try {
    const { applicationId, outTradeNo } = await learnerWithOpenOrder(api);
    const { paying, release } = await payWhileHoldingTheSeat(applicationId, outTradeNo);
    await api.kill9();
    await release();
    await paying; // the first delivery: no answer (the process died with it)
    assert.equal(fake.deliveries.at(-1), 0);
    assert.equal((await settled(applicationId)).status, 'offered', 'nothing was written');

    api = await startApi(port); // the same notify_url, as a restarted service keeps
    await until(async () => (await settled(applicationId)).status === 'confirmed', 'settled');
    assert.deepEqual(await settled(applicationId), ONCE);
    assert.equal(fake.deliveries.at(-1), 204, 'the retry that settled it was answered 2xx');
    assert.equal(fake.retrying(), 0, 'WeChat stops retrying once answered');

    // a late duplicate of the same callback, and the job's query, change nothing
    const again = fake.notification('TRANSACTION.SUCCESS', {
      appid: fake.config.appId,
      mchid: fake.config.mchId,
      out_trade_no: outTradeNo,
      transaction_id: fake.orders.get(outTradeNo).transactionId,
      trade_state: 'SUCCESS',
      amount: { total: FEE, payer_total: FEE, currency: 'CNY' },
    });
    assert.equal(await fake.deliver(again), 204);
    await api.advanceClock(5 * 60_000);
    await api.runJob('payments.reconcile');
    assert.deepEqual(await settled(applicationId), ONCE);
  } finally {
    await api.stop();
  }
});

test('kill -9 between the callback and our write, retries lost: the job’s query settles it, once', async () => {
  const port = await freePort();
  let api = await startApi(port);
  try {
    const { applicationId, outTradeNo } = await learnerWithOpenOrder(api);
    const { paying, release } = await payWhileHoldingTheSeat(applicationId, outTradeNo);
    await api.kill9();
    await release();
    await paying;
    fake.stopRetries(); // WeChat's callbacks never come back
    const callbacks = fake.deliveries.length;
    assert.equal((await settled(applicationId)).status, 'offered', 'nothing was written');

    api = await startApi(port);
    // a minute later (the server's clock) the order's callback is late: the job asks WeChat
    await api.advanceClock(2 * 60_000);
    await until(async () => {
      await api.runJob('payments.reconcile');
      return (await settled(applicationId)).status === 'confirmed';
    }, 'settled by the query');
    assert.deepEqual(await settled(applicationId), ONCE);
    assert.equal(
      fake.orders.get(outTradeNo).state,
      'SUCCESS',
      'WeChat has one payment for the order, and no refund',
    );
    assert.equal(fake.deliveries.length, callbacks, 'no callback reached the new process');
  } finally {
    await api.stop();
  }
});
