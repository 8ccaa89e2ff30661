// The resident side of 青年驿站: stations, calendar, eligibility, booking, cancel, allowance.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
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

describe('/api/v1/stations — residents', () => {
  // 10:00 in Shanghai on 30 July: stays run across the month end.
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twin: string;
  let quadF: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twin = await roomTypeId(t, ids.a, 'twin');
    quadF = await roomTypeId(t, ids.a, 'quad-f');
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

  describe('GET /api/v1/stations', () => {
    it('lists both partner stations with their room types, 234 beds, and free beds for the coming week', async () => {
      const res = await get(t, null, '');
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((s: { name: string }) => s.name)).toEqual([
        '青年人才驿站·漕河泾合作酒店',
        '青年人才驿站·半马苏河合作公寓',
      ]);
      expect(items.reduce((n: number, s: { totalBeds: number }) => n + s.totalBeds, 0)).toBe(234);
      expect(items[0].roomTypes.map((r: { code: string }) => r.code)).toEqual([
        'twin',
        'quad-m',
        'quad-f',
      ]);
      expect(items[0].freeThisWeek).toEqual([120, 120, 120, 120, 120, 120, 120]);
      expect(items[0].rules.length).toBeGreaterThan(0);
    });
  });

  describe('GET /api/v1/stations/:stationId', () => {
    it('answers a calendar of free beds per room type and night, from tonight over the booking horizon', async () => {
      const res = await get(t, null, `/${ids.a}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.from).toBe('2026-07-30');
      expect(body.to).toBe('2026-09-10');
      expect(body.nights).toHaveLength(42 * 3);
      expect(body.nights[0]).toEqual({
        night: '2026-07-30',
        roomTypeId: twin,
        beds: 80,
        taken: 0,
        free: 80,
        closed: false,
      });
    });

    it('answers 404 STATION_NOT_FOUND for an unknown station, and for an organization that is not a station', async () => {
      const [committee] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM organizations WHERE kind = 'committee' LIMIT 1`,
      );
      for (const id of ['999999', committee.id]) {
        const res = await get(t, null, `/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('STATION_NOT_FOUND');
      }
    });
  });

  describe('GET /api/v1/stations/eligibility', () => {
    it('asks for the real-name profile first', async () => {
      const { login } = await import('../helper');
      const token = await login(t.app, 'no-profile');
      const res = await get(t, token, '/eligibility');
      expect(res.json()).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });
    });

    it('refuses a 36-year-old with the reason, and accepts a 26-year-old with the full allowance', async () => {
      const old = await resident(t, 'elig-old', '1990-03-07');
      const young = await resident(t, 'elig-young', '2000-05-01');
      const refused = (await get(t, old, '/eligibility')).json();
      expect(refused).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE', age: null });
      expect(refused.reason).toContain('18–35');
      const ok = (await get(t, young, '/eligibility')).json();
      expect(ok).toMatchObject({
        ok: true,
        code: null,
        age: 26,
        maxNightsPerStay: 7,
        hasActiveBooking: false,
      });
      expect(ok.allowance).toEqual({
        rule: 'nights',
        total: 7,
        used: 0,
        remaining: 7,
        staysUsed: 0,
        windowMonths: 12,
        windowStart: null,
        windowEnd: null,
      });
    });

    it('refuses a graduate whose graduation is further away than the setting allows', async () => {
      const token = await resident(t, 'elig-grad');
      const far = (
        await get(t, token, '/eligibility?declaredStatus=graduating&graduationDate=2028-06-30')
      ).json();
      expect(far).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
      const near = (
        await get(t, token, '/eligibility?declaredStatus=graduating&graduationDate=2027-06-30')
      ).json();
      expect(near.ok).toBe(true);
    });
  });

  describe('POST /api/v1/stations/:stationId/bookings', () => {
    it('books 3 nights across the month end: [07-30, 08-02), the check-out day not counted, beds held while pending', async () => {
      const token = await resident(t, 'res-month-end');
      const res = await book(t, token, ids.a, {
        roomTypeId: twin,
        checkIn: '2026-07-30',
        nights: 3,
      });
      expect(res.json()).toMatchObject({ checkIn: '2026-07-30' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        stationId: ids.a,
        roomTypeId: twin,
        checkIn: '2026-07-30',
        checkOut: '2026-08-02',
        nights: 3,
        nightsHeld: 3,
        status: 'requested',
      });
      expect([
        await freeOn('2026-07-30'),
        await freeOn('2026-07-31'),
        await freeOn('2026-08-01'),
        await freeOn('2026-08-02'),
      ]).toEqual([79, 79, 79, 80]);
    });

    it('books a second stay at another station, and refuses one sharing a night with 409 STAY_OVERLAPS', async () => {
      const token = await resident(t, 'res-month-end');
      const twinB = await roomTypeId(t, ids.b, 'twin');
      const overlapping = await book(t, token, ids.b, {
        roomTypeId: twinB,
        checkIn: '2026-08-01',
        nights: 2,
      });
      expect(overlapping.statusCode).toBe(409);
      expect(overlapping.json()).toMatchObject({
        code: 'STAY_OVERLAPS',
        message: '与您7月30日–8月2日在青年人才驿站·漕河泾合作酒店的预订重叠，请换个日期',
      });
      // from the check-out day on: the check-out day is not a night of the first stay
      const next = await book(t, token, ids.b, {
        roomTypeId: twinB,
        checkIn: '2026-08-02',
        nights: 2,
      });
      expect(next.statusCode).toBe(201);
      expect((await get(t, token, '/me')).json().allowance.remaining).toBe(2);
    });

    it('treats a retried request with the same Idempotency-Key as one booking', async () => {
      const token = await resident(t, 'res-retry');
      const headers = { 'idempotency-key': 'station-retry-0001' };
      const first = await book(
        t,
        token,
        ids.a,
        { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 },
        headers,
      );
      const again = await book(
        t,
        token,
        ids.a,
        { roomTypeId: twin, checkIn: '2026-08-05', nights: 2 },
        headers,
      );
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(first.json().id);
      expect(await freeOn('2026-08-05')).toBe(79);
    });

    it("auto-approves when the station's rules say so", async () => {
      const staff = await staffOf(t, 'staff-settings', ids.a);
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/v1/stations/${ids.a}/rules`,
            headers: bearer(staff),
            payload: { autoApprove: true },
          })
        ).json().rules.autoApprove,
      ).toBe(true);
      const token = await resident(t, 'res-auto');
      const res = await book(t, token, ids.a, {
        roomTypeId: twin,
        checkIn: '2026-08-20',
        nights: 1,
      });
      expect(res.json().status).toBe('approved');
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/stations/${ids.a}/rules`,
        headers: bearer(staff),
        payload: { autoApprove: null },
      });
    });

    it('lets a resident change the settings? no: 403 FORBIDDEN', async () => {
      const token = await resident(t, 'res-settings');
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/stations/settings',
        headers: bearer(token),
        payload: { maxNightsPerStay: 30 },
      });
      expect(res.statusCode).toBe(403);
    });

    describe('bad input answers 4xx with a stable code, and takes no bed', () => {
      const cases: [string, Record<string, unknown>, number, string][] = [
        ['a check-in in the past', { checkIn: '2026-07-29', nights: 1 }, 400, 'CHECKIN_IN_PAST'],
        ['0 nights', { checkIn: '2026-08-01', nights: 0 }, 400, 'NIGHTS_OUT_OF_RANGE'],
        ['more than 7 nights', { checkIn: '2026-08-01', nights: 8 }, 400, 'NIGHTS_OUT_OF_RANGE'],
        ['a date that does not exist', { checkIn: '2026-02-30', nights: 1 }, 400, 'DATE_INVALID'],
        [
          'a check-in beyond the 6-week horizon',
          { checkIn: '2026-09-09', nights: 3 },
          400,
          'CHECKIN_TOO_FAR',
        ],
        ['a malformed date', { checkIn: '30/07/2026', nights: 1 }, 400, 'VALIDATION_FAILED'],
        ['a non-integer nights', { checkIn: '2026-08-01', nights: 1.5 }, 400, 'VALIDATION_FAILED'],
      ];
      it.each(cases)('%s', async (_label, body, status, code) => {
        const token = await resident(t, 'res-bad');
        const res = await book(t, token, ids.a, { roomTypeId: twin, ...body });
        expect(res.statusCode).toBe(status);
        expect(res.json().code).toBe(code);
      });

      it('an unknown station → 404 STATION_NOT_FOUND; a room type of another station → 404 ROOM_TYPE_NOT_FOUND', async () => {
        const token = await resident(t, 'res-bad');
        const unknown = await book(t, token, '999999', {
          roomTypeId: twin,
          checkIn: '2026-08-01',
          nights: 1,
        });
        expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'STATION_NOT_FOUND']);
        const foreignRoom = await book(t, token, ids.b, {
          roomTypeId: twin,
          checkIn: '2026-08-01',
          nights: 1,
        });
        expect([foreignRoom.statusCode, foreignRoom.json().code]).toEqual([
          404,
          'ROOM_TYPE_NOT_FOUND',
        ]);
      });

      it('a man in a women-only dorm → 403 GENDER_MISMATCH; a 36-year-old → 403 NOT_ELIGIBLE', async () => {
        const man = await resident(t, 'res-bad');
        const g = await book(t, man, ids.a, {
          roomTypeId: quadF,
          checkIn: '2026-08-01',
          nights: 1,
        });
        expect([g.statusCode, g.json().code]).toEqual([403, 'GENDER_MISMATCH']);
        const old = await resident(t, 'res-old', '1990-03-07');
        const o = await book(t, old, ids.a, { roomTypeId: twin, checkIn: '2026-08-01', nights: 1 });
        expect([o.statusCode, o.json().code]).toEqual([403, 'NOT_ELIGIBLE']);
      });

      it('at 00:30 Shanghai time (16:30 UTC the day before) yesterday is already the past', async () => {
        clock.set('2026-07-30T16:30:00Z');
        try {
          const token = await resident(t, 'res-bad');
          const res = await book(t, token, ids.a, {
            roomTypeId: twin,
            checkIn: '2026-07-30',
            nights: 1,
          });
          expect(res.json().code).toBe('CHECKIN_IN_PAST');
          const ok = await book(t, token, ids.a, {
            roomTypeId: twin,
            checkIn: '2026-07-31',
            nights: 1,
          });
          expect(ok.statusCode).toBe(201);
          expect((await post(t, token, `/bookings/${ok.json().id}/cancel`)).statusCode).toBe(200);
        } finally {
          clock.set('2026-07-30T10:00:00+08:00');
        }
      });
    });
  });

  describe('GET /api/v1/stations/bookings/:bookingId', () => {
    it("answers another person's booking exactly like a missing one", async () => {
      const owner = await resident(t, 'res-owner');
      const snoop = await resident(t, 'res-snoop');
      const id = (
        await book(t, owner, ids.a, { roomTypeId: twin, checkIn: '2026-08-12', nights: 1 })
      ).json().id;
      expect((await get(t, owner, `/bookings/${id}`)).statusCode).toBe(200);
      const foreign = await get(t, snoop, `/bookings/${id}`);
      const missing = await get(t, snoop, '/bookings/99999999');
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
      const cancel = await post(t, snoop, `/bookings/${id}/cancel`);
      expect(cancel.statusCode).toBe(404);
      expect(cancel.json()).toEqual((await post(t, snoop, '/bookings/99999999/cancel')).json());
    });
  });

  describe('POST /api/v1/stations/bookings/:bookingId/cancel', () => {
    it('returns the nights to stock and to the allowance at once', async () => {
      const token = await resident(t, 'res-cancel');
      const id = (
        await book(t, token, ids.a, { roomTypeId: twin, checkIn: '2026-08-14', nights: 5 })
      ).json().id;
      expect(await freeOn('2026-08-14')).toBe(79);
      expect((await get(t, token, '/me')).json().allowance.remaining).toBe(2);
      const res = await post(t, token, `/bookings/${id}/cancel`);
      expect(res.json()).toMatchObject({ status: 'cancelled', nightsHeld: 0 });
      expect(await freeOn('2026-08-14')).toBe(80);
      expect((await get(t, token, '/me')).json().allowance.remaining).toBe(7);
      expect((await post(t, token, `/bookings/${id}/cancel`)).json().code).toBe(
        'BOOKING_NOT_CANCELLABLE',
      );
    });
  });

  describe('GET /api/v1/stations/me', () => {
    it('shows the current booking, the history and the remaining allowance; the QR code once approved', async () => {
      const token = await resident(t, 'res-cancel');
      const id = (
        await book(t, token, ids.a, { roomTypeId: twin, checkIn: '2026-08-16', nights: 2 })
      ).json().id;
      const me = (await get(t, token, '/me')).json();
      expect(me.current).toMatchObject({ checkIn: '2026-08-16', nights: 2, status: 'requested' });
      expect(me.upcoming).toEqual([me.current]);
      // 待审核: no code to show at the front desk yet
      expect([me.code, me.qrDataUrl]).toEqual([null, null]);
      const staff = await staffOf(t, 'res-cancel-staff', ids.a);
      expect((await post(t, staff, `/bookings/${id}/approve`)).statusCode).toBe(200);
      const approved = (await get(t, token, '/me')).json();
      expect(approved.code).toMatch(/^[\w-]+\.[\w-]+$/);
      expect(approved.qrDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(me.history.map((b: { status: string }) => b.status)).toEqual(['cancelled']);
      expect(me.allowance).toMatchObject({
        total: 7,
        used: 2,
        remaining: 5,
        windowStart: '2026-08-16',
        windowEnd: '2027-08-16',
      });
    });
  });
});
