// The shift sign-up rush in one statement, batched per shift (vol_sign_up, vol_sign_up_batch:
// migration 0048, docs/adr/0031-volunteer-sign-up-in-one-statement.md). Many sign-ups fired at
// once — volunteers double-tapping with the same Idempotency-Key, split between two API processes,
// for the last places — fill the shift exactly, answer each person once, and every 201 is in the
// database as it was answered. A batch's failing taps get their own refusals; the rest go on. Two
// shifts' batches that meet on the same people's overlapping sign-ups do not deadlock.
import type { Db, Queryable } from '../../../server/src/db/db';
import { bearer, DB_KIND, freshDb, makeApp, testClock, type TestApp } from '../helper';
import { databaseCalls } from '../database-calls';
import { createShift, createTask, signUp, teamOrganizer, volunteers } from './fixtures';

jest.setTimeout(120_000);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A transaction that holds what `hold` locks or writes until released (the test's hand on a lock),
 * then commits, or rolls back with `undo`.
 */
function holding(db: Db, hold: (tx: Queryable) => Promise<unknown>, undo = false) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const done = db
    .transaction(async (tx) => {
      await hold(tx);
      held();
      await released;
      if (undo) throw new Error('rolled back');
    })
    .catch((err: unknown) => {
      if (!undo) throw err;
    });
  return { isHeld, release: async () => (release(), done) };
}

describe(`volunteer sign-up rush, one statement batched per shift (${DB_KIND})`, () => {
  const clock = testClock('2026-12-01T00:00:00Z');
  let db: Db;
  let a: TestApp;
  let b: TestApp;
  let lead: string;
  let taskId: string;
  beforeAll(async () => {
    db = await freshDb();
    a = await makeApp({ db, now: clock.now });
    b = await makeApp({ db, now: clock.now });
    const o = await teamOrganizer(a);
    lead = o.token;
    taskId = (await createTask(a, lead, o.teamId)).id;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  const shift = (startsAt: string, endsAt: string, needed: number) =>
    createShift(a, lead, taskId, { startsAt, endsAt, needed });

  /** n volunteers with their user ids (dev login: openid `dev:<prefix>-<i>`). */
  async function people(n: number, prefix: string) {
    const tokens = await volunteers(a, n, prefix);
    const rows = await db.query<{ id: string; openid: string }>(
      `SELECT id::text AS id, openid FROM users WHERE openid LIKE $1`,
      [`dev:${prefix}-%`],
    );
    const ids = new Map(rows.map((r) => [r.openid, r.id]));
    return tokens.map((token, i) => ({ token, id: ids.get(`dev:${prefix}-${i}`)! }));
  }

  const shiftCounts = async (shiftId: string) =>
    (
      await db.query<{ filled: number; active: number }>(
        `SELECT s.filled, (SELECT count(*)::int FROM volunteer_signups g WHERE g.shift_id = s.id AND g.status = 'active') AS active
           FROM volunteer_shifts s WHERE s.id = $1`,
        [shiftId],
      )
    )[0]!;

  it('300 volunteers double-tap with one key each, the two taps on two API processes, for the last 40 places: exactly 40 signed up, the rest SHIFT_FULL, both taps answered alike, every 201 in the database, no 5xx', async () => {
    const s = await shift('2026-12-05T01:00:00Z', '2026-12-05T03:00:00Z', 50);
    // 10 places went before the rush
    for (const p of await people(10, 'vol-rush-early'))
      expect((await signUp(a, p.token, s.id)).statusCode).toBe(201);
    const crowd = await people(300, 'vol-rush-two');
    const answers = await Promise.all(
      crowd.flatMap((p, i) =>
        [a, b].map(async (app) => {
          const res = await signUp(app, p.token, s.id, { 'idempotency-key': `vol-rush-two-${i}` });
          return { person: i, status: res.statusCode, body: res.body };
        }),
      ),
    );
    expect(answers.filter((x) => x.status >= 500)).toEqual([]);
    const byPerson = new Map<number, { status: number; body: string }>();
    for (const x of answers) {
      const first = byPerson.get(x.person);
      if (first) expect({ status: x.status, body: x.body }).toEqual(first);
      else byPerson.set(x.person, { status: x.status, body: x.body });
    }
    const told = [...byPerson.values()];
    const signed = told.filter((x) => x.status === 201).map((x) => JSON.parse(x.body));
    expect(signed).toHaveLength(40);
    expect(
      new Set(told.filter((x) => x.status !== 201).map((x) => JSON.parse(x.body).code)),
    ).toEqual(new Set(['SHIFT_FULL']));
    // every 201 is an active sign-up of this shift with the id told
    const rows = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM volunteer_signups WHERE id = ANY ($1::bigint[]) AND shift_id = $2 AND status = 'active'`,
      [signed.map((x: { id: string }) => x.id), s.id],
    );
    expect(rows).toHaveLength(40);
    expect(await shiftCounts(s.id)).toEqual({ filled: 50, active: 50 });
    // one key per person, each holding the answer given (a refused tap leaves no key)
    const [keys] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'vol-rush-two-%'`,
    );
    expect(keys!.n).toBe(40);
  });

  it('a batch: taps that arrive while the shift’s call is in flight leave together in one statement; a second sign-up, a reused key, a revoked session, a barred volunteer, an overlap and the taps past the last place each get their own refusal and leave nothing behind', async () => {
    const s = await shift('2026-12-06T01:00:00Z', '2026-12-06T03:00:00Z', 7);
    const elsewhere = await shift('2026-12-06T02:00:00Z', '2026-12-06T04:00:00Z', 5);
    const later = await shift('2026-12-07T01:00:00Z', '2026-12-07T03:00:00Z', 5);
    // made in this order, so the batch (in user-id order) takes them in this order too
    const [leader, ...good] = await people(6, 'vol-batch-good');
    const [twice, reuser, revoked, barred, busy] = await people(5, 'vol-batch-bad');
    const late = await people(2, 'vol-batch-late');
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [
      revoked!.id,
    ]);
    // two voids bar a volunteer (vol_void_bar)
    await db.query(
      `INSERT INTO volunteer_hours_ledger (user_id, kind, hours, reason, created_by, created_at)
       VALUES ($1, 'void', 0, '代签', $1, now()), ($1, 'void', 0, '代签', $1, now())`,
      [barred!.id],
    );
    // the reuser's key already answered a sign-up for another shift; `busy` has an overlapping one
    const first = await signUp(a, reuser!.token, later.id, {
      'idempotency-key': 'vol-batch-reused',
    });
    expect(first.statusCode).toBe(201);
    expect((await signUp(a, busy!.token, elsewhere.id)).statusCode).toBe(201);

    const tap = (p: { token: string }, key: string) => () =>
      signUp(a, p.token, s.id, { 'idempotency-key': key });
    const taps = [
      ...good.map((p, i) => tap(p, `vol-batch-good-${i}`)),
      // the same tap twice (a double tap): the second replays the first's answer
      tap(good[0]!, 'vol-batch-good-0'),
      tap(twice!, 'vol-batch-twice-1'),
      tap(twice!, 'vol-batch-twice-2'),
      tap(reuser!, 'vol-batch-reused'),
      tap(revoked!, 'vol-batch-revoked'),
      tap(barred!, 'vol-batch-barred'),
      tap(busy!, 'vol-batch-busy'),
      ...late.map((p, i) => tap(p, `vol-batch-late-${i}`)),
    ];
    // Another transaction holds the shift row, so the leader's call stays in flight until the
    // rest have arrived: they must then leave together, in one statement.
    const holder = holding(db, (tx) =>
      tx.query('SELECT id FROM volunteer_shifts WHERE id = $1 FOR UPDATE', [s.id]),
    );
    await holder.isHeld;
    const { calls, result: answers } = await databaseCalls(db, async () => {
      const led = signUp(a, leader!.token, s.id, { 'idempotency-key': 'vol-batch-leader' });
      await pause(200);
      const rest = Promise.all(taps.map((t) => t()));
      await pause(500);
      await holder.release();
      expect((await led).statusCode).toBe(201);
      return rest;
    });
    // the leader's call alone, then the 14 taps that arrived meanwhile in one; no transaction
    expect(calls).toEqual({ statements: 2, transactions: 0 });

    const [g0, g1, g2, g3, g4, replay, twice1, twice2, reused, revokedTap, barredTap, busyTap] =
      answers;
    const refusal = (r: (typeof answers)[number]) => [r!.statusCode, r!.json().code];
    for (const r of [g0, g1, g2, g3, g4]) expect(r!.statusCode).toBe(201);
    expect(replay!.statusCode).toBe(201);
    expect(replay!.headers['idempotent-replayed']).toBe('true');
    expect(replay!.body).toBe(g0!.body);
    // the same person with two keys: one is signed up, the other refused, its key released
    expect([twice1!.statusCode, twice2!.statusCode].sort()).toEqual([201, 409]);
    expect(refusal([twice1, twice2].find((r) => r!.statusCode === 409)!)).toEqual([
      409,
      'ALREADY_SIGNED_UP',
    ]);
    expect(refusal(reused)).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(refusal(revokedTap)).toEqual([401, 'SESSION_REVOKED']);
    expect(refusal(barredTap)).toEqual([403, 'VOLUNTEER_BARRED']);
    expect(busyTap!.json()).toMatchObject({
      statusCode: 409,
      code: 'SHIFT_OVERLAP',
      message: '与您已报名的「苏州河巡河」（12月6日 10:00–12:00）时间重叠',
    });
    // the leader, the 5 good ones and one tap of `twice` took the 7 places
    expect(answers.slice(12).map(refusal)).toEqual([
      [409, 'SHIFT_FULL'],
      [409, 'SHIFT_FULL'],
    ]);

    const [left] = await db.query<{ signups: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM volunteer_signups WHERE shift_id = $1 AND user_id = ANY ($2::bigint[])) AS signups,
              (SELECT count(*)::int FROM idempotency_keys WHERE user_id = ANY ($2::bigint[])) AS keys`,
      [s.id, [twice!.id, reuser!.id, revoked!.id, barred!.id, busy!.id, ...late.map((p) => p.id)]],
    );
    // twice: one sign-up and its one key; the reuser: the key of the other shift only
    expect(left).toEqual({ signups: 1, keys: 2 });
    expect(await shiftCounts(s.id)).toEqual({ filled: 7, active: 7 });
  });

  it('two shifts’ batches on two processes never deadlock over the same people’s overlapping sign-ups: each takes the people in user-id order', async () => {
    const x = await shift('2026-12-08T01:00:00Z', '2026-12-08T03:00:00Z', 10);
    const y = await shift('2026-12-08T02:00:00Z', '2026-12-08T04:00:00Z', 10);
    const [lx, ly] = await people(2, 'vol-lock-lead');
    const [u0, u1] = (await people(2, 'vol-lock-order')).sort((p, q) =>
      BigInt(p.id) < BigInt(q.id) ? -1 : 1,
    );
    // both shifts held, so each leader's call waits and the next two taps form one batch per shift
    const shifts = holding(db, (tx) =>
      tx.query('SELECT id FROM volunteer_shifts WHERE id = ANY ($1::bigint[]) FOR UPDATE', [
        [x.id, y.id],
      ]),
    );
    await shifts.isHeld;
    // u0's key for x and u1's key for y are held too, so each batch stops at its tap of the other
    // person: taken in arrival order, x would then hold u1's sign-up and y u0's, and each would go
    // on to wait for the other's person; in user-id order y never waits for x
    const key = holding(
      db,
      (tx) =>
        tx.query(
          `INSERT INTO idempotency_keys (user_id, key, route, request_hash)
           VALUES ($1, 'vol-lock-x0', 'held', 'held'), ($2, 'vol-lock-y1', 'held', 'held')`,
          [u0!.id, u1!.id],
        ),
      true,
    );
    const send = (app: TestApp, p: { token: string }, s: { id: string }, k: string) =>
      signUp(app, p.token, s.id, { 'idempotency-key': k });
    const leaders = [send(a, lx!, x, 'vol-lock-lx'), send(b, ly!, y, 'vol-lock-ly')];
    await pause(200);
    // x's taps arrive as u1, u0 on process a; y's as u0, u1 on process b
    const onX = [send(a, u1!, x, 'vol-lock-x1')];
    const onY = [send(b, u0!, y, 'vol-lock-y0')];
    await pause(50);
    onX.push(send(a, u0!, x, 'vol-lock-x0'));
    onY.push(send(b, u1!, y, 'vol-lock-y1'));
    await pause(200);
    await shifts.release();
    await key.isHeld;
    await pause(500);
    await key.release();
    const answers = await Promise.all([...leaders, ...onX, ...onY]);
    expect(answers.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(answers.slice(0, 2).map((r) => r.statusCode)).toEqual([201, 201]);
    // each of u0 and u1 is signed up for exactly one of the two overlapping shifts
    const [rx1, rx0, ry0, ry1] = answers.slice(2);
    for (const [onThis, onThat] of [
      [rx0, ry0],
      [rx1, ry1],
    ]) {
      expect([onThis!.statusCode, onThat!.statusCode].sort()).toEqual([201, 409]);
      expect([onThis, onThat].find((r) => r!.statusCode === 409)!.json().code).toBe(
        'SHIFT_OVERLAP',
      );
    }
    expect((await shiftCounts(x.id)).filled + (await shiftCounts(y.id)).filled).toBe(4);
  });

  it('a tap costs one statement and no transaction of its own: a sign-up, a replay, SHIFT_FULL, SHIFT_STARTED, SHIFT_NOT_FOUND', async () => {
    const s = await shift('2026-12-09T01:00:00Z', '2026-12-09T03:00:00Z', 1);
    const [first, second] = await people(2, 'vol-one-stmt');
    for (const [p, shiftId, key, status, code] of [
      [first!, s.id, 'vol-one-stmt-1', 201, undefined],
      [first!, s.id, 'vol-one-stmt-1', 201, undefined],
      [second!, s.id, 'vol-one-stmt-2', 409, 'SHIFT_FULL'],
      [second!, '999999', 'vol-one-stmt-3', 404, 'SHIFT_NOT_FOUND'],
    ] as const) {
      const { calls, result: res } = await databaseCalls(db, () =>
        signUp(a, p.token, shiftId, { 'idempotency-key': key }),
      );
      expect([res.statusCode, res.json().code]).toEqual([status, code]);
      expect(calls).toEqual({ statements: 1, transactions: 0 });
    }
    clock.set('2026-12-09T01:00:00Z');
    const started = await databaseCalls(db, () => signUp(a, second!.token, s.id));
    expect([started.result.statusCode, started.result.json().code]).toEqual([409, 'SHIFT_STARTED']);
    expect(started.calls).toEqual({ statements: 1, transactions: 0 });
    clock.set('2026-12-01T00:00:00Z');
  });

  it('a token signed before a logout is refused 401 SESSION_REVOKED by the same statement, and leaves nothing behind', async () => {
    const s = await shift('2026-12-10T01:00:00Z', '2026-12-10T03:00:00Z', 5);
    const [me] = await people(1, 'vol-logout');
    const out = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(me!.token),
    });
    expect(out.statusCode).toBe(204);
    const res = await signUp(a, me!.token, s.id, { 'idempotency-key': 'vol-logout-1' });
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'SESSION_REVOKED',
      error: 'Unauthorized',
      message: '登录已失效，请重新登录',
    });
    const [left] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM volunteer_signups WHERE user_id = $1)
            + (SELECT count(*)::int FROM idempotency_keys WHERE user_id = $1) AS n`,
      [me!.id],
    );
    expect(left!.n).toBe(0);
  });
});
