// The station-staff side: approve/reject, scan check-in between 14:00 and 22:00 on the first night,
// early check-out, the no-show job, closing nights, bed counts, occupancy and CSV export.
import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
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

describe('/api/v1/stations — station staff', () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twin: string;
  let quadM: string;
  let staffA: string;
  let staffB: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twin = await roomTypeId(t, ids.a, 'twin');
    quadM = await roomTypeId(t, ids.a, 'quad-m');
    staffA = await staffOf(t, 'staff-a', ids.a);
    staffB = await staffOf(t, 'staff-b', ids.b);
  });
  afterAll(async () => t.close());
  afterEach(async () => expect(await invariantViolations(t)).toEqual([]));

  const freeOn = async (night: string, rt = twin) => {
    const [row] = await t.db.query<{ free: number }>(
      `SELECT beds - taken AS free FROM station_nights WHERE room_type_id = $1 AND night = $2`,
      [rt, night],
    );
    return row.free;
  };
  const scan = (token: string, code: string, kind = 'check-in') =>
    post(t, token, `/scan/${kind}`, { code });

  describe('book → approve → scan check-in → early check-out', () => {
    let guest: string;
    let bookingId: string;
    let code: string;

    it('lists the pending request for its own station staff, with personal data masked', async () => {
      clock.set('2026-07-30T10:00:00+08:00');
      guest = await resident(t, 'guest-1');
      bookingId = (
        await book(t, guest, ids.a, { roomTypeId: twin, checkIn: '2026-07-30', nights: 3 })
      ).json().id;
      const res = await get(t, staffA, `/${ids.a}/staff/bookings?status=requested`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        expect.objectContaining({
          id: bookingId,
          residentName: '青年st-1',
          phoneMasked: '138****8000',
          age: 26,
        }),
      ]);
      expect(res.body).not.toContain('13800138000');
    });

    it("hides the booking from another station's staff (404) and refuses residents (403)", async () => {
      const other = await post(t, staffB, `/bookings/${bookingId}/approve`);
      expect([other.statusCode, other.json().code]).toEqual([404, 'BOOKING_NOT_FOUND']);
      expect((await get(t, staffB, `/${ids.a}/staff/bookings`)).statusCode).toBe(404);
      expect((await post(t, guest, `/bookings/${bookingId}/approve`)).statusCode).toBe(403);
    });

    it('approves once; a second approval answers 409 BOOKING_NOT_PENDING', async () => {
      const res = await post(t, staffA, `/bookings/${bookingId}/approve`);
      expect(res.json()).toMatchObject({ id: bookingId, status: 'approved' });
      expect((await post(t, staffA, `/bookings/${bookingId}/approve`)).json().code).toBe(
        'BOOKING_NOT_PENDING',
      );
    });

    it('tells the resident in 消息, and records the approval in the audit trail', async () => {
      const inbox = (
        await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(guest) })
      ).json();
      expect(inbox.items[0]).toMatchObject({
        kind: 'booking',
        title: '驿站预约已通过',
        link: '/features/station/pages/mine/index',
      });
      expect(inbox.items[0].body).toContain('7月30日入住');
      const [entry] = await t.db.query<{
        action: string;
        org_id: string;
        before: unknown;
        after: unknown;
      }>(
        "SELECT action, org_id::text AS org_id, before, after FROM audit_log WHERE entity = 'station_booking' AND entity_id = $1",
        [bookingId],
      );
      expect(entry).toEqual({
        action: 'station.booking.approve',
        org_id: ids.a,
        before: { status: 'requested' },
        after: { status: 'approved' },
      });
    });

    it('refuses a scan before 14:00, a forged code, and the staff of another station', async () => {
      code = (await get(t, guest, '/me')).json().code;
      const early = await scan(staffA, code);
      expect([early.statusCode, early.json().code]).toEqual([409, 'CHECKIN_WINDOW_CLOSED']);
      const forged = await scan(staffA, code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA'));
      expect([forged.statusCode, forged.json().code]).toEqual([400, 'CODE_INVALID']);
      clock.set('2026-07-30T15:00:00+08:00');
      expect((await scan(staffB, code)).statusCode).toBe(404);
    });

    it('checks in at 15:00 on the first night; the booking can no longer be cancelled', async () => {
      clock.set('2026-07-30T15:00:00+08:00');
      const res = await scan(staffA, code);
      expect(res.json()).toMatchObject({
        id: bookingId,
        status: 'checked_in',
        checkedInAt: '2026-07-30T07:00:00.000Z',
      });
      expect((await scan(staffA, code)).json().code).toBe('BOOKING_NOT_APPROVED');
      expect((await post(t, guest, `/bookings/${bookingId}/cancel`)).json().code).toBe(
        'BOOKING_NOT_CANCELLABLE',
      );
      const arrivals = (await get(t, staffA, `/${ids.a}/staff/bookings?view=arrivals`)).json()
        .items;
      expect(arrivals.map((b: { id: string }) => b.id)).toContain(bookingId);
    });

    it('checking out the next morning returns the 2 unused nights to stock and to the allowance', async () => {
      clock.set('2026-07-31T09:00:00+08:00');
      expect([
        await freeOn('2026-07-30'),
        await freeOn('2026-07-31'),
        await freeOn('2026-08-01'),
      ]).toEqual([79, 79, 79]);
      const res = await scan(staffA, code, 'check-out');
      expect(res.json()).toMatchObject({ status: 'checked_out', nightsHeld: 1, nights: 3 });
      expect([
        await freeOn('2026-07-30'),
        await freeOn('2026-07-31'),
        await freeOn('2026-08-01'),
      ]).toEqual([79, 80, 80]);
      expect((await get(t, guest, '/me')).json().allowance).toMatchObject({
        used: 1,
        remaining: 6,
      });
      expect((await post(t, staffA, `/bookings/${bookingId}/check-out`)).json().code).toBe(
        'BOOKING_NOT_CHECKED_IN',
      );
    });
  });

  describe('POST /api/v1/stations/bookings/:bookingId/reject', () => {
    it('needs a reason, then gives the nights back and shows the reason to the resident', async () => {
      clock.set('2026-07-31T10:00:00+08:00');
      const guest = await resident(t, 'guest-rej');
      const id = (
        await book(t, guest, ids.a, { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 })
      ).json().id;
      expect((await post(t, staffA, `/bookings/${id}/reject`, {})).json().code).toBe(
        'VALIDATION_FAILED',
      );
      const res = await post(t, staffA, `/bookings/${id}/reject`, {
        reason: '材料不全，请补充求职证明后重新预订',
      });
      expect(res.json()).toMatchObject({ status: 'rejected', nightsHeld: 0 });
      expect(await freeOn('2026-08-05')).toBe(80);
      expect((await get(t, guest, `/bookings/${id}`)).json().rejectReason).toBe(
        '材料不全，请补充求职证明后重新预订',
      );
      expect((await get(t, guest, '/me')).json().allowance.remaining).toBe(7);
    });
  });

  describe('no-show job (station-no-show)', () => {
    it('after 22:00 on the first night: an approved no-show keeps the first night and releases the rest; an undecided request expires', async () => {
      clock.set('2026-07-31T10:00:00+08:00');
      const approved = await resident(t, 'guest-ns1');
      const pending = await resident(t, 'guest-ns2');
      const a = (
        await book(t, approved, ids.a, { roomTypeId: twin, checkIn: '2026-08-03', nights: 3 })
      ).json().id;
      const p = (
        await book(t, pending, ids.a, { roomTypeId: twin, checkIn: '2026-08-03', nights: 2 })
      ).json().id;
      await post(t, staffA, `/bookings/${a}/approve`);
      expect(await freeOn('2026-08-04')).toBe(78);

      clock.set('2026-08-03T21:59:00+08:00');
      expect(await t.app.jobs.runJob('station-no-show')).toBe(0);
      clock.set('2026-08-03T22:00:00+08:00');
      expect(await t.app.jobs.runJob('station-no-show')).toBe(2);
      expect(await t.app.jobs.runJob('station-no-show')).toBe(0);

      expect((await get(t, approved, `/bookings/${a}`)).json()).toMatchObject({
        status: 'no_show',
        nightsHeld: 1,
      });
      expect((await get(t, pending, `/bookings/${p}`)).json()).toMatchObject({
        status: 'expired',
        nightsHeld: 0,
      });
      expect([
        await freeOn('2026-08-03'),
        await freeOn('2026-08-04'),
        await freeOn('2026-08-05'),
      ]).toEqual([79, 80, 80]);
      expect((await get(t, approved, '/me')).json().allowance.remaining).toBe(6);
    });
  });

  describe('inventory', () => {
    it('refuses to close a night someone holds (409 NIGHT_HAS_BOOKINGS); a closed night cannot be booked and shows 0 free', async () => {
      clock.set('2026-08-04T10:00:00+08:00');
      const guest = await resident(t, 'guest-close');
      await book(t, guest, ids.a, { roomTypeId: quadM, checkIn: '2026-08-10', nights: 1 });
      const put = (night: string, closed: boolean, token = staffA) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/stations/${ids.a}/room-types/${quadM}/nights/${night}`,
          headers: bearer(token),
          payload: { closed },
        });
      const refused = await put('2026-08-10', true);
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'NIGHT_HAS_BOOKINGS']);
      expect((await put('2026-08-11', true, staffB)).statusCode).toBe(404);
      expect((await put('2026-08-11', true)).statusCode).toBe(204);
      const other = await resident(t, 'guest-close2');
      const res = await book(t, other, ids.a, {
        roomTypeId: quadM,
        checkIn: '2026-08-11',
        nights: 2,
      });
      expect([res.statusCode, res.json().code]).toEqual([409, 'NIGHT_FULL']);
      const cal = (await get(t, null, `/${ids.a}?from=2026-08-11&to=2026-08-12`)).json().nights;
      expect(cal.find((n: { roomTypeId: string }) => n.roomTypeId === quadM)).toMatchObject({
        closed: true,
        free: 0,
        beds: 24,
      });
      expect((await put('2026-08-11', false)).statusCode).toBe(204);
      expect(
        (await book(t, other, ids.a, { roomTypeId: quadM, checkIn: '2026-08-11', nights: 2 }))
          .statusCode,
      ).toBe(201);
    });

    it('adds a room type with its nights; refuses a bed count below what is booked (409 BEDS_BELOW_BOOKED)', async () => {
      clock.set('2026-08-04T10:00:00+08:00');
      const created = await post(t, staffA, `/${ids.a}/room-types`, {
        code: 'single',
        name: '单人间',
        gender: 'any',
        beds: 1,
      });
      expect(created.statusCode).toBe(201);
      const rt = created.json().id;
      expect(
        (
          await post(t, staffA, `/${ids.a}/room-types`, {
            code: 'single',
            name: '单人间',
            gender: 'any',
            beds: 1,
          })
        ).json().code,
      ).toBe('ROOM_TYPE_EXISTS');
      const guest = await resident(t, 'guest-single');
      expect(
        (await book(t, guest, ids.a, { roomTypeId: rt, checkIn: '2026-08-06', nights: 1 }))
          .statusCode,
      ).toBe(201);
      const patch = (beds: number) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/stations/${ids.a}/room-types/${rt}`,
          headers: bearer(staffA),
          payload: { beds },
        });
      const below = await patch(0);
      expect([below.statusCode, below.json().code]).toEqual([409, 'BEDS_BELOW_BOOKED']);
      expect((await patch(3)).json()).toMatchObject({ beds: 3 });
      expect(await freeOn('2026-08-06', rt)).toBe(2);
    });
  });

  describe('PATCH /api/v1/stations/:stationId', () => {
    it('lets its own staff edit contact and house rules, shown to residents at once; other staff get 404', async () => {
      const patch = (token: string, payload: object) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/stations/${ids.a}`,
          headers: bearer(token),
          payload,
        });
      const body = { contact: '021-6485 2210', rules: ['入住需出示身份证', '22:00后不办理入住'] };
      expect((await patch(staffB, body)).statusCode).toBe(404);
      const res = await patch(staffA, body);
      expect(res.statusCode).toBe(200);
      const listed = (await get(t, null, ''))
        .json()
        .items.find((s: { id: string }) => s.id === ids.a);
      expect(listed).toMatchObject({
        contact: '021-6485 2210',
        rules: ['入住需出示身份证', '22:00后不办理入住'],
        totalBeds: expect.any(Number),
      });
      expect((await patch(staffA, { photos: ['http://insecure.example/a.jpg'] })).statusCode).toBe(
        400,
      );
    });
  });

  describe("today's departures", () => {
    it('lists guests checking out today for the front desk', async () => {
      clock.set('2026-08-04T10:00:00+08:00');
      const res = await get(t, staffA, `/${ids.a}/staff/bookings?view=departures&date=2026-07-31`);
      expect(res.statusCode).toBe(200);
      // guest-1 checked out early on 07-31, but the stay was booked to 08-02: departures follow the booking
      const early = await get(
        t,
        staffA,
        `/${ids.a}/staff/bookings?view=departures&date=2026-08-02`,
      );
      expect(early.json().items.map((b: { status: string }) => b.status)).toEqual(['checked_out']);
      expect(res.json().items).toEqual([]);
    });
  });

  describe('occupancy report and CSV export', () => {
    it('answers the nights of a range and exports them for Excel (BOM, Chinese headers)', async () => {
      clock.set('2026-08-04T10:00:00+08:00');
      const occ = (
        await get(t, staffA, `/${ids.a}/staff/occupancy?from=2026-08-10&to=2026-08-12`)
      ).json();
      expect(occ.nights.filter((n: { roomTypeId: string }) => n.roomTypeId === quadM)).toEqual([
        { night: '2026-08-10', roomTypeId: quadM, beds: 24, taken: 1, free: 23, closed: false },
        { night: '2026-08-11', roomTypeId: quadM, beds: 24, taken: 1, free: 23, closed: false },
      ]);
      const csv = await get(
        t,
        staffA,
        `/${ids.a}/staff/occupancy.csv?from=2026-08-10&to=2026-08-11`,
      );
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.startsWith('\uFEFF日期,房型,床位,已订,空余,关闭,入住率\r\n')).toBe(true);
      expect(csv.body).toContain('2026-08-10,四人间（男）,24,1,23,,4%');
      const list = await get(t, staffA, `/${ids.a}/staff/bookings.csv`);
      expect(list.body).toContain('138****8000');
      expect(list.body).not.toContain('13800138000');
      expect((await get(t, staffB, `/${ids.a}/staff/occupancy.csv`)).statusCode).toBe(404);
      const resident = await login(t.app, 'guest-close');
      expect((await get(t, resident, `/${ids.a}/staff/occupancy`)).statusCode).toBe(403);
    });
  });
});

describe('the day-before check-in reminder', () => {
  const clock = testClock('2026-08-03T09:00:00+08:00');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
  });
  afterAll(async () => t.close());

  it('reminds an approved guest once on the day before, and nobody else', async () => {
    const ids = await stationIds(t);
    const twin = await roomTypeId(t, ids.a, 'twin');
    const staff = await staffOf(t, 'reminder-staff', ids.a);
    const guest = await resident(t, 'reminder-guest');
    const pending = await resident(t, 'reminder-pending');
    const id = (
      await book(t, guest, ids.a, { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 })
    ).json().id;
    await book(t, pending, ids.a, { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 });
    // the messages word the check-in window of the station's rules, not a fixed 14:00–22:00
    const admin = await login(t.app, 'reminder-admin', 'admin');
    const window = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/stations/settings',
      headers: bearer(admin),
      payload: { checkInFrom: '15:00', checkInUntil: '23:00' },
    });
    expect(window.statusCode).toBe(200);
    await post(t, staff, `/bookings/${id}/approve`);
    const reminders = async (token: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(token) }))
        .json()
        .items.filter((m: { kind: string }) => m.kind === 'checkin_reminder');

    expect(await t.app.jobs.runJob('station-checkin-reminder')).toBe(0); // two days before: not yet
    clock.set('2026-08-04T08:00:00+08:00'); // the morning before: not yet (the evening is the time)
    expect(await t.app.jobs.runJob('station-checkin-reminder')).toBe(0);
    clock.set('2026-08-04T18:00:00+08:00');
    expect(await t.app.jobs.runJob('station-checkin-reminder')).toBe(1);
    expect(await t.app.jobs.runJob('station-checkin-reminder')).toBe(0); // once
    expect(await reminders(guest)).toEqual([
      expect.objectContaining({
        title: '明天入住青年驿站',
        body: expect.stringContaining('（8月5日）15:00–23:00 办理入住'),
      }),
    ]);
    const approved = (
      await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(guest) })
    )
      .json()
      .items.find((m: { kind: string }) => m.kind === 'booking');
    expect(approved.body).toContain('请于当天 15:00–23:00 凭预约码');
    expect(await reminders(pending)).toEqual([]);
  });
});
