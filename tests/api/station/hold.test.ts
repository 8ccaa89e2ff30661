// The eligibility hold (Wuhan rule): a booking first holds its nights for holdMinutes (30) while
// the guest completes the eligibility form, judged on the server clock; a hold never completed is
// released by the station-hold-release job. Holds are inventory like any booking: never oversold.
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

const MINUTE = 60_000;

describe(`station eligibility hold (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twinA: string;
  let staffA: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twinA = await roomTypeId(t, ids.a, 'twin');
    staffA = await staffOf(t, 'hold-staff-a', ids.a);
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    clock.set('2026-07-30T10:00:00+08:00');
    expect(await invariantViolations(t)).toEqual([]);
  });

  const hold = (token: string, body: object, stationId = ids.a) =>
    post(t, token, `/${stationId}/holds`, body);
  const submit = (token: string, id: string, form: object = {}) =>
    post(t, token, `/bookings/${id}/eligibility`, {
      declaredStatus: 'job_seeking',
      noLocalHome: true,
      ...form,
    });
  const taken = async (roomType: string, night: string) =>
    (
      await t.db.query<{ taken: number }>(
        `SELECT taken FROM station_nights WHERE room_type_id = $1 AND night = $2`,
        [roomType, night],
      )
    )[0].taken;
  const allowanceUsed = async (token: string) =>
    (await get(t, token, '/me')).json().allowance.used as number;

  async function roomWithBeds(code: string, beds: number): Promise<string> {
    const res = await post(t, staffA, `/${ids.a}/room-types`, {
      code,
      name: `保留测试${code}`,
      gender: 'any',
      beds,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  it('holds the nights and the allowance for 30 minutes, then the form makes it a request', async () => {
    const token = await resident(t, 'hold-happy');
    const before = await taken(twinA, '2026-08-03');
    const res = await hold(token, { roomTypeId: twinA, checkIn: '2026-08-03', nights: 2 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'held',
      declaredStatus: null,
      heldUntil: '2026-07-30T02:30:00.000Z',
      nightsHeld: 2,
    });
    expect(await taken(twinA, '2026-08-03')).toBe(before + 1);
    expect(await allowanceUsed(token)).toBe(2);
    // no code for a hold
    expect((await get(t, token, `/bookings/${res.json().id}`)).json().code).toBeNull();

    clock.advance(29 * MINUTE);
    const done = await submit(token, res.json().id);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'requested',
      declaredStatus: 'job_seeking',
      noLocalHomeDeclared: true,
      heldUntil: null,
    });
    // the job leaves a completed hold alone
    clock.advance(10 * MINUTE);
    await t.app.jobs.runJob('station-hold-release');
    expect((await get(t, token, `/bookings/${res.json().id}`)).json().status).toBe('requested');
  });

  it('judges the form like a booking: the declaration, the graduation window; a refusal keeps the hold', async () => {
    const token = await resident(t, 'hold-form');
    const id = (await hold(token, { roomTypeId: twinA, checkIn: '2026-08-05', nights: 1 })).json()
      .id;
    const noHome = await submit(token, id, { noLocalHome: false });
    expect([noHome.statusCode, noHome.json().code]).toEqual([400, 'HOME_DECLARATION_REQUIRED']);
    const old = await submit(token, id, {
      declaredStatus: 'graduating',
      graduationDate: '2023-06-30',
    });
    expect([old.statusCode, old.json().code]).toEqual([403, 'NOT_ELIGIBLE']);
    expect((await get(t, token, `/bookings/${id}`)).json().status).toBe('held');
    expect((await submit(token, id)).json().status).toBe('requested');
    // a second submission finds no hold
    const again = await submit(token, id);
    expect([again.statusCode, again.json().code]).toEqual([409, 'BOOKING_NOT_HELD']);
  });

  it('after 30 minutes on the server clock the form is refused, and the job gives the nights and the allowance back', async () => {
    const token = await resident(t, 'hold-late');
    const before = await taken(twinA, '2026-08-07');
    const id = (await hold(token, { roomTypeId: twinA, checkIn: '2026-08-07', nights: 3 })).json()
      .id;
    clock.advance(30 * MINUTE);
    const late = await submit(token, id);
    expect([late.statusCode, late.json().code]).toEqual([409, 'STAY_HOLD_EXPIRED']);
    expect(late.json().message).toBe('保留时间已过，床位已释放，请重新选择日期');
    expect(await t.app.jobs.runJob('station-hold-release')).toBeGreaterThanOrEqual(1);
    expect((await get(t, token, `/bookings/${id}`)).json()).toMatchObject({
      status: 'expired',
      nightsHeld: 0,
    });
    expect(await taken(twinA, '2026-08-07')).toBe(before);
    expect(await allowanceUsed(token)).toBe(0);
    expect((await submit(token, id)).json().code).toBe('STAY_HOLD_EXPIRED');
  });

  it('at a station that approves automatically, the completed hold is approved with its code', async () => {
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${ids.a}/rules`,
      headers: bearer(staffA),
      payload: { autoApprove: true },
    });
    const token = await resident(t, 'hold-auto');
    const id = (await hold(token, { roomTypeId: twinA, checkIn: '2026-08-09', nights: 1 })).json()
      .id;
    expect((await submit(token, id)).json().status).toBe('approved');
    expect((await get(t, token, `/bookings/${id}`)).json().code).toEqual(expect.any(String));
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${ids.a}/rules`,
      headers: bearer(staffA),
      payload: { autoApprove: null },
    });
  });

  it('a hold can be cancelled, counts against overlaps, and is refused to the wrong age; another person gets 404', async () => {
    const token = await resident(t, 'hold-cancel');
    const id = (await hold(token, { roomTypeId: twinA, checkIn: '2026-08-11', nights: 2 })).json()
      .id;
    const clash = await book(t, token, ids.a, {
      roomTypeId: twinA,
      checkIn: '2026-08-12',
      nights: 1,
    });
    expect(clash.json().code).toBe('STAY_OVERLAPS');
    const other = await resident(t, 'hold-other');
    expect((await submit(other, id)).statusCode).toBe(404);
    const cancelled = await post(t, token, `/bookings/${id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', nightsHeld: 0 });
    const old = await resident(t, 'hold-old', '1980-01-01');
    const refused = await hold(old, { roomTypeId: twinA, checkIn: '2026-08-11', nights: 1 });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'NOT_ELIGIBLE']);
    const anon = await login(t.app, 'hold-no-profile');
    expect(
      (await hold(anon, { roomTypeId: twinA, checkIn: '2026-08-11', nights: 1 })).json().code,
    ).toBe('PROFILE_INCOMPLETE');
  });

  it('60 people holding or booking the last 4 beds at once: exactly 4 get them; after the holds lapse, the job and 30 new racers never oversell', async () => {
    const rt = await roomWithBeds('hold4', 4);
    const tokens = await residents(t, 'hold-racer', 90);
    const stay = { roomTypeId: rt, checkIn: '2026-08-15', nights: 2 };
    const first = await Promise.all(
      tokens.slice(0, 60).map((tok, i) => (i % 2 ? hold(tok, stay) : book(t, tok, ids.a, stay))),
    );
    const won = first.filter((r) => r.statusCode === 201);
    expect(won).toHaveLength(4);
    expect(
      first.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'NIGHT_FULL'),
    ).toBe(true);
    expect(await taken(rt, '2026-08-15')).toBe(4);
    expect(await invariantViolations(t)).toEqual([]);

    // the holds run out: the release job races 30 new bookers and holders for the same nights
    const heldIds = won.filter((r) => r.json().status === 'held').map((r) => r.json().id);
    clock.advance(31 * MINUTE);
    const [released, ...second] = await Promise.all([
      t.app.jobs.runJob('station-hold-release'),
      ...tokens.slice(60).map((tok, i) => (i % 2 ? hold(tok, stay) : book(t, tok, ids.a, stay))),
    ]);
    expect(released).toBe(heldIds.length);
    const active = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM station_bookings
       WHERE room_type_id = $1 AND status IN ('held', 'requested', 'approved', 'checked_in')`,
      [rt],
    );
    expect(active[0].n).toBeLessThanOrEqual(4);
    expect(await taken(rt, '2026-08-15')).toBe(active[0].n);
    // whatever the interleaving, a bed freed by the job went to someone only once
    expect(second.filter((r) => r.statusCode === 201).length).toBeLessThanOrEqual(heldIds.length);
    expect(await invariantViolations(t)).toEqual([]);
  });
});
