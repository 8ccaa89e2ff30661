// Batches across classes (docs/adr/0033-enroll-batches-across-classes.md): the enroll taps of one
// lane of classes go to the database together, whatever their class. Each tap still gets exactly
// its own answer, and a failing tap rolls back alone. Batches of two processes lock the children
// and then the classes they need in id order, so batches that share classes or children, arriving
// in opposite orders, wait for each other instead of deadlocking.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../server/src/db/db';
import * as repo from '../../../server/src/modules/childcare/repo';
import { enrollLane } from '../../../server/src/modules/childcare/service';
import { databaseCalls } from '../database-calls';
import { DB_KIND, freshDb, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  holdClassRow,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

jest.setTimeout(120_000);

const MESSAGES = { enrolled: '报名成功', waitlist: '候补第%s位', held: '', holdMinutes: null };

/** A tap as one process's lane sends it, without an Idempotency-Key. */
const tap = (classId: string, parentId: string, childIds: string[]): repo.EnrollTap => ({
  classId,
  parentId,
  tokenVersion: 0,
  childIds,
  now: new Date(AFTER_OPEN),
  today: '2026-12-01',
  groupKey: randomUUID(),
  claim: null,
});

describe(`enroll batches across classes (${DB_KIND})`, () => {
  let db: Db;
  let t: TestApp;
  let cat: Catalogue;
  beforeAll(async () => {
    db = await freshDb();
    t = await makeApp({ db, now: testClock(AFTER_OPEN).now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  const classes = async (n: number, capacity: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await makeClass(t, cat, { capacity }));
    return ids;
  };
  /** A second account linked to each family's child (an approved guardian), made after them. */
  const guardians = async (prefix: string, of: Family[]) => {
    const gs = await makeFamilies(t, prefix, of.length, 0);
    await db.query(
      `INSERT INTO child_accounts (child_id, user_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`,
      [of.map((f) => f.childIds[0]), gs.map((g) => g.userId)],
    );
    return gs;
  };
  const counters = async (ids: string[]) =>
    db.query<{ id: string; taken: number; waitlist_seq: number; tickets: number[] }>(
      `SELECT c.id::text AS id, c.taken, c.waitlist_seq,
              (SELECT coalesce(array_agg(e.waitlist_no ORDER BY e.waitlist_no), '{}') FROM cc_enrollments e
                WHERE e.class_id = c.id AND e.status = 'waitlisted') AS tickets
         FROM cc_classes c WHERE c.id = ANY ($1::bigint[]) ORDER BY c.id`,
      [ids],
    );

  it('one batch over three classes of a lane: each tap its own answer, as alone; a failing tap rolls back alone; one child from two accounts in two classes gets one seat', async () => {
    // three classes that share a lane, and an id of that lane no class has
    const made = await classes(12, 2);
    const lane = enrollLane(made[0]!);
    const [c1, c2, c3] = made.filter((id) => enrollLane(id) === lane);
    const none = [100, 101, 102, 103]
      .map((k) => String(Number(made[made.length - 1]) + k))
      .find((id) => enrollLane(id) === lane)!;

    const [leader, g0, g1, g2, g3, g4, thief, mother] = await makeFamilies(t, 'across', 8);
    const [grandpa] = await guardians('across-g', [mother!]);
    // c1 has 2 seats: the leader's and g0's; g1 waits. c2: g2 and mother; c3: g3 (grandpa refused)
    const taps = [
      () => enrollReq(t, g0!.token, c1!, g0!.childIds, 'across-g0'),
      () => enrollReq(t, g1!.token, c1!, g1!.childIds, 'across-g1'),
      () => enrollReq(t, g2!.token, c2!, g2!.childIds, 'across-g2'),
      () => enrollReq(t, g3!.token, c3!, g3!.childIds, 'across-g3'),
      () => enrollReq(t, thief!.token, c3!, g4!.childIds, 'across-thief'),
      () => enrollReq(t, g4!.token, none, g4!.childIds, 'across-none'),
      () => enrollReq(t, mother!.token, c2!, mother!.childIds, 'across-mother'),
      () => enrollReq(t, grandpa!.token, c3!, mother!.childIds, 'across-grandpa'),
    ];
    // Another transaction holds c1, so the leader's call stays in flight until the rest of the
    // lane's taps have arrived: they must then leave together, in one statement.
    const holder = await holdClassRow(db, c1!);
    const { calls, result: answers } = await databaseCalls(db, async () => {
      const led = enrollReq(t, leader!.token, c1!, leader!.childIds, 'across-leader');
      await new Promise((r) => setTimeout(r, 200));
      const rest = Promise.all(taps.map((f) => f()));
      await new Promise((r) => setTimeout(r, 500));
      await holder.release();
      expect((await led).json()).toMatchObject({ status: 'enrolled', classId: c1 });
      return rest;
    });
    // the leader's call alone, then the 8 taps that arrived meanwhile in one
    expect(calls).toEqual({ statements: 2, transactions: 0 });

    const [a0, a1, a2, a3, stolen, noClass, byMother, byGrandpa] = answers;
    expect(a0!.json()).toMatchObject({ status: 'enrolled', position: null, classId: c1 });
    expect(a1!.json()).toMatchObject({ status: 'waitlisted', position: 1, classId: c1 });
    expect(a2!.json()).toMatchObject({ status: 'enrolled', classId: c2 });
    expect(a3!.json()).toMatchObject({ status: 'enrolled', classId: c3 });
    expect([stolen!.statusCode, stolen!.json().code]).toEqual([404, 'CC_CHILD_NOT_FOUND']);
    expect([noClass!.statusCode, noClass!.json().code]).toEqual([404, 'CC_CLASS_NOT_FOUND']);
    // the mother's tap comes first in the batch (lower user id) and is seated; the grandpa's tap
    // for the same child in c3 is refused and its rows, its key claim included, roll back alone
    expect(byMother!.json()).toMatchObject({ status: 'enrolled', classId: c2 });
    expect([byGrandpa!.statusCode, byGrandpa!.json().code]).toEqual([409, 'CC_PERIOD_TAKEN']);
    const [left] = await db.query<{ keys: number; thief: number; g4: number }>(
      `SELECT (SELECT count(*)::int FROM idempotency_keys WHERE user_id = ANY ($1::bigint[])) AS keys,
              (SELECT count(*)::int FROM cc_enrollments WHERE parent_id = $2) AS thief,
              (SELECT count(*)::int FROM cc_enrollments WHERE child_id = $3) AS g4`,
      [[grandpa!.userId, thief!.userId], thief!.userId, g4!.childIds[0]],
    );
    expect(left).toEqual({ keys: 0, thief: 0, g4: 0 });

    expect(await counters([c1!, c2!, c3!])).toEqual([
      { id: c1, taken: 2, waitlist_seq: 1, tickets: [1] },
      { id: c2, taken: 2, waitlist_seq: 0, tickets: [] },
      { id: c3, taken: 1, waitlist_seq: 0, tickets: [] },
    ]);
  });

  it('many batches at once, over the same ten classes in opposite arrival orders: none deadlocks, every class sold exactly, tickets gap-free', async () => {
    const ids = await classes(10, 8);
    const families = await makeFamilies(t, 'opposite', 16 * 10);
    const batches = Array.from({ length: 16 }, (_, b) => {
      const order = b % 2 === 0 ? ids : [...ids].reverse();
      return order.map((classId, k) => {
        const f = families[b * 10 + k]!;
        return tap(classId, f.userId, f.childIds);
      });
    });
    const answers = (
      await Promise.all(batches.map((taps) => repo.enrollBatch(db, taps, MESSAGES)))
    ).flat();
    expect(answers.filter((a) => a.error)).toEqual([]);
    expect(answers.filter((a) => !a.error && a.body.status === 'enrolled')).toHaveLength(80);
    expect(await counters(ids)).toEqual(
      ids.map((id) => ({ id, taken: 8, waitlist_seq: 8, tickets: [1, 2, 3, 4, 5, 6, 7, 8] })),
    );
  });

  it('two children, each tapped from two accounts into two classes, by two batches in opposite orders, many pairs at once: one seat each, the other tap refused, no deadlock', async () => {
    const pairs = 12;
    // one class per batch, none shared: only the children are common to the two batches of a pair
    const ids = await classes(2 * pairs, 4);
    const parents = await makeFamilies(t, 'crossed', 2 * pairs);
    // created after the parents: every guardian's user id is higher than every parent's
    const linked = await guardians('crossed-g', parents);
    const runs = Array.from({ length: pairs }, (_, k) => {
      const [px, py] = [parents[2 * k]!, parents[2 * k + 1]!];
      const [gx, gy] = [linked[2 * k]!, linked[2 * k + 1]!];
      const [x, y] = [px.childIds, py.childIds];
      // in (user id) order the first batch seats x then y, the second y then x
      return [
        repo.enrollBatch(
          db,
          [tap(ids[2 * k]!, px.userId, x), tap(ids[2 * k]!, gy.userId, y)],
          MESSAGES,
        ),
        repo.enrollBatch(
          db,
          [tap(ids[2 * k + 1]!, py.userId, y), tap(ids[2 * k + 1]!, gx.userId, x)],
          MESSAGES,
        ),
      ];
    });
    const answers = (await Promise.all(runs.flat())).flat();
    const errors = answers.flatMap((a) => (a.error ? [a.error] : []));
    // every refusal is the one-child-one-period rule, never a deadlock
    expect(new Set(errors.map((e) => `${e.code} ${e.constraint}`))).toEqual(
      new Set(['23505 cc_enrollments_child_period_live']),
    );
    expect(errors).toHaveLength(2 * pairs);
    const [live] = await db.query<{ children: number; rows: number }>(
      `SELECT count(DISTINCT child_id)::int AS children, count(*)::int AS rows FROM cc_enrollments
        WHERE child_id = ANY ($1::bigint[]) AND status IN ('enrolled', 'waitlisted', 'offered')`,
      [parents.map((p) => p.childIds[0])],
    );
    expect(live).toEqual({ children: 2 * pairs, rows: 2 * pairs });
  });
});

describe(`a batch across classes, one of them held past the lock timeout (${DB_KIND})`, () => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await freshDb({ lockTimeoutMs: 300 });
    t = await makeApp({ db, now: testClock(AFTER_OPEN).now });
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('answers every tap of the batch 503 SERVER_BUSY, the free class’s too, writes nothing of it, and the retries are seated', async () => {
    const cat = await makeCatalogue(t);
    const made: string[] = [];
    for (let i = 0; i < 8; i++) made.push(await makeClass(t, cat, { capacity: 5 }));
    const [held, free] = made.filter((id) => enrollLane(id) === enrollLane(made[0]!));
    const [leader, f1, f2] = await makeFamilies(t, 'held', 3);
    const holder = await holdClassRow(db, held!);
    // the leader's call waits for the held class; the two taps behind it leave together
    const led = enrollReq(t, leader!.token, held!, leader!.childIds, 'held-leader');
    await new Promise((r) => setTimeout(r, 100));
    const [onFree, onHeld] = await Promise.all([
      enrollReq(t, f1!.token, free!, f1!.childIds, 'held-tap-1'),
      enrollReq(t, f2!.token, held!, f2!.childIds, 'held-tap-2'),
    ]);
    await holder.release();
    for (const r of [await led, onFree!, onHeld!]) {
      expect([r.statusCode, r.json().code]).toEqual([503, 'SERVER_BUSY']);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const [left] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM cc_enrollments WHERE parent_id = ANY ($1::bigint[]))
            + (SELECT count(*) FROM idempotency_keys WHERE user_id = ANY ($1::bigint[])) AS n`,
      [[leader!.userId, f1!.userId, f2!.userId]],
    );
    expect(Number(left!.n)).toBe(0);

    const retry = await enrollReq(t, f1!.token, free!, f1!.childIds, 'held-tap-1');
    expect(retry.json()).toMatchObject({ status: 'enrolled', classId: free });
  });
});
