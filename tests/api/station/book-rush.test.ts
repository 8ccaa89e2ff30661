// The station bed rush in one statement, batched per room type (st_book, st_book_batch: migration
// 0047, docs/adr/0030-station-booking-in-one-statement.md). Many bookings fired at once —
// residents double-tapping with the same Idempotency-Key, split between two API processes, for
// the last beds — sell exactly the beds, answer each person alike for both taps, and every 201 is
// in the database as it was answered. A batch's failing taps get their own refusals and leave
// nothing behind; two batches of one room type never deadlock over a stay of several nights.
import type { Db } from '../../../server/src/db/db';
import * as repo from '../../../server/src/modules/station/repo';
import { DB_KIND, freshDb, makeApp, testClock, type TestApp } from '../helper';
import { databaseCalls } from '../database-calls';
import {
  book,
  invariantViolations,
  post,
  resident,
  residents,
  roomTypeId,
  stationIds,
  staffOf,
} from './station-helper';

jest.setTimeout(120_000);

const ROUTE = 'POST /api/v1/stations/:stationId/bookings';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The eligibility form of a booking as book-rush.ts hands it to the statement. */
const FORM = {
  declaredStatus: 'job_seeking',
  graduationDate: null,
  noLocalHome: true,
  proofNote: null,
  proofId: null,
};

describe(`station booking rush, one statement batched per room type (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let db: Db;
  let a: TestApp;
  let b: TestApp;
  let ids: { a: string; b: string };
  let staff: string;
  beforeAll(async () => {
    db = await freshDb();
    a = await makeApp({ db, now: clock.now });
    b = await makeApp({ db, now: clock.now });
    await a.app.jobs.runJob('station-inventory');
    ids = await stationIds(a);
    staff = await staffOf(a, 'staff-book-rush', ids.a);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  async function roomWithBeds(code: string, beds: number, gender = 'any'): Promise<string> {
    const res = await post(a, staff, `/${ids.a}/room-types`, {
      code,
      name: `房型${code}`,
      gender,
      beds,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  /** A booking tap as book-rush.ts hands it to st_book_batch (the account's token version set to 0). */
  const tapOf = (user: string, checkIn: string, key: string, nights = 1): repo.BookTap => ({
    userId: user,
    tokenVersion: 0,
    stationId: ids.a,
    checkIn,
    nights,
    form: FORM,
    now: clock.now(),
    today: '2026-07-30',
    claim: { userId: user, key, route: ROUTE, hash: key },
  });

  const userId = async (openid: string) =>
    (
      await db.query<{ id: string }>(`SELECT id::text AS id FROM users WHERE openid = $1`, [
        `dev:${openid}`,
      ])
    )[0]!.id;

  const taken = async (rt: string, from: string, to: string) =>
    (
      await db.query<{ taken: number }>(
        `SELECT taken FROM station_nights WHERE room_type_id = $1 AND night >= $2::date AND night < $3::date ORDER BY night`,
        [rt, from, to],
      )
    ).map((n) => n.taken);

  /** Each 201 as the database holds it now: the answered id with the answered status. */
  async function notInDatabase(bodies: Array<{ id: string; status: string }>) {
    const rows = await db.query<{ id: string; status: string }>(
      'SELECT id::text AS id, status FROM station_bookings WHERE id = ANY ($1::bigint[])',
      [bodies.map((x) => x.id)],
    );
    const by = new Map(rows.map((r) => [r.id, r.status]));
    return bodies.filter((x) => by.get(x.id) !== x.status);
  }

  it('150 residents double-tap with one key each, the two taps on two API processes, for the last 6 beds of a 2-night stay: 6 stays, both nights 6 taken, each person answered alike twice, every 201 in the database, no 5xx', async () => {
    const rt = await roomWithBeds('rush6', 6);
    const tokens = await residents(a, 'book-rush-two', 150);
    const stay = { roomTypeId: rt, checkIn: '2026-08-03', nights: 2 };
    const answers = await Promise.all(
      tokens.flatMap((tok, i) =>
        [a, b].map(async (app) => {
          const res = await book(app, tok, ids.a, stay, {
            'idempotency-key': `book-rush-two-${i}`,
          });
          return { person: i, status: res.statusCode, body: res.json() as Record<string, unknown> };
        }),
      ),
    );
    expect(answers.filter((x) => x.status >= 500)).toEqual([]);
    const byPerson = new Map<number, { status: number; body: Record<string, unknown> }>();
    for (const x of answers) {
      const first = byPerson.get(x.person);
      if (!first) byPerson.set(x.person, { status: x.status, body: x.body });
      else expect({ status: x.status, body: x.body }).toEqual(first);
    }
    const told = [...byPerson.values()];
    const sold = told
      .filter((x) => x.status === 201)
      .map((x) => x.body as { id: string; status: string });
    expect(sold).toHaveLength(6);
    expect(told.filter((x) => x.status === 409).map((x) => x.body.code)).toEqual(
      Array.from({ length: 144 }, () => 'NIGHT_FULL'),
    );
    expect(told.find((x) => x.status === 409)!.body.message).toBe(
      '8月3日房型rush6已满，请换个日期或房型',
    );
    expect(await notInDatabase(sold)).toEqual([]);
    expect(await taken(rt, '2026-08-02', '2026-08-06')).toEqual([0, 6, 6, 0]);
    // one key per seated person: a refused tap's key went with its rollback
    const [keys] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'book-rush-two-%'`,
    );
    expect(keys!.n).toBe(6);
    expect(await invariantViolations(a)).toEqual([]);
  });

  it('a batch: taps that arrive while the room type’s call is in flight leave together in one statement; a hold goes with the bookings, and a spent allowance, a second stay on the same nights, a reused key, a revoked session, an under-age person, a woman for a men’s room and the ones the beds ran out for each get their own refusal and leave nothing behind', async () => {
    const rt = await roomWithBeds('batch5', 5, 'male');
    const twinB = await roomTypeId(a, ids.b, 'twin');
    const names = ['leader', 'spent', 'twice', 'holder', 'g0', 'g1', 'g2', 'g3', 'g4'];
    const tok: Record<string, string> = {};
    for (const n of names) tok[n] = await resident(a, `book-batch-${n}`);
    tok.reuser = await resident(a, 'book-batch-reuser');
    tok.revoked = await resident(a, 'book-batch-revoked');
    tok.young = await resident(a, 'book-batch-young', '2012-05-01');
    tok.woman = await resident(a, 'book-batch-woman', '2000-05-01', 'female');
    // spent: 7 nights at station B; the reuser's key already answered a hold at B
    expect(
      (await book(a, tok.spent!, ids.b, { roomTypeId: twinB, checkIn: '2026-08-10', nights: 7 }))
        .statusCode,
    ).toBe(201);
    const earlierHold = await a.app.inject({
      method: 'POST',
      url: `/api/v1/stations/${ids.b}/holds`,
      headers: { authorization: `Bearer ${tok.reuser}`, 'idempotency-key': 'book-batch-reused' },
      payload: { roomTypeId: twinB, checkIn: '2026-08-20', nights: 1 },
    });
    expect(earlierHold.statusCode).toBe(201);
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [
      await userId('book-batch-revoked'),
    ]);

    const stay = { roomTypeId: rt, checkIn: '2026-08-03', nights: 2 };
    const tap = (n: string, key: string) =>
      book(a, tok[n]!, ids.a, stay, { 'idempotency-key': key });
    const taps = [
      () => tap('spent', 'book-batch-spent'),
      () => tap('twice', 'book-batch-twice-1'),
      () => tap('twice', 'book-batch-twice-2'),
      () =>
        a.app.inject({
          method: 'POST',
          url: `/api/v1/stations/${ids.a}/holds`,
          headers: { authorization: `Bearer ${tok.holder}`, 'idempotency-key': 'book-batch-hold' },
          payload: stay,
        }),
      ...['g0', 'g1', 'g2', 'g3', 'g4'].map((n) => () => tap(n, `book-batch-${n}`)),
      // the same tap twice (a double tap): the second replays the first's answer
      () => tap('g0', 'book-batch-g0'),
      () => tap('reuser', 'book-batch-reused'),
      () => tap('revoked', 'book-batch-revoked'),
      () => tap('young', 'book-batch-young'),
      () => tap('woman', 'book-batch-woman'),
    ];
    // Another transaction holds the first night, so the leader's call stays in flight until the
    // rest have arrived: they must then leave together, in one statement.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.query(
        `SELECT 1 FROM station_nights WHERE room_type_id = $1 AND night = '2026-08-03' FOR UPDATE`,
        [rt],
      );
      locked();
      await released;
    });
    await isLocked;
    const { calls, result: answers } = await databaseCalls(db, async () => {
      const led = tap('leader', 'book-batch-leader');
      await pause(200);
      const rest = Promise.all(taps.map((t) => t()));
      await pause(500);
      release();
      await holder;
      expect((await led).statusCode).toBe(201);
      return rest;
    });
    // the leader's call alone, then the 14 taps that arrived meanwhile in one; no transaction
    expect(calls).toEqual({ statements: 2, transactions: 0 });

    const [spent, twice1, twice2, hold, g0, g1, g2, g3, g4, replay, reused, revoked, young, woman] =
      answers;
    // taps run in user-id order: spent, twice, the holder, g0 and g1 reach the beds before g2–g4
    expect(spent!.statusCode).toBe(409);
    expect(spent!.json()).toMatchObject({
      code: 'ALLOWANCE_EXCEEDED',
      message: '12个月内免费入住最多7晚，您还可预订0晚',
    });
    expect(twice1!.statusCode).toBe(201);
    expect(twice2!.statusCode).toBe(409);
    expect(twice2!.json()).toMatchObject({
      code: 'STAY_OVERLAPS',
      message: `与您8月3日–8月5日在${twice1!.json().stationName}的预订重叠，请换个日期`,
    });
    expect(hold!.statusCode).toBe(201);
    expect(hold!.json()).toMatchObject({
      status: 'held',
      heldUntil: '2026-07-30T02:30:00.000Z',
      declaredStatus: null,
    });
    for (const r of [g0, g1]) expect(r!.json()).toMatchObject({ status: 'requested', nights: 2 });
    for (const r of [g2, g3, g4]) {
      expect(r!.statusCode).toBe(409);
      expect(r!.json()).toMatchObject({
        code: 'NIGHT_FULL',
        message: '8月3日房型batch5已满，请换个日期或房型',
      });
    }
    expect(replay!.statusCode).toBe(201);
    expect(replay!.headers['idempotent-replayed']).toBe('true');
    expect(replay!.json()).toEqual(g0!.json());
    expect(reused!.statusCode).toBe(422);
    expect(reused!.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(revoked!.statusCode).toBe(401);
    expect(revoked!.json().code).toBe('SESSION_REVOKED');
    expect(young!.statusCode).toBe(403);
    expect(young!.json()).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: '青年驿站面向18–35周岁青年，入住时您14周岁',
    });
    expect(woman!.statusCode).toBe(403);
    expect(woman!.json().code).toBe('GENDER_MISMATCH');

    // leader, twice, the holder, g0, g1: the 5 beds of both nights; the refused left nothing
    expect(await taken(rt, '2026-08-03', '2026-08-05')).toEqual([5, 5]);
    const refused = await Promise.all(
      ['spent', 'g2', 'g3', 'g4', 'young', 'woman'].map((n) => userId(`book-batch-${n}`)),
    );
    const [left] = await db.query<{ bookings: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM station_bookings WHERE room_type_id = $1 AND user_id = ANY ($2::bigint[])) AS bookings,
              (SELECT count(*)::int FROM idempotency_keys WHERE user_id = ANY ($2::bigint[])) AS keys`,
      [rt, refused],
    );
    expect(left).toEqual({ bookings: 0, keys: 0 });
    expect(await invariantViolations(a)).toEqual([]);
  });

  it('two batches of one room type on two processes never deadlock over stays of different nights: each locks its guests, then every night it asks for in date order, before any tap runs', async () => {
    const rt = await roomWithBeds('order2', 2);
    const people: string[] = [];
    for (let i = 1; i <= 4; i++) {
      await resident(a, `book-order-u${i}`);
      people.push(await userId(`book-order-u${i}`));
    }
    const [u1, u2, u3, u4] = people as [string, string, string, string];
    await db.query('UPDATE users SET token_version = 0 WHERE id = ANY ($1::bigint[])', [people]);
    // Other transactions claim u3's and u4's keys, so their taps stop right there, mid-batch.
    const holdKey = (user: string, key: string) => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const done = db
        .transaction(async (tx) => {
          await tx.query(
            'INSERT INTO idempotency_keys (user_id, key, route, request_hash) VALUES ($1, $2, $3, $4)',
            [user, key, ROUTE, key],
          );
          await released;
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      return { release, done };
    };
    const x = holdKey(u3, 'book-order-k3');
    const y = holdKey(u4, 'book-order-k4');
    await pause(200);
    // batch A: u1 the second night, then u3 the first; batch B: u2 the first night, then u4 the
    // second. Taking nights tap by tap, A would hold the second night and B the first when the
    // keys are let go, each then waiting for the other's.
    const batchA = repo.bookBatch(a.db, rt, [
      tapOf(u1, '2026-08-04', 'book-order-k1'),
      tapOf(u3, '2026-08-03', 'book-order-k3'),
    ]);
    await pause(200);
    const batchB = repo.bookBatch(b.db, rt, [
      tapOf(u2, '2026-08-03', 'book-order-k2'),
      tapOf(u4, '2026-08-04', 'book-order-k4'),
    ]);
    await pause(200);
    x.release();
    await x.done;
    await pause(300);
    y.release();
    await y.done;
    const answers = [...(await batchA), ...(await batchB)];
    expect(answers.map((r) => (r.error ? r.error.code : r.statusCode))).toEqual([
      201, 201, 201, 201,
    ]);
    expect(await taken(rt, '2026-08-03', '2026-08-05')).toEqual([2, 2]);
    expect(await invariantViolations(a)).toEqual([]);
  });

  it('a batch never deadlocks with a date change of one of its guests: it locks its guests before any night, as every booking write does', async () => {
    const rt = await roomWithBeds('guest3', 3);
    await resident(a, 'book-guest-first');
    const mover = await resident(a, 'book-guest-mover');
    const [u1, g] = [await userId('book-guest-first'), await userId('book-guest-mover')];
    await db.query('UPDATE users SET token_version = 0 WHERE id = ANY ($1::bigint[])', [[u1, g]]);
    const stayId = (
      await book(a, mover, ids.a, { roomTypeId: rt, checkIn: '2026-08-08', nights: 1 })
    ).json().id as string;
    // another transaction claims the first guest's key: the batch stops there, holding its nights
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const keyHeld = db
      .transaction(async (tx) => {
        await tx.query(
          'INSERT INTO idempotency_keys (user_id, key, route, request_hash) VALUES ($1, $2, $3, $4)',
          [u1, 'book-guest-k1', ROUTE, 'book-guest-k1'],
        );
        await released;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await pause(200);
    const batch = repo.bookBatch(a.db, rt, [
      tapOf(u1, '2026-08-03', 'book-guest-k1'),
      tapOf(g, '2026-08-12', 'book-guest-k2'),
    ]);
    await pause(200);
    // the mover moves their stay onto the batch's night: the person's lock, then the nights.
    // Had the batch taken its nights first and the mover's lock only at the mover's tap, each
    // would now wait for the other.
    const moved = post(b, mover, `/bookings/${stayId}/dates`, { checkIn: '2026-08-03', nights: 1 });
    await pause(300);
    release();
    await keyHeld;
    const answers = await batch;
    expect(answers.map((r) => (r.error ? r.error.code : r.statusCode))).toEqual([201, 201]);
    expect((await moved).statusCode).toBe(200);
    expect(await taken(rt, '2026-08-03', '2026-08-04')).toEqual([2]);
    expect(await invariantViolations(a)).toEqual([]);
  });

  it('the allowance in a batch, under each rule: the same person’s second stay is refused in its own words, its nights given back', async () => {
    const rt = await roomWithBeds('allow', 10);
    const twoStays = async (openid: string, first: number, second: number) => {
      await resident(a, openid);
      const user = await userId(openid);
      await db.query('UPDATE users SET token_version = 0 WHERE id = $1', [user]);
      return repo.bookBatch(db, rt, [
        tapOf(user, '2026-08-01', `${openid}-1`, first),
        tapOf(user, '2026-08-20', `${openid}-2`, second),
      ]);
    };
    // the district's rule: 7 nights per 12 months — 5, then 3 more is one too many
    const [five, three] = await twoStays('book-allow-nights', 5, 3);
    expect(five!.error).toBeUndefined();
    expect(three!.error).toMatchObject({ code: 'YH001', message: 'ALLOWANCE_EXCEEDED' });
    expect(JSON.parse(three!.error!.detail!)).toMatchObject({ rule: 'nights', nightsUsed: 5 });
    // the station's own rule: one stay per 12 months
    await db.query(
      `INSERT INTO station_rules (station_id, allowance_rule) VALUES ($1, 'one_stay')
       ON CONFLICT (station_id) DO UPDATE SET allowance_rule = 'one_stay'`,
      [ids.a],
    );
    try {
      const [one, another] = await twoStays('book-allow-stay', 2, 1);
      expect(one!.error).toBeUndefined();
      expect(JSON.parse(another!.error!.detail!)).toMatchObject({
        code: 'ALLOWANCE_EXCEEDED',
        rule: 'one_stay',
        staysUsed: 1,
      });
      // through the API, in the words of the rule
      const token = await resident(a, 'book-allow-stay');
      const res = await book(a, token, ids.a, { roomTypeId: rt, checkIn: '2026-08-25', nights: 1 });
      expect(res.json()).toMatchObject({
        code: 'ALLOWANCE_EXCEEDED',
        message: '12个月内可免费入住1次，您已有一次入住或预订',
      });
      const spare = await book(a, await resident(a, 'book-allow-nights'), ids.a, {
        roomTypeId: rt,
        checkIn: '2026-08-25',
        nights: 3,
      });
      // the station's rule now counts stays: the nights person has one already
      expect(spare.json().code).toBe('ALLOWANCE_EXCEEDED');
    } finally {
      await db.query('UPDATE station_rules SET allowance_rule = NULL WHERE station_id = $1', [
        ids.a,
      ]);
    }
    const spare = await book(a, await resident(a, 'book-allow-nights'), ids.a, {
      roomTypeId: rt,
      checkIn: '2026-08-25',
      nights: 3,
    });
    expect(spare.json()).toMatchObject({
      code: 'ALLOWANCE_EXCEEDED',
      message: '12个月内免费入住最多7晚，您还可预订2晚',
    });
    // only the stays that were answered hold nights
    expect(await taken(rt, '2026-08-01', '2026-08-02')).toEqual([2]);
    expect(await taken(rt, '2026-08-20', '2026-08-21')).toEqual([0]);
    expect(await invariantViolations(a)).toEqual([]);
  });

  it('a tap costs one statement and no transaction of its own: a booking, a hold, a replay, a refusal', async () => {
    const rt = await roomWithBeds('one1', 1);
    const [first, second] = await residents(a, 'book-one-stmt', 2);
    const stay = { roomTypeId: rt, checkIn: '2026-08-03', nights: 1 };
    const holdReq = (token: string, key: string) =>
      a.app.inject({
        method: 'POST',
        url: `/api/v1/stations/${ids.a}/holds`,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        payload: { ...stay, checkIn: '2026-08-10' },
      });
    for (const [send, status] of [
      [() => book(a, first!, ids.a, stay, { 'idempotency-key': 'book-one-stmt-1' }), 201],
      [() => book(a, first!, ids.a, stay, { 'idempotency-key': 'book-one-stmt-1' }), 201],
      [() => holdReq(second!, 'book-one-stmt-2'), 201],
      [() => book(a, second!, ids.a, stay, { 'idempotency-key': 'book-one-stmt-3' }), 409],
    ] as const) {
      const { calls, result: res } = await databaseCalls(db, send);
      expect(res.statusCode).toBe(status);
      expect(calls).toEqual({ statements: 1, transactions: 0 });
    }
  });
});
