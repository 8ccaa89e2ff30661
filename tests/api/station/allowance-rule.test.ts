// The allowance rule is a setting: "N nights per 12 months" (the default: several stays at any
// stations, 7 nights in all) or "one stay per 12 months"; the committee sets the district's, a
// station may set its own. The counters are kept in the database whatever the rule.
import { bearer, login, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import {
  book,
  get,
  invariantViolations,
  post,
  resident,
  roomTypeId,
  stationIds,
  staffOf,
} from './station-helper';

describe(`station allowance rule: nights per 12 months or one stay (${DB_KIND})`, () => {
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
    staffA = await staffOf(t, 'rule-staff-a', ids.a);
    admin = await login(t.app, 'rule-admin', 'admin');
  });
  afterAll(async () => t.close());
  afterEach(async () => expect(await invariantViolations(t)).toEqual([]));

  const put = (token: string, url: string, payload: object) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/stations${url}`, headers: bearer(token), payload });
  const settings = async () => (await get(t, null, '/settings')).json();

  it('defaults to 7 nights per 12 months over any number of stays: 3 nights at one station, 2 and 2 at another, then 409 ALLOWANCE_EXCEEDED', async () => {
    expect(await settings()).toMatchObject({
      allowanceRule: 'nights',
      allowanceNights: 7,
      allowanceWindowMonths: 12,
      maxNightsPerStay: 7,
    });
    const token = await resident(t, 'rule-nights');
    const stays = [
      await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 3 }),
      await book(t, token, ids.b, { roomTypeId: twinB, checkIn: '2026-08-06', nights: 2 }),
      await book(t, token, ids.b, { roomTypeId: twinB, checkIn: '2026-08-20', nights: 2 }),
    ];
    expect(stays.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const over = await book(t, token, ids.a, {
      roomTypeId: twinA,
      checkIn: '2026-08-25',
      nights: 1,
    });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'ALLOWANCE_EXCEEDED',
      message: '12个月内免费入住最多7晚，您还可预订0晚',
    });
    expect((await get(t, token, '/me')).json().allowance).toMatchObject({
      rule: 'nights',
      total: 7,
      used: 7,
      remaining: 0,
      staysUsed: 3,
      windowMonths: 12,
    });
  });

  it('the committee switches the district to one stay per 12 months: a second stay is refused until the first is cancelled', async () => {
    expect((await put(admin, '/settings', { allowanceRule: 'one_stay' })).statusCode).toBe(200);
    try {
      const token = await resident(t, 'rule-one-stay');
      const first = await book(t, token, ids.a, {
        roomTypeId: twinA,
        checkIn: '2026-08-03',
        nights: 2,
      });
      expect(first.statusCode).toBe(201);
      expect((await get(t, token, '/me')).json().allowance).toMatchObject({
        rule: 'one_stay',
        total: 7,
        used: 2,
        remaining: 0,
        staysUsed: 1,
      });
      const second = await book(t, token, ids.b, {
        roomTypeId: twinB,
        checkIn: '2026-08-10',
        nights: 1,
      });
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({
        code: 'ALLOWANCE_EXCEEDED',
        message: '12个月内可免费入住1次，您已有一次入住或预订',
      });
      // a cancelled stay gives the stay back, not only its nights
      expect((await post(t, token, `/bookings/${first.json().id}/cancel`)).statusCode).toBe(200);
      const again = await book(t, token, ids.b, {
        roomTypeId: twinB,
        checkIn: '2026-08-10',
        nights: 7,
      });
      expect(again.statusCode).toBe(201);
    } finally {
      await put(admin, '/settings', { allowanceRule: 'nights' });
    }
  });

  it('under one stay, a stay cut short still counts: checked in and out after one night, no second stay', async () => {
    expect((await put(admin, '/settings', { allowanceRule: 'one_stay' })).statusCode).toBe(200);
    try {
      const token = await resident(t, 'rule-stayed');
      const id = (
        await book(t, token, ids.a, { roomTypeId: twinA, checkIn: '2026-07-30', nights: 3 })
      ).json().id;
      expect((await post(t, staffA, `/bookings/${id}/approve`)).statusCode).toBe(200);
      const code = (await get(t, token, '/me')).json().code;
      clock.set('2026-07-30T15:00:00+08:00');
      expect((await post(t, staffA, '/scan/check-in', { code })).statusCode).toBe(200);
      clock.set('2026-07-31T09:00:00+08:00');
      expect((await post(t, staffA, `/bookings/${id}/check-out`)).json().nightsHeld).toBe(1);
      const next = await book(t, token, ids.b, {
        roomTypeId: twinB,
        checkIn: '2026-08-10',
        nights: 1,
      });
      expect(next.json().code).toBe('ALLOWANCE_EXCEEDED');
    } finally {
      clock.set('2026-07-30T10:00:00+08:00');
      await put(admin, '/settings', { allowanceRule: 'nights' });
    }
  });

  it("a station's own rule: one stay at station A while the district counts nights", async () => {
    const res = await put(staffA, `/${ids.a}/rules`, { allowanceRule: 'one_stay' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      overrides: { allowanceRule: 'one_stay' },
      rules: { allowanceRule: 'one_stay' },
      defaults: { allowanceRule: 'nights' },
    });
    try {
      // a stay at B first: at A, that is the one stay of the year already
      const hopper = await resident(t, 'rule-hopper');
      expect(
        (await book(t, hopper, ids.b, { roomTypeId: twinB, checkIn: '2026-08-03', nights: 2 }))
          .statusCode,
      ).toBe(201);
      expect(
        (
          await book(t, hopper, ids.a, { roomTypeId: twinA, checkIn: '2026-08-06', nights: 2 })
        ).json().code,
      ).toBe('ALLOWANCE_EXCEEDED');
      // A first, then B (nights, 3 + 2 of 7): both
      const other = await resident(t, 'rule-a-first');
      expect(
        (await book(t, other, ids.a, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 3 }))
          .statusCode,
      ).toBe(201);
      expect(
        (await book(t, other, ids.b, { roomTypeId: twinB, checkIn: '2026-08-06', nights: 2 }))
          .statusCode,
      ).toBe(201);
    } finally {
      expect((await put(staffA, `/${ids.a}/rules`, { allowanceRule: null })).statusCode).toBe(200);
    }
  });

  it('refuses an unknown rule with 400 VALIDATION_FAILED, and a station staff member cannot set the district rule', async () => {
    expect((await put(admin, '/settings', { allowanceRule: 'weekly' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await put(staffA, `/${ids.a}/rules`, { allowanceRule: 'weekly' })).statusCode).toBe(
      400,
    );
    expect((await put(staffA, '/settings', { allowanceRule: 'one_stay' })).statusCode).toBe(403);
    expect((await settings()).allowanceRule).toBe('nights');
  });

  it('under one stay, ten bookings fired at once on ten different dates: exactly one is taken', async () => {
    expect((await put(admin, '/settings', { allowanceRule: 'one_stay' })).statusCode).toBe(200);
    try {
      const token = await resident(t, 'rule-burst');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          book(t, token, i % 2 ? ids.a : ids.b, {
            roomTypeId: i % 2 ? twinA : twinB,
            checkIn: `2026-08-${String(10 + i * 2).padStart(2, '0')}`,
            nights: 1,
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode !== 201).map((r) => r.json().code)).toEqual(
        Array(9).fill('ALLOWANCE_EXCEEDED'),
      );
      const [row] = await t.db.query<{ stays_used: number; nights_used: number }>(
        `SELECT stays_used, nights_used FROM station_allowances a JOIN users u ON u.id = a.user_id WHERE u.openid = 'dev:rule-burst'`,
      );
      expect(row).toEqual({ stays_used: 1, nights_used: 1 });
    } finally {
      await put(admin, '/settings', { allowanceRule: 'nights' });
    }
  });
});
