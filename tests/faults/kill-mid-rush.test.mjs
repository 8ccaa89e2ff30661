// Faults: one of two API processes is killed (SIGKILL: no shutdown, requests cut mid-flight) in
// the middle of a registration rush on PostgreSQL. Parents whose request died retry on the other
// process with the same Idempotency-Key, as the app does. Afterwards nothing is oversold, nothing
// a parent was told is missing, nothing is half-written, and the waitlist has no gaps.
// Run: npm run test:faults (needs PostgreSQL: FAULTS_DATABASE_URL or DATABASE_URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createDatabase, makeParents, openClass, startServer } from '../../bench/lib/rush-world.mjs';

const ADMIN_URL = process.env.FAULTS_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
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

async function enroll(server, parent, key) {
  try {
    const res = await fetch(`${server.base}/api/v1/childcare/enrollments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${parent.token}`, 'idempotency-key': key },
      body: parent.body,
    });
    return { status: res.status, body: await res.json() };
  } catch (err) {
    return { status: 0, error: String(err) }; // the connection died with the process
  }
}

test('kill -9 one of two API processes mid-rush: no oversell, every 201 in the database, no gaps', async () => {
  const classId = await openClass(a.base, database.url, CAPACITY);
  const parents = await makeParents(database.url, PARENTS, classId);
  const keys = parents.map((_, i) => `fault-${i}-${Date.now().toString(36)}`);

  // Everyone presses at once, split over both processes; A dies while its requests are in flight.
  const first = parents.map((p, i) => enroll(i % 2 ? a : b, p, keys[i]));
  await new Promise((r) => setTimeout(r, 100));
  await a.kill9();
  const results = await Promise.all(first);
  assert.equal(a.child.signalCode, 'SIGKILL');
  const lost = results.filter((r) => r.status === 0 || r.status >= 500).length;
  assert.ok(lost > 0, 'the kill should have cut some requests');

  // The app retries what failed, on the surviving process, with the same key.
  for (let i = 0; i < parents.length; i++) {
    if (results[i].status === 0 || results[i].status >= 500) results[i] = await enroll(b, parents[i], keys[i]);
  }
  assert.deepEqual(results.filter((r) => r.status !== 201), [], 'every parent has an answer in the end');

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const { rows: rowsAll } = await db.query('SELECT id::text AS id, child_id::text AS child_id, status, waitlist_no FROM cc_enrollments WHERE class_id = $1', [classId]);
    const byId = new Map(rowsAll.map((r) => [r.id, r]));
    const enrolled = rowsAll.filter((r) => r.status === 'enrolled');
    assert.equal(enrolled.length, CAPACITY, 'sold exactly the capacity, never more');
    const [{ taken }] = (await db.query('SELECT taken FROM cc_classes WHERE id = $1', [classId])).rows;
    assert.equal(Number(taken), CAPACITY, 'the seat counter agrees with the rows');
    assert.equal(new Set(rowsAll.map((r) => r.child_id)).size, rowsAll.length, 'no child twice');
    assert.equal(rowsAll.length, PARENTS, 'one enrollment per parent, nothing lost, nothing doubled');
    // every 201 a parent saw is in the database with the status they were told
    for (const r of results) {
      for (const id of r.body.enrollmentIds) assert.equal(byId.get(id)?.status, r.body.status, `enrollment ${id}`);
    }
    const numbers = rowsAll.filter((r) => r.status === 'waitlisted').map((r) => Number(r.waitlist_no)).sort((x, y) => x - y);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'waitlist 1..N without gaps');
  } finally {
    await db.end();
  }
});
