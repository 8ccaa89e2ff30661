// The night-school apply rush in one statement, batched per course (ns_apply, ns_apply_batch:
// migration 0045, docs/adr/0028-night-school-apply-in-one-statement.md). Many applies fired at
// once — residents double-tapping with the same Idempotency-Key, split between two API processes,
// for the last seats — sell the capacity exactly, answer each person once, and every 201 is in the
// database as it was answered. A batch's failing taps get their own refusals; the rest go on.
import type { Db } from '../../../server/src/db/db';
import { bearer, DB_KIND, freshDb, login, makeApp, testClock, type TestApp } from '../helper';
import { databaseCalls } from '../database-calls';
import { act, apply, createCourse, createTerm, organizer, residents } from './fixture';

jest.setTimeout(120_000);

const OPENS = '2026-03-01T02:00:00.000Z';
const CLOSES = '2026-03-05T14:00:00.000Z';

describe(`night-school apply rush, one statement batched per course (${DB_KIND})`, () => {
  const clock = testClock('2026-02-20T02:00:00.000Z');
  let db: Db;
  let a: TestApp;
  let b: TestApp;
  let staff: string;
  let termId: string;
  let lotteryTermId: string;
  beforeAll(async () => {
    db = await freshDb();
    a = await makeApp({ db, now: clock.now });
    b = await makeApp({ db, now: clock.now });
    staff = await organizer(a);
    termId = (
      await createTerm(a, staff, {
        allocation: 'first_come',
        opensAt: OPENS,
        closesAt: CLOSES,
        maxApplicationsPerPerson: 2,
      })
    ).id;
    lotteryTermId = (
      await createTerm(
        a,
        staff,
        { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
        '2026春季青年夜校（摇号）',
      )
    ).id;
    clock.set('2026-03-01T02:00:01.000Z');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  /** Each 201 as the database holds it now: the answered id with the answered status. */
  async function inDatabase(bodies: Array<{ id: string; status: string }>) {
    const rows = await db.query<{ id: string; status: string }>(
      'SELECT id::text AS id, status FROM ns_applications WHERE id = ANY ($1::bigint[])',
      [bodies.map((x) => x.id)],
    );
    const by = new Map(rows.map((r) => [r.id, r.status]));
    return bodies.filter((x) => by.get(x.id) !== x.status);
  }

  const courseCounts = async (courseId: string) =>
    (
      await db.query<{ taken: number; confirmed: number; waiting: number; queue: string[] }>(
        `SELECT c.taken,
                (SELECT count(*)::int FROM ns_applications x WHERE x.course_id = c.id AND x.status = 'confirmed') AS confirmed,
                (SELECT count(*)::int FROM ns_applications x WHERE x.course_id = c.id AND x.status = 'waitlisted') AS waiting,
                (SELECT coalesce(array_agg(x.user_id::text ORDER BY x.queue_no), '{}') FROM ns_applications x
                  WHERE x.course_id = c.id AND x.status = 'waitlisted') AS queue
           FROM ns_courses c WHERE c.id = $1`,
        [courseId],
      )
    )[0]!;

  it('300 residents double-tap with one key each, the two taps on two API processes, for 40 seats: 40 seated, 260 in line at places 1…260, one answer per person, every 201 in the database, no 5xx', async () => {
    const course = await createCourse(a, staff, termId, { title: '街舞', capacity: 40 });
    const people = await residents(a, 300, 'ns-rush-two-');
    const answers = await Promise.all(
      people.flatMap((p, i) =>
        [a, b].map(async (app) => {
          const res = await apply(app, p.token, course.id, `ns-rush-two-${i}`);
          return { person: i, status: res.statusCode, body: res.body };
        }),
      ),
    );
    expect(answers.filter((x) => x.status !== 201)).toEqual([]);
    const byPerson = new Map<number, string>();
    for (const x of answers) {
      if (byPerson.has(x.person)) expect(x.body).toBe(byPerson.get(x.person));
      else byPerson.set(x.person, x.body);
    }
    const told = [...byPerson.values()].map(
      (s) => JSON.parse(s) as { id: string; status: string; waitPosition: number | null },
    );
    expect(told.filter((x) => x.status === 'confirmed')).toHaveLength(40);
    const places = told.filter((x) => x.status === 'waitlisted').map((x) => x.waitPosition!);
    expect(places.sort((x, y) => x - y)).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    expect(await inDatabase(told)).toEqual([]);
    const counts = await courseCounts(course.id);
    expect({ taken: counts.taken, confirmed: counts.confirmed, waiting: counts.waiting }).toEqual({
      taken: 40,
      confirmed: 40,
      waiting: 260,
    });
    // one application and one key per person
    const [dup] = await db.query<{ apps: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM ns_applications WHERE course_id = $1) AS apps,
              (SELECT count(*)::int FROM idempotency_keys WHERE key LIKE 'ns-rush-two-%') AS keys`,
      [course.id],
    );
    expect(dup).toEqual({ apps: 300, keys: 300 });
  });

  it('the last seat: 60 residents at once for one seat — one is seated, 59 wait, the place told is the place held', async () => {
    const course = await createCourse(a, staff, termId, { title: '最后一席', capacity: 1 });
    const people = await residents(a, 60, 'ns-last-');
    const res = await Promise.all(
      people.map((p, i) => apply(i % 2 ? a : b, p.token, course.id, `ns-last-${i}`)),
    );
    expect(res.map((r) => r.statusCode)).toEqual(people.map(() => 201));
    const bodies = res.map((r) => r.json() as { id: string; status: string; waitPosition: number });
    expect(bodies.filter((x) => x.status === 'confirmed')).toHaveLength(1);
    expect(await inDatabase(bodies)).toEqual([]);
    const counts = await courseCounts(course.id);
    expect(counts.taken).toBe(1);
    // the waitlist order is the order the places were told in
    const waiting = people
      .map((p, i) => ({ user: p.id, body: bodies[i]! }))
      .filter((x) => x.body.status === 'waitlisted')
      .sort((x, y) => x.body.waitPosition - y.body.waitPosition);
    expect(waiting.map((x) => x.body.waitPosition)).toEqual(
      Array.from({ length: 59 }, (_, i) => i + 1),
    );
    expect(counts.queue).toEqual(waiting.map((x) => x.user));
  });

  it('a batch: taps that arrive while the course’s call is in flight leave together in one statement; a second application, a reused key, a revoked session, an under-age person and one over the limit each get their own refusal and leave nothing behind', async () => {
    const course = await createCourse(a, staff, termId, { title: '批量', capacity: 3 });
    const other = await createCourse(a, staff, termId, { title: '另一门', capacity: 5 });
    const [leader, ...good] = await residents(a, 6, 'ns-batch-good-');
    const [twice, reuser, revoked, full] = await residents(a, 4, 'ns-batch-bad-');
    const [young] = await residents(a, 1, 'ns-batch-young-', '2012-05-01');
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [
      revoked!.id,
    ]);
    // the reuser's key already answered an apply to the other course; `full` holds 2 applications
    expect((await apply(a, reuser!.token, other.id, 'ns-batch-reused')).statusCode).toBe(201);
    const extra = await createCourse(a, staff, termId, { title: '第三门', capacity: 5 });
    expect((await apply(a, full!.token, other.id)).statusCode).toBe(201);
    expect((await apply(a, full!.token, extra.id)).statusCode).toBe(201);

    const taps = [
      ...good.map((p, i) => () => apply(a, p.token, course.id, `ns-batch-good-${i}`)),
      // the same tap twice (a double tap): the second replays the first's answer
      () => apply(a, good[0]!.token, course.id, 'ns-batch-good-0'),
      () => apply(a, twice!.token, course.id, 'ns-batch-twice-1'),
      () => apply(a, twice!.token, course.id, 'ns-batch-twice-2'),
      () => apply(a, reuser!.token, course.id, 'ns-batch-reused'),
      () => apply(a, revoked!.token, course.id, 'ns-batch-revoked'),
      () => apply(a, young!.token, course.id, 'ns-batch-young'),
      () => apply(a, full!.token, course.id, 'ns-batch-full'),
    ];
    // Another transaction holds the course row, so the leader's call stays in flight until the
    // rest have arrived: they must then leave together, in one statement.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT id FROM ns_courses WHERE id = $1 FOR UPDATE', [course.id]);
      locked();
      await released;
    });
    await isLocked;
    const { calls, result: answers } = await databaseCalls(db, async () => {
      const led = apply(a, leader!.token, course.id, 'ns-batch-leader');
      await new Promise((r) => setTimeout(r, 200));
      const rest = Promise.all(taps.map((t) => t()));
      await new Promise((r) => setTimeout(r, 500));
      release();
      await holder;
      expect((await led).statusCode).toBe(201);
      return rest;
    });
    // the leader's call alone, then the 12 taps that arrived meanwhile in one; no transaction
    expect(calls).toEqual({ statements: 2, transactions: 0 });

    const [g0, g1, g2, g3, g4, replay, twice1, twice2, reused, revokedTap, youngTap, fullTap] =
      answers;
    const goods = [g0, g1, g2, g3, g4];
    for (const r of goods) expect(r!.statusCode).toBe(201);
    // the leader took one of the 3 seats before the batch
    expect(goods.map((r) => r!.json().status as string).sort()).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
    expect(replay!.statusCode).toBe(201);
    expect(replay!.headers['idempotent-replayed']).toBe('true');
    expect(replay!.json()).toEqual(g0!.json());

    // the same person with two keys: one is answered, the other refused 409, its key released
    expect([twice1!.statusCode, twice2!.statusCode].sort()).toEqual([201, 409]);
    expect([twice1, twice2].find((r) => r!.statusCode === 409)!.json().code).toBe(
      'ALREADY_APPLIED',
    );
    expect(reused!.statusCode).toBe(422);
    expect(reused!.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(revokedTap!.statusCode).toBe(401);
    expect(revokedTap!.json().code).toBe('SESSION_REVOKED');
    expect(youngTap!.statusCode).toBe(403);
    expect(youngTap!.json()).toMatchObject({
      code: 'AGE_NOT_ELIGIBLE',
      message: '本学期课程面向18–40周岁青年，你现在13周岁',
    });
    expect(fullTap!.statusCode).toBe(409);
    expect(fullTap!.json()).toMatchObject({
      code: 'APPLICATION_LIMIT',
      message: '本学期每人最多报名2门课程，你已报满',
    });

    const [left] = await db.query<{ apps: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM ns_applications WHERE course_id = $1 AND user_id = ANY ($2::bigint[])) AS apps,
              (SELECT count(*)::int FROM idempotency_keys WHERE user_id = ANY ($2::bigint[])) AS keys`,
      [course.id, [twice!.id, reuser!.id, revoked!.id, young!.id, full!.id]],
    );
    // twice: one application and its one key; reuser: the key of the other course only
    expect(left).toEqual({ apps: 1, keys: 2 });
    const counts = await courseCounts(course.id);
    expect({ taken: counts.taken, confirmed: counts.confirmed, waiting: counts.waiting }).toEqual({
      taken: 3,
      confirmed: 3,
      waiting: 4,
    });
  });

  it('two batches of one course, on two processes, never deadlock over a double tap: each locks the course before any key', async () => {
    const course = await createCourse(a, staff, termId, { title: '锁序', capacity: 5 });
    const [lead, u0, u1] = await residents(a, 3, 'ns-lock-order-');
    // the per-person rows exist, so other transactions can hold them and stop a tap right there
    await db.query(
      'INSERT INTO ns_term_people (term_id, user_id) SELECT $1, unnest($2::bigint[])',
      [termId, [lead!.id, u1!.id]],
    );
    const hold = (userId: string) => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const done = db.transaction(async (tx) => {
        await tx.query(
          'SELECT 1 FROM ns_term_people WHERE term_id = $1 AND user_id = $2 FOR UPDATE',
          [termId, userId],
        );
        await released;
      });
      return { release, done };
    };
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const heldLead = hold(lead!.id);
    const heldU1 = hold(u1!.id);
    await pause(200);
    // u1's first tap on process a claims its key and stops at u1's row
    const x = apply(a, u1!.token, course.id, 'ns-lock-order-k1');
    await pause(200);
    // process b's call stops at the leader's row; u0 and u1's second tap queue behind it, one batch
    const led = apply(b, lead!.token, course.id, 'ns-lock-order-lead');
    await pause(200);
    const rest = [
      apply(b, u0!.token, course.id, 'ns-lock-order-u0'),
      apply(b, u1!.token, course.id, 'ns-lock-order-k1'),
    ];
    await pause(200);
    // b's batch (u0, then u1's key) runs; had it taken the course row at u0 before a's call, a's
    // call would now wait for the course while holding the key b's batch waits for
    heldLead.release();
    await heldLead.done;
    await pause(500);
    heldU1.release();
    await heldU1.done;
    const [first, leader, seated, second] = await Promise.all([x, led, ...rest]);
    for (const r of [first, leader, seated, second]) expect(r!.statusCode).toBe(201);
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['idempotent-replayed']).toBe('true');
  });

  it('a tap costs one statement and no transaction of its own: a seat, a waitlist place, a replay, a lottery application', async () => {
    const course = await createCourse(a, staff, termId, { title: '一句', capacity: 1 });
    const lottery = await createCourse(a, staff, lotteryTermId, { title: '摇号课', capacity: 1 });
    const [first, second] = await residents(a, 2, 'ns-one-stmt-');
    for (const [p, courseId, key, status] of [
      [first!, course.id, 'ns-one-stmt-1', 'confirmed'],
      [second!, course.id, 'ns-one-stmt-2', 'waitlisted'],
      [second!, course.id, 'ns-one-stmt-2', 'waitlisted'],
      [first!, lottery.id, 'ns-one-stmt-3', 'applied'],
    ] as const) {
      const { calls, result: res } = await databaseCalls(db, () =>
        apply(a, p.token, courseId, key),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().status).toBe(status);
      expect(calls).toEqual({ statements: 1, transactions: 0 });
    }
  });

  it('the waitlist place comes from counters that follow people leaving the line: after two leave, the next is told the place the line gives them', async () => {
    const course = await createCourse(a, staff, termId, { title: '排队', capacity: 1 });
    const people = await residents(a, 5, 'ns-line-');
    const told: Array<{ id: string; waitPosition: number | null }> = [];
    for (const p of people.slice(0, 4)) told.push((await apply(a, p.token, course.id)).json());
    expect(told.map((x) => x.waitPosition)).toEqual([null, 1, 2, 3]);
    // the second in line leaves, and the seated person gives the seat up (the first in line is offered it)
    expect((await act(a, people[2]!.token, told[2]!.id, 'withdraw')).statusCode).toBe(200);
    expect((await act(a, people[0]!.token, told[0]!.id, 'withdraw')).statusCode).toBe(200);
    const next = (await apply(a, people[4]!.token, course.id)).json();
    expect(next).toMatchObject({
      status: 'waitlisted',
      waitPosition: 2,
      reason: '候补第2位，有人放弃时按顺序递补',
    });
    const mine = await a.app.inject({
      method: 'GET',
      url: '/api/v1/night-school/me',
      headers: bearer(people[4]!.token),
    });
    expect(mine.json().items[0].application).toEqual(next);
  });

  it('a token signed before a logout is refused 401 SESSION_REVOKED by the same statement, and leaves nothing behind', async () => {
    const course = await createCourse(a, staff, termId, { title: '登出', capacity: 5 });
    const token = await login(a.app, 'ns-one-stmt-logout');
    const me = (
      await a.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
    ).json().id as string;
    await db.query(`UPDATE users SET birth_date = '1998-05-01' WHERE id = $1`, [me]);
    expect(
      (await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) }))
        .statusCode,
    ).toBe(204);
    const res = await apply(a, token, course.id, 'ns-logout-1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'SESSION_REVOKED',
      error: 'Unauthorized',
      message: '登录已失效，请重新登录',
    });
    const [left] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM ns_applications WHERE user_id = $1)
            + (SELECT count(*) FROM idempotency_keys WHERE user_id = $1) AS n`,
      [me],
    );
    expect(Number(left!.n)).toBe(0);
  });
});
