// Staff review a request within reviewWorkingDays working days (3, Monday to Friday, Beijing
// dates, counted from the day the form was submitted); a request still 待审核 after that is listed
// for the committee (GET /stations/overdue-reviews, shown on the console's home).
import { bearer, login, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { book, get, post, resident, roomTypeId, stationIds, staffOf } from './station-helper';

describe(`station review deadline (${DB_KIND})`, () => {
  // Thursday
  const clock = testClock('2026-12-03T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twinA: string;
  let staffA: string;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twinA = await roomTypeId(t, ids.a, 'twin');
    staffA = await staffOf(t, 'review-staff-a', ids.a);
    admin = await login(t.app, 'review-admin', 'admin');
  });
  afterAll(async () => t.close());

  const overdue = async () => {
    const res = await get(t, admin, '/overdue-reviews');
    expect(res.statusCode).toBe(200);
    return res.json() as { workingDays: number; items: { id: string; dueDay: string }[] };
  };

  it('lists a Thursday request on the Wednesday after (3 working days: Fri, Mon, Tue), not before', async () => {
    const guest = await resident(t, 'review-late');
    const waiting = (
      await book(t, guest, ids.a, { roomTypeId: twinA, checkIn: '2026-12-20', nights: 1 })
    ).json();
    const reviewed = (
      await book(t, await resident(t, 'review-done'), ids.a, {
        roomTypeId: twinA,
        checkIn: '2026-12-20',
        nights: 1,
      })
    ).json();
    expect((await overdue()).items).toEqual([]);

    clock.set('2026-12-08T23:59:00+08:00'); // Tuesday night: still in time
    await post(t, staffA, `/bookings/${reviewed.id}/approve`);
    expect((await overdue()).items).toEqual([]);

    clock.set('2026-12-09T00:01:00+08:00'); // Wednesday
    const list = await overdue();
    expect(list.workingDays).toBe(3);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: waiting.id,
      status: 'requested',
      stationName: expect.any(String),
      dueDay: '2026-12-08',
      submittedAt: '2026-12-03T02:00:00.000Z',
      phoneMasked: '138****8000',
    });
    // reviewed late: off the list
    await post(t, staffA, `/bookings/${waiting.id}/approve`);
    expect((await overdue()).items).toEqual([]);
  });

  it('follows the setting: with 1 working day a Friday request is overdue on Tuesday', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/stations/settings',
      headers: bearer(admin),
      payload: { reviewWorkingDays: 1 },
    });
    clock.set('2026-12-11T18:00:00+08:00'); // Friday
    const res = await book(t, await resident(t, 'review-friday'), ids.a, {
      roomTypeId: twinA,
      checkIn: '2026-12-21',
      nights: 1,
    });
    clock.set('2026-12-14T20:00:00+08:00'); // Monday: the working day
    expect((await overdue()).items.map((i) => i.id)).not.toContain(res.json().id);
    clock.set('2026-12-15T08:00:00+08:00');
    expect((await overdue()).items).toMatchObject([{ id: res.json().id, dueDay: '2026-12-14' }]);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/stations/settings',
      headers: bearer(admin),
      payload: { reviewWorkingDays: 3 },
    });
  });

  it('is the committee’s: station staff and residents are refused', async () => {
    expect((await get(t, staffA, '/overdue-reviews')).statusCode).toBe(403);
    expect((await get(t, await resident(t, 'review-nosy'), '/overdue-reviews')).statusCode).toBe(
      403,
    );
  });
});
