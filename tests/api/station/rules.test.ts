// Station rules: the district defaults are the committee's (admin); each station's staff set their
// own station's auto-approval, free-night allowance and nights per stay, and no other station's.
import { bearer, login, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import {
  book,
  invariantViolations,
  resident,
  roomTypeId,
  stationIds,
  staffOf,
} from './station-helper';

/** The eligibility rules a station did not set (the district's apply). */
const UNSET_ELIGIBILITY = {
  graduatingWithinMonths: null,
  graduatedWithinMonths: null,
  noLocalHomeRequired: null,
  proofRequired: null,
};

describe(`station rules: district defaults and per-station rules (${DB_KIND})`, () => {
  const clock = testClock('2026-07-30T10:00:00+08:00');
  let t: TestApp;
  let ids: { a: string; b: string };
  let twinA: string;
  let roomB: string;
  let staffA: string;
  let admin: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    await t.app.jobs.runJob('station-inventory');
    ids = await stationIds(t);
    twinA = await roomTypeId(t, ids.a, 'twin');
    [{ id: roomB }] = await t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM station_room_types WHERE station_id = $1 AND gender = 'any' ORDER BY id LIMIT 1`,
      [ids.b],
    );
    staffA = await staffOf(t, 'rules-staff-a', ids.a);
    admin = await login(t.app, 'rules-admin', 'admin');
  });
  afterAll(async () => t.close());
  afterEach(async () => expect(await invariantViolations(t)).toEqual([]));

  const putRules = (token: string, stationId: string, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${stationId}/rules`,
      headers: bearer(token),
      payload,
    });
  const putDefaults = (token: string, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/stations/settings',
      headers: bearer(token),
      payload,
    });

  describe('PUT /api/v1/stations/settings (district defaults)', () => {
    it("refuses a station's staff with 403 FORBIDDEN and changes nothing", async () => {
      const res = await putDefaults(staffA, { autoApprove: true, allowanceNights: 30 });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/[\u4e00-\u9fa5]/),
      });
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/stations/settings' })).json(),
      ).toMatchObject({ autoApprove: false, allowanceNights: 7 });
    });

    it('lets the committee (admin) change them, on the audit trail', async () => {
      const res = await putDefaults(admin, { horizonDays: 60 });
      expect(res.statusCode).toBe(200);
      expect(res.json().horizonDays).toBe(60);
      expect(
        await t.db.query(`SELECT action FROM audit_log WHERE action = 'station.settings.update'`),
      ).toHaveLength(1);
      await putDefaults(admin, { horizonDays: 42 });
    });
  });

  describe('PUT /api/v1/stations/:stationId/rules', () => {
    it("lets a station's staff set its own rules; the other station keeps the district defaults", async () => {
      const res = await putRules(staffA, ids.a, { autoApprove: true, allowanceNights: 3 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        stationId: ids.a,
        overrides: {
          autoApprove: true,
          allowanceRule: null,
          allowanceNights: 3,
          maxNightsPerStay: null,
        },
        rules: { autoApprove: true, allowanceNights: 3, maxNightsPerStay: 7 },
        defaults: { autoApprove: false, allowanceNights: 7 },
      });
      const b = (
        await t.app.inject({ method: 'GET', url: `/api/v1/stations/${ids.b}/rules` })
      ).json();
      expect(b.rules).toMatchObject({ autoApprove: false, allowanceNights: 7 });
      const [entry] = await t.db.query<{ org_id: string; after: object }>(
        `SELECT org_id::text AS org_id, after FROM audit_log WHERE action = 'station.rules.update'`,
      );
      expect(entry).toEqual({
        org_id: ids.a,
        after: {
          autoApprove: true,
          allowanceRule: null,
          allowanceNights: 3,
          maxNightsPerStay: null,
          ...UNSET_ELIGIBILITY,
        },
      });
    });

    it('bookings follow the rules of their station: auto-approved and a 3-night allowance at A, by hand and 7 nights at B', async () => {
      const atA = await resident(t, 'rules-res-a');
      const overA = await book(t, atA, ids.a, {
        roomTypeId: twinA,
        checkIn: '2026-08-03',
        nights: 4,
      });
      expect(overA.statusCode).toBe(409);
      expect(overA.json()).toMatchObject({
        code: 'ALLOWANCE_EXCEEDED',
        message: expect.stringContaining('最多3晚'),
      });
      const okA = await book(t, atA, ids.a, {
        roomTypeId: twinA,
        checkIn: '2026-08-03',
        nights: 3,
      });
      expect(okA.json()).toMatchObject({ status: 'approved' });

      const atB = await resident(t, 'rules-res-b');
      const okB = await book(t, atB, ids.b, {
        roomTypeId: roomB,
        checkIn: '2026-08-03',
        nights: 5,
      });
      expect(okB.statusCode).toBe(201);
      expect(okB.json().status).toBe('requested');
    });

    it('answers staff of another station 404 STATION_NOT_FOUND, and changes nothing there', async () => {
      const res = await putRules(staffA, ids.b, { autoApprove: true });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('STATION_NOT_FOUND');
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/stations/${ids.b}/rules` })).json()
          .overrides.autoApprove,
      ).toBeNull();
    });

    it('refuses a resident (403) and anonymous (401)', async () => {
      const r = await resident(t, 'rules-res-c');
      expect((await putRules(r, ids.a, { autoApprove: false })).statusCode).toBe(403);
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/v1/stations/${ids.a}/rules`,
            payload: { autoApprove: false },
          })
        ).statusCode,
      ).toBe(401);
    });

    it('null puts a rule back to the district default; keys left out keep their value', async () => {
      const res = await putRules(staffA, ids.a, { autoApprove: null });
      expect(res.json().overrides).toEqual({
        autoApprove: null,
        allowanceRule: null,
        allowanceNights: 3,
        maxNightsPerStay: null,
        ...UNSET_ELIGIBILITY,
      });
      expect(res.json().rules.autoApprove).toBe(false);
    });

    it('refuses out-of-range values and an empty body with 400 VALIDATION_FAILED', async () => {
      for (const payload of [
        { allowanceNights: -1 },
        { maxNightsPerStay: 31 },
        {},
        { minAge: 10 },
      ]) {
        const res = await putRules(staffA, ids.a, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });
  });
});
