// Group commit by batching (docs/adr/0026-group-commit-by-batching.md): the enroll taps for one
// class that arrive while a call for it is in flight go to the database together, in one statement
// and one commit. Each tap still gets exactly its own answer: a refusal or an error in the batch
// rolls back only that tap's rows. And two API processes batching the same class at once, with each
// parent's double tap split between them, neither deadlock nor lose or duplicate anything.
import type { Db } from '../../../server/src/db/db';
import { DB_KIND, freshDb, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  holdClassRow,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
} from './fixtures';

jest.setTimeout(120_000);

/** The statements the app sends to the database while `fn` runs. */
async function statements<T>(db: Db, fn: () => Promise<T>): Promise<{ n: number; result: T }> {
  const { query } = db;
  let n = 0;
  db.query = (...args) => {
    n++;
    return query.apply(db, args) as never;
  };
  try {
    return { result: await fn(), n };
  } finally {
    db.query = query;
  }
}

describe(`enroll taps batched per class (${DB_KIND})`, () => {
  let db: Db;
  let a: TestApp;
  let b: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    db = await freshDb();
    a = await makeApp({ db, now: clock.now });
    b = await makeApp({ db, now: clock.now });
    cat = await makeCatalogue(a);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  const rowsOf = async (userId: string) =>
    (
      await db.query<{ enrollments: number; keys: number }>(
        `SELECT (SELECT count(*)::int FROM cc_enrollments WHERE parent_id = $1) AS enrollments,
                (SELECT count(*)::int FROM idempotency_keys WHERE user_id = $1) AS keys`,
        [userId],
      )
    )[0]!;

  it('failing taps in a batch (another family’s child, a reused key, the same child twice, a revoked session) get their own refusals; the others are seated or waitlisted as if alone', async () => {
    const classId = await makeClass(a, cat, { capacity: 4 });
    const [leader] = await makeFamilies(a, 'batch-leader', 1);
    const good = await makeFamilies(a, 'batch-good', 6);
    const [thief, reuser, twice, revoked] = await makeFamilies(a, 'batch-bad', 4);
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [
      revoked!.userId,
    ]);
    // the reuser's key already answered another request
    const first = await enrollReq(a, reuser!.token, classId, reuser!.childIds, 'batch-reused');
    expect(first.statusCode).toBe(201);

    const taps = [
      ...good.map((f, i) => () => enrollReq(a, f.token, classId, f.childIds, `batch-good-${i}`)),
      // the same tap twice (a double tap): the second replays the first's answer
      () => enrollReq(a, good[0]!.token, classId, good[0]!.childIds, 'batch-good-0'),
      () => enrollReq(a, thief!.token, classId, good[1]!.childIds, 'batch-thief'),
      () => enrollReq(a, reuser!.token, classId, good[2]!.childIds, 'batch-reused'),
      () => enrollReq(a, twice!.token, classId, twice!.childIds, 'batch-twice-1'),
      () => enrollReq(a, twice!.token, classId, twice!.childIds, 'batch-twice-2'),
      () => enrollReq(a, revoked!.token, classId, revoked!.childIds, 'batch-revoked'),
    ];
    // Another transaction holds the class row, so the leader's call stays in flight until the
    // rest have arrived: they must then leave together, in one statement.
    const holder = await holdClassRow(db, classId);
    const { n, result: answers } = await statements(db, async () => {
      const led = enrollReq(a, leader!.token, classId, leader!.childIds, 'batch-leader');
      await new Promise((r) => setTimeout(r, 200));
      const rest = Promise.all(taps.map((t) => t()));
      await new Promise((r) => setTimeout(r, 500));
      await holder.release();
      expect((await led).statusCode).toBe(201);
      return rest;
    });
    // the leader's call alone, then the 12 taps that arrived meanwhile in one
    expect(n).toBe(2);

    const [g0, g1, g2, g3, g4, g5, replay, stolen, reused, twice1, twice2, revokedTap] = answers;
    for (const r of [g0, g1, g2, g3, g4, g5]) expect(r!.statusCode).toBe(201);
    const statuses = [g0, g1, g2, g3, g4, g5].map((r) => r!.json().status as string).sort();
    // the reuser and the leader took two seats before the batch
    expect(statuses).toEqual([
      'enrolled',
      'enrolled',
      'waitlisted',
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
    const places = [g0, g1, g2, g3, g4, g5]
      .map((r) => r!.json().position as number | null)
      .filter((p) => p !== null)
      .sort();
    expect(places).toEqual([1, 2, 3, 4]);
    expect(replay!.statusCode).toBe(201);
    expect(replay!.headers['idempotent-replayed']).toBe('true');
    expect(replay!.json()).toEqual(g0!.json());

    expect(stolen!.statusCode).toBe(404);
    expect(stolen!.json().code).toBe('CC_CHILD_NOT_FOUND');
    expect(await rowsOf(thief!.userId)).toEqual({ enrollments: 0, keys: 0 });

    expect(reused!.statusCode).toBe(422);
    expect(reused!.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rowsOf(reuser!.userId)).toEqual({ enrollments: 1, keys: 1 });

    // the same child with two keys: one tap is answered, the other refused 409, its key released
    expect([twice1!.statusCode, twice2!.statusCode].sort()).toEqual([201, 409]);
    expect([twice1, twice2].find((r) => r!.statusCode === 409)!.json().code).toBe(
      'CC_PERIOD_TAKEN',
    );
    expect(await rowsOf(twice!.userId)).toEqual({ enrollments: 1, keys: 1 });

    expect(revokedTap!.statusCode).toBe(401);
    expect(revokedTap!.json().code).toBe('SESSION_REVOKED');
    expect(await rowsOf(revoked!.userId)).toEqual({ enrollments: 0, keys: 0 });

    const [counts] = await db.query<{ taken: number; enrolled: number; waiting: number }>(
      `SELECT c.taken,
              (SELECT count(*)::int FROM cc_enrollments e WHERE e.class_id = c.id AND e.status = 'enrolled') AS enrolled,
              (SELECT count(*)::int FROM cc_enrollments e WHERE e.class_id = c.id AND e.status = 'waitlisted') AS waiting
         FROM cc_classes c WHERE c.id = $1`,
      [classId],
    );
    expect(counts).toEqual({ taken: 4, enrolled: 4, waiting: 5 });
  });

  it('two processes batching one class at once, each double tap split between them: capacity sold exactly, one answer per parent, waitlist gap-free, no 5xx', async () => {
    const classId = await makeClass(a, cat, { capacity: 40 });
    const families = await makeFamilies(a, 'batch-two', 300);
    const answers = await Promise.all(
      families.flatMap((f, i) =>
        [a, b].map(async (app) => {
          const res = await enrollReq(app, f.token, classId, f.childIds, `batch-two-${i}`);
          return { family: i, status: res.statusCode, body: res.body };
        }),
      ),
    );
    expect(answers.filter((x) => x.status !== 201)).toEqual([]);
    const byFamily = new Map<number, string>();
    for (const x of answers) {
      if (byFamily.has(x.family)) expect(x.body).toBe(byFamily.get(x.family));
      else byFamily.set(x.family, x.body);
    }
    const [c] = await db.query<{ taken: number; enrolled: number; tickets: number[] }>(
      `SELECT c.taken,
              (SELECT count(*)::int FROM cc_enrollments e WHERE e.class_id = c.id AND e.status = 'enrolled') AS enrolled,
              (SELECT coalesce(array_agg(e.waitlist_no ORDER BY e.waitlist_no), '{}') FROM cc_enrollments e
                WHERE e.class_id = c.id AND e.status = 'waitlisted') AS tickets
         FROM cc_classes c WHERE c.id = $1`,
      [classId],
    );
    expect(c!.taken).toBe(40);
    expect(c!.enrolled).toBe(40);
    expect(c!.tickets).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    const told = [...byFamily.values()].map((s) => JSON.parse(s) as { status: string });
    expect(told.filter((x) => x.status === 'enrolled')).toHaveLength(40);
  });
});
