// The allowance of free nights, in a fixed sequence (the property test rarely reaches its limit):
// 7 nights per 12 months, counted from the first night of the first stay. A resident stays 4
// nights; 4 more are refused with 409 ALLOWANCE_EXCEEDED (3 are left); on the last day of the
// window they are still refused, and from the day the window ends the full allowance is back.
import { DB_KIND, makeApp, testClock, type TestApp } from '../helper';
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

describe(`station allowance: 7 nights per 12 months (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let station: string;
  let twin: string;
  let staff: string;
  let guest: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    station = (await stationIds(t)).a;
    twin = await roomTypeId(t, station, 'twin');
    staff = await staffOf(t, 'allowance-staff', station);
    guest = await resident(t, 'allowance-guest');
  });
  afterAll(async () => t.close());
  afterEach(async () => expect(await invariantViolations(t)).toEqual([]));

  const stay = (checkIn: string, nights: number) =>
    book(t, guest, station, { roomTypeId: twin, checkIn, nights });

  it('stays 4 nights (booked, approved, checked in, checked out on the last morning)', async () => {
    const booked = await stay('2026-07-30', 4);
    expect(booked.statusCode).toBe(201);
    expect((await post(t, staff, `/bookings/${booked.json().id}/approve`)).statusCode).toBe(200);
    const code = (await get(t, guest, '/me')).json().code;
    clock.set('2026-07-30T15:00:00+08:00');
    expect((await post(t, staff, '/scan/check-in', { code })).json().status).toBe('checked_in');
    clock.set('2026-08-03T09:00:00+08:00');
    expect((await post(t, staff, '/scan/check-out', { code })).json()).toMatchObject({
      status: 'checked_out',
      nightsHeld: 4,
    });
    expect((await get(t, guest, '/me')).json().allowance).toMatchObject({
      used: 4,
      remaining: 3,
      windowStart: '2026-07-30',
      windowEnd: '2027-07-30',
    });
  });

  it('refuses 4 more nights with 409 ALLOWANCE_EXCEEDED, saying 3 are left, and holds no bed', async () => {
    await t.app.jobs.runJob('station-inventory');
    const refused = await stay('2026-08-10', 4);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'ALLOWANCE_EXCEEDED',
      message: '12个月内免费入住最多7晚，您还可预订3晚',
    });
    const [held] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM station_bookings b JOIN users u ON u.id = b.user_id WHERE u.openid = 'dev:allowance-guest' AND b.status <> 'checked_out'`,
    );
    expect(held!.n).toBe(0);
  });

  it('still refuses a stay starting on the last day of the window (2027-07-29)', async () => {
    clock.set('2027-07-20T10:00:00+08:00');
    await t.app.jobs.runJob('station-inventory');
    const refused = await stay('2027-07-29', 4);
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'ALLOWANCE_EXCEEDED']);
  });

  it('from the day the window ends (2027-07-30) a new window opens with the full 7 nights', async () => {
    const booked = await stay('2027-07-30', 7);
    expect(booked.statusCode).toBe(201);
    expect((await get(t, guest, '/me')).json().allowance).toMatchObject({
      used: 7,
      remaining: 0,
      windowStart: '2027-07-30',
    });
  });
});
