// Faults: PostgreSQL crashes (pg_ctl stop -m immediate) in the middle of a registration rush on two
// API processes, and is started again. While it is down the API answers at once with 503
// SERVICE_UNAVAILABLE + Retry-After (no hang, no 500) and both processes stay up; once it is back
// the API recovers by itself (its pools drop the dead connections), the parents' apps retry what
// failed with the same Idempotency-Key, and the rush's invariants hold.
// The server is a private one (initdb in a temp dir, its own port): never the shared one.
// Run: npm run test:faults (needs PostgreSQL's binaries, not a running server).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeParents, openClass, startServer } from '../../bench/lib/rush-world.mjs';
import { startPrivatePostgres } from './private-postgres.mjs';
import { enrollAsTheApp } from './rush-client.mjs';
import { assertRushInvariants } from './rush-invariants.mjs';

const PARENTS = 300;
const CAPACITY = 40;
// Parents 0..149 rush first and the crash hits them; 150..224 press while the database is down;
// 225..299 press once it is back.
const WAVES = [150, 225, PARENTS];
const CRASH_AFTER_SEATED = 20;

let postgres;
let a;
let b;

before(async () => {
  postgres = await startPrivatePostgres();
  a = await startServer(postgres.url);
  b = await startServer(postgres.url);
});

after(async () => {
  await a?.stop();
  await b?.stop();
  await postgres?.destroy();
});

/** Polls `check` every 50 ms until it holds; fails after `ms`. */
async function waitFor(what, check, ms = 20_000) {
  for (const until = Date.now() + ms; !(await check());) {
    if (Date.now() > until) assert.fail(`waited ${ms} ms for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function health(server) {
  try {
    const res = await fetch(`${server.base}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return { status: 0 };
  }
}

function assertBothAlive() {
  for (const s of [a, b])
    assert.ok(
      s.child.exitCode === null && s.child.signalCode === null,
      `API process ${s.base} died`,
    );
}

/** A waitFor check: both processes answer /health with `status`; either process dying fails at once. */
const bothHealth = (status) => async () => {
  assertBothAlive();
  return (await Promise.all([a, b].map(health))).every((h) => h.status === status);
};

const range = (from, to) => Array.from({ length: to - from }, (_, k) => from + k);
const ms = (x) => `${Math.round(x)} ms`;

test(
  'PostgreSQL restarted mid-rush: 503 while down, recovers by itself, invariants hold',
  { timeout: 120_000 },
  async (t) => {
    const started = performance.now();
    const classId = await openClass(a.base, postgres.url, CAPACITY);
    const parents = await makeParents(postgres.url, PARENTS, classId);
    const run = Date.now().toString(36);
    const answers = parents.map(() => []); // every answer each parent's phone got, in order
    const press = (i) =>
      enrollAsTheApp(i % 2 ? a : b, parents[i], `pgfault-${i}-${run}`, (r) =>
        answers[i].push(r),
      ).then((all) => all.at(-1));
    const seated = () => answers.filter((list) => list.some((r) => r.status === 201)).length;

    // 1. The rush starts; once 20 parents have their answer, the database crashes under the rest.
    const rush = range(0, WAVES[0]).map(press);
    await waitFor(`${CRASH_AFTER_SEATED} parents answered`, () => seated() >= CRASH_AFTER_SEATED);
    const crashAt = performance.now();
    const seatedBeforeCrash = seated();
    await postgres.stop('immediate');
    const downAt = performance.now();

    // 2. While it is down: both processes say so on /health, and a parent who presses now is told
    //    503 at once (the connection is refused, nothing waits for it).
    await waitFor('/health 503 on both processes', bothHealth(503));
    for (const h of await Promise.all([a, b].map(health)))
      assert.deepEqual([h.body.status, h.body.db.ok], ['degraded', false]);
    const outage = range(WAVES[0], WAVES[1]);
    const pressedDuringOutage = outage.map(press);
    await waitFor('a first answer for everyone who pressed during the outage', () =>
      outage.every((i) => answers[i].length > 0),
    );
    for (const i of outage) {
      const [r] = answers[i];
      assert.equal(r.status, 503, `parent ${i} pressed while the database was down`);
      assert.equal(r.body.code, 'SERVICE_UNAVAILABLE');
      assert.ok(Number(r.retryAfter) > 0, 'with a Retry-After the app waits out');
    }

    // 3. Started again: /health recovers by itself on both processes (nobody restarts the API).
    const restartAt = performance.now();
    await postgres.start();
    const upAt = performance.now();
    await waitFor('/health 200 on both processes', bothHealth(200));
    const healthyAt = performance.now();

    // 4. Parents who press now get their answer the first time: no dead pooled connection lingers.
    const late = range(WAVES[1], WAVES[2]);
    const lateFinals = await Promise.all(late.map(press));
    for (const i of late)
      assert.deepEqual(
        answers[i].map((r) => r.status),
        [201],
        `parent ${i} pressed after the restart`,
      );

    // 5. Everyone else's app retries (Retry-After, same key) and gets an answer.
    const finals = [
      ...(await Promise.all(rush)),
      ...(await Promise.all(pressedDuringOutage)),
      ...lateFinals,
    ];
    const allAnsweredAt = performance.now();
    assert.deepEqual(
      finals.filter((r) => r.status !== 201),
      [],
      'every parent is told 201 in the end',
    );
    const all = answers.flat();
    assert.deepEqual(
      all.filter((r) => r.status !== 201 && r.status !== 503),
      [],
      'never a 500, never a hang or a cut connection',
    );
    for (const r of all.filter((x) => x.status === 503))
      assert.equal(r.body.code, 'SERVICE_UNAVAILABLE');
    assertBothAlive();

    await assertRushInvariants(postgres.url, classId, {
      capacity: CAPACITY,
      answers: finals.map((r) => r.body),
    });

    const unavailable = all.filter((r) => r.status === 503);
    const cut = range(0, WAVES[0]).filter((i) => answers[i][0].status === 503).length;
    t.diagnostic(
      [
        `crash after ${seatedBeforeCrash} of ${WAVES[0]} answers; PostgreSQL down ${ms(upAt - crashAt)} (stop ${ms(downAt - crashAt)}, start ${ms(upAt - restartAt)});`,
        `${unavailable.length} answers 503 (${cut} rush requests cut at the crash, ${outage.length} pressed during the outage), slowest ${ms(Math.max(...unavailable.map((r) => r.ms)))};`,
        `/health 200 on both ${ms(healthyAt - upAt)} after PostgreSQL accepted connections;`,
        `all ${PARENTS} parents answered 201 ${ms(allAnsweredAt - upAt)} after the restart (retries: ${all.length - PARENTS});`,
        `${ms(performance.now() - started)} from opening the class to the last check`,
      ].join(' '),
    );
  },
);
