// 晚到: a guest with an approved stay reports when they will arrive on the first night (after
// 22:00, at the latest 06:00 the next morning); the no-show job holds the bed until that time
// plus the grace period; staff may check in after 22:00 only with a reason, which is audited.
import { LATE_ARRIVAL_GRACE_MINUTES } from '@/contract/station-rules';
import { bearer, DB_KIND, makeApp, testClock, type TestApp } from '../helper';
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

describe(`station late arrival (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let station: string;
  let twin: string;
  let staff: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    station = (await stationIds(t)).a;
    twin = await roomTypeId(t, station, 'twin');
    staff = await staffOf(t, 'late-staff', station);
  });
  afterAll(async () => t.close());

  const late = (token: string, id: string, time?: string) =>
    t.app.inject({
      method: time === undefined ? 'DELETE' : 'PUT',
      url: `/api/v1/stations/bookings/${id}/late-arrival`,
      headers: bearer(token),
      ...(time === undefined ? {} : { payload: { time } }),
    });

  async function status(id: string): Promise<string> {
    const [row] = await t.db.query<{ status: string }>(
      'SELECT status FROM station_bookings WHERE id = $1',
      [id],
    );
    return row!.status;
  }

  /** A guest with a stay from 7月30日, approved unless `approve` is false. */
  async function guestStay(
    openid: string,
    approve = true,
  ): Promise<{ guest: string; id: string; code: string }> {
    clock.set('2026-07-30T10:00:00+08:00');
    const guest = await resident(t, openid);
    const id = (
      await book(t, guest, station, { roomTypeId: twin, checkIn: '2026-07-30', nights: 2 })
    ).json().id;
    if (approve) expect((await post(t, staff, `/bookings/${id}/approve`)).statusCode).toBe(200);
    return { guest, id, code: (await get(t, guest, '/me')).json().code };
  }

  it('reports, changes and withdraws a late arrival, kept with the booking', async () => {
    const { guest, id } = await guestStay('late-1');
    const reported = await late(guest, id, '23:30');
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ id, lateArrival: '23:30' });
    expect((await late(guest, id, '01:15')).json().lateArrival).toBe('01:15');
    expect((await get(t, guest, `/bookings/${id}`)).json().lateArrival).toBe('01:15');
    const [row] = await t.db.query<{ at: string }>(
      'SELECT late_arrival_at::text AS at FROM station_bookings WHERE id = $1',
      [id],
    );
    // after midnight is the next morning, Beijing time
    expect(new Date(row!.at).toISOString()).toBe('2026-07-30T17:15:00.000Z');
    const withdrawn = await late(guest, id);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().lateArrival).toBeNull();
  });

  it('accepts only a time from 22:00 to 06:00 the next morning', async () => {
    const { guest, id } = await guestStay('late-2');
    for (const time of ['21:59', '12:00', '06:01']) {
      const res = await late(guest, id, time);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'LATE_ARRIVAL_TIME_INVALID',
        message: '到达时间须在入住当晚22:00之后、次日06:00之前',
      });
    }
    for (const time of ['25:00', '2330', ''])
      expect((await late(guest, id, time)).statusCode).toBe(400);
    expect((await late(guest, id, '22:00')).statusCode).toBe(200);
    expect((await late(guest, id, '06:00')).statusCode).toBe(200);
  });

  it("answers someone else's booking like a missing one, and refuses a stay not approved", async () => {
    const { id } = await guestStay('late-3');
    const other = await resident(t, 'late-3-other');
    const res = await late(other, id, '23:00');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('BOOKING_NOT_FOUND');
    expect((await late(other, id)).statusCode).toBe(404);

    const pending = await guestStay('late-4', false);
    const refused = await late(pending.guest, pending.id, '23:00');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BOOKING_NOT_APPROVED');
  });

  it('refuses a time already passed, and any report once the first night is over', async () => {
    const { guest, id } = await guestStay('late-5');
    clock.set('2026-07-30T23:30:00+08:00');
    const passed = await late(guest, id, '23:00');
    expect(passed.statusCode).toBe(409);
    expect(passed.json().code).toBe('LATE_ARRIVAL_PASSED');
    expect((await late(guest, id, '23:45')).statusCode).toBe(200);
    clock.set('2026-07-31T07:00:00+08:00');
    expect((await late(guest, id, '05:00')).json().code).toBe('LATE_ARRIVAL_PASSED');
    expect((await late(guest, id, '23:00')).json().code).toBe('LATE_ARRIVAL_PASSED');
  });

  it('the no-show job holds a reported arrival until its time plus the grace period', async () => {
    expect(LATE_ARRIVAL_GRACE_MINUTES).toBe(60);
    const reported = await guestStay('late-6');
    const silent = await guestStay('late-7');
    expect((await late(reported.guest, reported.id, '01:00')).statusCode).toBe(200);

    clock.set('2026-07-30T22:05:00+08:00');
    await t.app.jobs.runJob('station-no-show');
    expect(await status(silent.id)).toBe('no_show');
    expect(await status(reported.id)).toBe('approved');

    clock.set('2026-07-31T01:59:00+08:00');
    await t.app.jobs.runJob('station-no-show');
    expect(await status(reported.id)).toBe('approved');

    clock.set('2026-07-31T02:00:00+08:00');
    await t.app.jobs.runJob('station-no-show');
    expect(await status(reported.id)).toBe('no_show');
  });

  it('drops the report when the stay moves to other dates: it was for the old first night', async () => {
    const { guest, id } = await guestStay('late-11');
    await late(guest, id, '23:40');
    const moved = await post(t, guest, `/bookings/${id}/dates`, {
      checkIn: '2026-08-02',
      nights: 2,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().lateArrival).toBeNull();
  });

  it('a report racing the no-show job: either the report stands and the bed is held, or it is refused and the booking released', async () => {
    clock.set('2026-07-30T10:00:00+08:00');
    const room = await post(t, staff, `/${station}/room-types`, {
      code: 'late-race',
      name: '测试房型晚到',
      gender: 'any',
      beds: 30,
    });
    expect(room.statusCode).toBe(201);
    const guests = await residents(t, 'late-race', 30);
    const ids: string[] = [];
    for (const g of guests) {
      const res = await book(t, g, station, {
        roomTypeId: room.json().id,
        checkIn: '2026-07-30',
        nights: 1,
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
      expect((await post(t, staff, `/bookings/${res.json().id}/approve`)).statusCode).toBe(200);
    }
    clock.set('2026-07-30T22:05:00+08:00');
    const [, ...answers] = await Promise.all([
      t.app.jobs.runJob('station-no-show'),
      ...guests.map((g, i) => late(g, ids[i]!, '23:30')),
    ]);
    for (const [i, id] of ids.entries()) {
      const expected = answers[i]!.statusCode === 200 ? 'approved' : 'no_show';
      if (expected === 'no_show') expect(answers[i]!.json().code).toBe('BOOKING_NOT_APPROVED');
      expect(await status(id)).toBe(expected);
    }
    expect(await invariantViolations(t)).toEqual([]);
  });

  it('staff see the reported time in the arrivals list and the console table', async () => {
    const { guest, id } = await guestStay('late-8');
    await late(guest, id, '23:10');
    const list = (await get(t, staff, `/${station}/staff/bookings?view=arrivals`)).json().items;
    expect(list.find((b: { id: string }) => b.id === id)).toMatchObject({ lateArrival: '23:10' });
    const table = await t.app.inject({
      method: 'GET',
      url: `/api/v1/console/tables/station-bookings`,
      query: { pageSize: '100' },
      headers: bearer(staff),
    });
    expect(table.statusCode).toBe(200);
    const rows = table.json().items as { id: string; lateArrival: string }[];
    expect(rows.find((r) => r.id === id)?.lateArrival).toBe('23:10');
  });

  it('after 22:00 staff check in only with a reason, and the reason is audited', async () => {
    const { id, code } = await guestStay('late-9');
    clock.set('2026-07-30T23:20:00+08:00');
    for (const body of [{ code }, { code, reason: '   ' }]) {
      const res = await post(t, staff, '/scan/check-in', body);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'CHECKIN_WINDOW_CLOSED',
        message: '只能在入住当天（2026-07-30）14:00–22:00办理入住',
      });
    }
    expect(await status(id)).toBe('approved');
    const tooLong = await post(t, staff, '/scan/check-in', { code, reason: '晚'.repeat(201) });
    expect(tooLong.statusCode).toBe(400);

    const res = await post(t, staff, '/scan/check-in', { code, reason: ' 高铁晚点，已电话确认 ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'checked_in' });
    const rows = await t.db.query<{ action: string; after: { reason?: string } }>(
      "SELECT action, after FROM audit_log WHERE entity = 'station_booking' AND entity_id = $1 AND action LIKE 'station.booking.check_in%'",
      [id],
    );
    expect(rows).toEqual([
      {
        action: 'station.booking.check_in_late',
        after: { status: 'checked_in', reason: '高铁晚点，已电话确认' },
      },
    ]);
  });

  it('refuses a check-in with a reason outside the first night', async () => {
    const { id, code } = await guestStay('late-10');
    clock.set('2026-07-31T06:01:00+08:00');
    const res = await post(t, staff, '/scan/check-in', { code, reason: '住客临时到达' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHECKIN_WINDOW_CLOSED');
    clock.set('2026-07-30T13:00:00+08:00');
    expect((await post(t, staff, '/scan/check-in', { code, reason: '提前到达' })).statusCode).toBe(
      409,
    );
    expect(await status(id)).toBe('approved');
  });
});
