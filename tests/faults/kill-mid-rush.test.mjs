// Faults: one of two API processes is killed (SIGKILL: no shutdown, requests cut mid-flight) in
// the middle of a registration rush on PostgreSQL. Parents whose request died retry on the other
// process with the same Idempotency-Key, as the app does. Afterwards nothing is oversold, nothing
// a parent was told is missing, nothing is half-written, and the waitlist has no gaps.
// Run: npm run test:faults (needs PostgreSQL: FAULTS_DATABASE_URL or DATABASE_URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createDatabase,
  makeParents,
  openClass,
  startServer,
} from '../../bench/lib/rush-world.mjs';
import { enroll } from './rush-client.mjs';
import { assertRushInvariants } from './rush-invariants.mjs';

const ADMIN_URL =
  process.env.FAULTS_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const PARENTS = 600; // enough that the killed process still has requests in flight
const CAPACITY = 35;

let database;
let a;
let b;

before(async () => {
  database = await createDatabase(ADMIN_URL, 'youth_hub_faults');
  assert.ok(database, `no PostgreSQL at ${ADMIN_URL}`);
  a = await startServer(database.url);
  b = await startServer(database.url);
});

after(async () => {
  await a?.stop();
  await b?.stop();
  await database?.drop();
});

test('kill -9 one of two API processes mid-rush: no oversell, every 201 in the database, no gaps', async () => {
  const classId = await openClass(a.base, database.url, CAPACITY);
  const parents = await makeParents(database.url, PARENTS, classId);
  const keys = parents.map((_, i) => `fault-${i}-${Date.now().toString(36)}`);

  // Everyone presses at once, split over both processes; A dies while its requests are in flight.
  const sentToA = (i) => i % 2 === 1;
  const first = parents.map((p, i) => enroll(sentToA(i) ? a : b, p, keys[i]));
  await new Promise((r) => setTimeout(r, 100));
  await a.kill9();
  const results = await Promise.all(first);
  assert.equal(a.child.signalCode, 'SIGKILL');
  const cut = (r) => r.status === 0 || r.status >= 500;

  // Only what was sent to A may fail: the survivor answers every first request it got, and A's
  // requests were either answered before the kill or cut by it.
  const survivorFailures = results.filter((r, i) => !sentToA(i) && r.status !== 201);
  assert.deepEqual(
    survivorFailures.map((r) => r.status),
    [],
    'the surviving process answers every first request with 201',
  );
  assert.deepEqual(
    results.filter((r, i) => sentToA(i) && r.status !== 201 && !cut(r)).map((r) => r.status),
    [],
    "A's requests: 201 or cut",
  );
  const lost = results.filter((r, i) => sentToA(i) && cut(r)).length;
  assert.ok(lost > 0, 'the kill should have cut some requests');

  // The app retries what was cut, on the surviving process, with the same key.
  for (let i = 0; i < parents.length; i++) {
    if (sentToA(i) && cut(results[i])) results[i] = await enroll(b, parents[i], keys[i]);
  }
  assert.deepEqual(
    results.filter((r) => r.status !== 201),
    [],
    'every parent has an answer in the end',
  );

  await assertRushInvariants(database.url, classId, {
    capacity: CAPACITY,
    answers: results.map((r) => r.body),
  });
});
