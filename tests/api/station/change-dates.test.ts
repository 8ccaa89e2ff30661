// A guest moves a stay not yet begun to other dates: checked against the beds per room type and
// night, the allowance, the guest's other stays and the review rules; atomic (old nights back and
// new nights taken together, or nothing), and never an oversold night under concurrent changes.
import { bearer, login, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import {
  book,
  get,
  invariantViolations,
  post,
  resident,
  residents,
  roomTypeId,
  stationIds,
  staffOf,
} from './station-helper';

describe(`POST /api/v1/stations/bookings/:id/dates (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twinA: string;
  let twinB: string;
  let staffA: string;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twinA = await roomTypeId(t, ids.a, 'twin');
    twinB = await roomTypeId(t, ids.b, 'twin');
    staffA = await staffOf(t, 'dates-staff-a', ids.a);
    admin = await login(t.app, 'dates-admin', 'admin');
  });
  afterAll(async () => t.close());
  afterEach(async () => expect(await invariantViolations(t)).toEqual([]));

  const change = (token: string, id: string, checkIn: string, nights: number) =>
    post(t, token, `/bookings/${id}/dates`, { checkIn, nights });
  const held = async (id: string) =>
    (
      await t.db.query<{ night: string }>(
        `SELECT night::text AS night FROM station_booking_nights WHERE booking_id = $1 ORDER BY night`,
        [id],
      )
    ).map((r) => r.night);
  const taken = async (rt: string, night: string) =>
    (
      await t.db.query<{ taken: number }>(
        `SELECT taken FROM station_nights WHERE room_type_id = $1 AND night = $2`,
        [rt, night],
      )
    )[0].taken;
  let n = 0;
  const room = async (beds: number) => {
    n++;
    const res = await post(t, staffA, `/${ids.a}/room-types`, {
      code: `dates-${n}`,
      name: `改期房${n}`,
      gender: 'any',
      beds,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  it('moves a request to new dates: the old nights go back, the new are taken, still 待审核', async () => {
    const token = await resident(t, 'dates-move');
    const id = (
      await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 3 })
    ).json().id;
    const before = await taken(twinA, '2026-08-03');
    const res = await change(token, id, '2026-08-10', 2);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      checkIn: '2026-08-10',
      checkOut: '2026-08-12',
      nights: 2,
      nightsHeld: 2,
      status: 'requested',
    });
    expect(await held(id)).toEqual(['2026-08-10', '2026-08-11']);
    expect(await taken(twinA, '2026-08-03')).toBe(before - 1);
    expect((await get(t, token, '/me')).json().allowance).toMatchObject({ used: 2, remaining: 5 });
    // the same dates again (a retried tap) change nothing
    expect((await change(token, id, '2026-08-10', 2)).json()).toMatchObject({
      checkIn: '2026-08-10',
      nights: 2,
    });
  });

  it('an approved stay goes back to review where the station reviews (its code disappears); where it approves automatically it stays approved', async () => {
    const token = await resident(t, 'dates-review');
    const id = (
      await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 2 })
    ).json().id;
    expect((await post(t, staffA, `/bookings/${id}/approve`)).statusCode).toBe(200);
    expect((await get(t, token, `/bookings/${id}`)).json().code).toMatch(/\./);
    expect((await change(token, id, '2026-08-04', 2)).json().status).toBe('requested');
    expect((await get(t, token, `/bookings/${id}`)).json()).toMatchObject({
      status: 'requested',
      code: null,
      qrDataUrl: null,
    });

    expect((await post(t, staffA, `/bookings/${id}/approve`)).statusCode).toBe(200);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${ids.a}/rules`,
      headers: bearer(staffA),
      payload: { autoApprove: true },
    });
    expect(put.statusCode).toBe(200);
    try {
      expect((await change(token, id, '2026-08-05', 2)).json().status).toBe('approved');
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/stations/${ids.a}/rules`,
        headers: bearer(staffA),
        payload: { autoApprove: null },
      });
    }
  });

  it("moves a stay by a day on a room whose only bed the guest holds: the shared night is the guest's own", async () => {
    const rt = await room(1);
    const token = await resident(t, 'dates-shift');
    const id = (
      await book(t, token, ids.a, { roomTypeId: rt, checkIn: '2026-08-10', nights: 2 })
    ).json().id;
    const res = await change(token, id, '2026-08-11', 2);
    expect(res.statusCode).toBe(200);
    expect(await held(id)).toEqual(['2026-08-11', '2026-08-12']);
    expect([
      await taken(rt, '2026-08-10'),
      await taken(rt, '2026-08-11'),
      await taken(rt, '2026-08-12'),
    ]).toEqual([0, 1, 1]);
  });

  it('a full new night refuses the change with 409 NIGHT_FULL and the guest keeps the old dates', async () => {
    const rt = await room(1);
    const [mine, other] = await residents(t, 'dates-full', 2);
    const id = (
      await book(t, mine, ids.a, { roomTypeId: rt, checkIn: '2026-08-03', nights: 2 })
    ).json().id;
    expect(
      (await book(t, other, ids.a, { roomTypeId: rt, checkIn: '2026-08-06', nights: 1 }))
        .statusCode,
    ).toBe(201);
    const res = await change(mine, id, '2026-08-05', 2);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'NIGHT_FULL',
      message: `8月6日改期房${n}已满，请换个日期`,
    });
    expect(await held(id)).toEqual(['2026-08-03', '2026-08-04']);
    expect((await get(t, mine, `/bookings/${id}`)).json()).toMatchObject({
      checkIn: '2026-08-03',
      nights: 2,
    });
  });

  it("is checked against the allowance (the old nights counted back) and against the guest's other stays", async () => {
    const token = await resident(t, 'dates-allowance');
    const first = (
      await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 3 })
    ).json().id;
    expect(
      (await book(t, token, ids.b, { roomTypeId: twinB, checkIn: '2026-08-10', nights: 4 }))
        .statusCode,
    ).toBe(201);
    const over = await change(token, first, '2026-08-03', 4);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'ALLOWANCE_EXCEEDED',
      message: '12个月内免费入住最多7晚，您还可预订3晚',
    });
    const clash = await change(token, first, '2026-08-12', 2);
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'STAY_OVERLAPS',
      message: '与您8月10日–8月14日在青年人才驿站·半马苏河合作公寓的预订重叠，请换个日期',
    });
    // ending the day the other begins is fine
    expect((await change(token, first, '2026-08-07', 3)).statusCode).toBe(200);
    expect((await get(t, token, '/me')).json().allowance).toMatchObject({ used: 7, remaining: 0 });
  });

  it('under one stay per 12 months, the stay can still move: it is the same stay', async () => {
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/stations/settings',
          headers: bearer(admin),
          payload: { allowanceRule: 'one_stay' },
        })
      ).statusCode,
    ).toBe(200);
    try {
      const token = await resident(t, 'dates-one-stay');
      const id = (
        await book(t, token, ids.b, { roomTypeId: twinB, checkIn: '2026-08-03', nights: 2 })
      ).json().id;
      expect((await change(token, id, '2026-08-20', 5)).statusCode).toBe(200);
      expect((await get(t, token, '/me')).json().allowance).toMatchObject({
        rule: 'one_stay',
        used: 5,
        staysUsed: 1,
      });
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/stations/settings',
        headers: bearer(admin),
        payload: { allowanceRule: 'nights' },
      });
    }
  });

  it("refuses a stay already begun (409 BOOKING_NOT_CHANGEABLE), past or too many nights (400), and another person's booking (404)", async () => {
    const token = await resident(t, 'dates-refused');
    const id = (
      await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-07-30', nights: 2 })
    ).json().id;
    expect((await change(token, id, '2026-07-29', 2)).json().code).toBe('CHECKIN_IN_PAST');
    expect((await change(token, id, '2026-08-01', 8)).json().code).toBe('NIGHTS_OUT_OF_RANGE');
    const stranger = await resident(t, 'dates-stranger');
    const theirs = await change(stranger, id, '2026-08-01', 1);
    expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'BOOKING_NOT_FOUND']);
    expect((await post(t, staffA, `/bookings/${id}/approve`)).statusCode).toBe(200);
    const code = (await get(t, token, `/bookings/${id}`)).json().code;
    clock.set('2026-07-30T15:00:00+08:00');
    try {
      expect((await post(t, staffA, '/scan/check-in', { code })).statusCode).toBe(200);
      const begun = await change(token, id, '2026-08-01', 1);
      expect([begun.statusCode, begun.json().code]).toEqual([409, 'BOOKING_NOT_CHANGEABLE']);
    } finally {
      clock.set('2026-07-30T10:00:00+08:00');
    }
  });

  it('30 guests moving to the same 2 nights of a 5-bed room at once, while 30 others book them: never more than 5, and every loser keeps the old dates', async () => {
    const rt = await room(5);
    const movers = await residents(t, 'dates-mover', 30);
    const bookers = await residents(t, 'dates-booker', 30);
    // each mover holds a night somewhere in the fortnight before (two per night)
    const bookings: string[] = [];
    for (const [i, tok] of movers.entries()) {
      const res = await book(t, tok, ids.a, {
        roomTypeId: rt,
        checkIn: `2026-08-${String(1 + (i % 15)).padStart(2, '0')}`,
        nights: 1,
      });
      expect(res.statusCode).toBe(201);
      bookings.push(res.json().id);
    }
    const before = await Promise.all(bookings.map(held));
    const results = await Promise.all([
      ...movers.map((tok, i) => change(tok, bookings[i], '2026-08-20', 2)),
      ...bookers.map((tok) =>
        book(t, tok, ids.a, { roomTypeId: rt, checkIn: '2026-08-20', nights: 2 }),
      ),
    ]);
    const ok = results.filter((r) => r.statusCode === 200 || r.statusCode === 201);
    expect(ok).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(55).fill('NIGHT_FULL'),
    );
    expect([await taken(rt, '2026-08-20'), await taken(rt, '2026-08-21')]).toEqual([5, 5]);
    for (const [i, id] of bookings.entries()) {
      if (results[i].statusCode === 200)
        expect(await held(id)).toEqual(['2026-08-20', '2026-08-21']);
      else expect(await held(id)).toEqual(before[i]);
    }
  });

  it('one guest moving a stay onto another of theirs while booking a third on the same dates, ten times at once: no two of their stays ever share a night', async () => {
    const token = await resident(t, 'dates-self-race');
    const a = (
      await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 1 })
    ).json().id;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? change(token, a, `2026-08-${String(20 + (i % 3)).padStart(2, '0')}`, 2)
          : book(t, token, ids.b, {
              roomTypeId: twinB,
              checkIn: `2026-08-${String(20 + (i % 3)).padStart(2, '0')}`,
              nights: 2,
            }),
      ),
    );
    expect(
      results.every((r) => [200, 201].includes(r.statusCode) || r.json().code === 'STAY_OVERLAPS'),
    ).toBe(true);
    expect(await invariantViolations(t)).toEqual([]);
  });
});
