// Overload answers at once instead of queueing: an enroll that waits longer than the lock timeout
// for the class row (held here by another transaction) is answered 503 SERVER_BUSY with
// Retry-After, writes nothing, and its retry with the same key succeeds once the row is free.
// On PostgreSQL that is lock_timeout on the session; on PGlite, whose one connection runs a
// transaction alone, the same bound on the wait for a transaction in progress (PgliteDb).
import type { Db } from '../../../server/src/db/db';
import { DB_KIND, freshDb, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  holdClassRow,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from './fixtures';

const LOCK_TIMEOUT_MS = 300;

describe(`an enroll that waits too long for the class row (${DB_KIND})`, () => {
  let db: Db;
  let t: TestApp;
  let classId: string;
  beforeAll(async () => {
    db = await freshDb({ lockTimeoutMs: LOCK_TIMEOUT_MS });
    t = await makeApp({ db, now: testClock(AFTER_OPEN).now });
    classId = await makeClass(t, await makeCatalogue(t), { capacity: 5 });
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('is answered 503 SERVER_BUSY with Retry-After within the lock timeout, writes nothing, and its retry is seated', async () => {
    const [family] = await makeFamilies(t, 'busy', 1);
    const f = family!;
    const holder = await holdClassRow(db, classId);
    const started = Date.now();
    const res = await enrollReq(t, f.token, classId, f.childIds, 'busy-key-1');
    const waited = Date.now() - started;
    await holder.release();

    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      statusCode: 503,
      code: 'SERVER_BUSY',
      error: 'Service Unavailable',
      message: '当前报名人数较多，请稍候，系统会自动重试',
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(waited).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 50);
    expect(waited).toBeLessThan(LOCK_TIMEOUT_MS + 1500);
    const [left] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM cc_enrollments WHERE class_id = $1)
            + (SELECT count(*) FROM idempotency_keys WHERE user_id = $2) AS n`,
      [classId, f.userId],
    );
    expect(left!.n).toBe(0);

    const retry = await enrollReq(t, f.token, classId, f.childIds, 'busy-key-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.json().status).toBe('enrolled');
  });
});
