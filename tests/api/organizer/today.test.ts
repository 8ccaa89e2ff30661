import { bearer, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import { book, post, resident, roomTypeId, stationIds } from '../station/station-helper';

describe('GET /api/v1/organizer/today — the organizer home', () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
  });
  afterAll(async () => t.close());

  const today = async (token: string) =>
    (
      await t.app.inject({ method: 'GET', url: '/api/v1/organizer/today', headers: bearer(token) })
    ).json();

  it('shows station staff their arrivals and pending requests, counted for their station only', async () => {
    const staffA = await loginStaff(t, 'today-staff-a', [ids.a]);
    const staffB = await loginStaff(t, 'today-staff-b', [ids.b]);
    const twin = await roomTypeId(t, ids.a, 'twin');
    const guest = await resident(t, 'today-guest');
    const pending = await resident(t, 'today-pending');
    const id = (
      await book(t, guest, ids.a, { roomTypeId: twin, checkIn: '2026-07-30', nights: 2 })
    ).json().id;
    await post(t, staffA, `/bookings/${id}/approve`);
    await book(t, pending, ids.a, { roomTypeId: twin, checkIn: '2026-08-02', nights: 1 });

    const a = await today(staffA);
    expect(a.date).toBe('2026-07-30');
    expect(a.items).toEqual([
      {
        service: 'station',
        label: '驿站今日待入住',
        count: 1,
        url: '/features/station/pages/staff/index',
      },
      {
        service: 'station',
        label: '驿站待审核预约',
        count: 1,
        url: '/features/station/pages/staff/index',
      },
    ]);
    expect((await today(staffB)).items.map((i: { count: number }) => i.count)).toEqual([0, 0]);
  });

  it('gives an admin every service, and refuses residents', async () => {
    const admin = await login(t.app, 'today-admin', 'admin');
    expect(new Set((await today(admin)).items.map((i: { service: string }) => i.service))).toEqual(
      new Set(['station', 'childcare', 'night-school', 'volunteer']),
    );
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organizer/today',
      headers: bearer(await login(t.app, 'today-resident')),
    });
    expect(res.statusCode).toBe(403);
  });
});
