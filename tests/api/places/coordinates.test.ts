// Stations and childcare sites carry a position (GCJ-02) so the app opens WeChat's map on them:
// seeded for the demo sites, returned with the station and class details, set by a station's own
// staff, and kept whole (both halves or neither) by the database itself.
import { bearer, DB_KIND, makeApp, type TestApp } from '../helper';
import { stationIds, staffOf, get } from '../station/station-helper';
import { makeCatalogue, makeClass } from '../childcare/fixtures';

/** The seeded places must land in Shanghai, not at (0, 0) or with latitude and longitude swapped. */
function expectInShanghai(latitude: unknown, longitude: unknown) {
  expect(latitude).toBeGreaterThan(30.7);
  expect(latitude).toBeLessThan(31.9);
  expect(longitude).toBeGreaterThan(120.85);
  expect(longitude).toBeLessThan(122.2);
}

describe(`station and site coordinates (${DB_KIND})`, () => {
  let t: TestApp;
  let ids: { a: string; b: string };
  let staffA: string;
  let staffB: string;
  beforeAll(async () => {
    t = await makeApp();
    ids = await stationIds(t);
    staffA = await staffOf(t, 'coord-staff-a', ids.a);
    staffB = await staffOf(t, 'coord-staff-b', ids.b);
  });
  afterAll(async () => t.close());

  const patch = (token: string, payload: object, id = ids.a) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/stations/${id}`,
      headers: bearer(token),
      payload,
    });

  it('returns the seeded position in the station list and the station detail', async () => {
    const list = (await get(t, null, '')).json().items;
    const a = list.find((s: { id: string }) => s.id === ids.a);
    expectInShanghai(a.latitude, a.longitude);
    const { station } = (await get(t, null, `/${ids.b}`)).json();
    expectInShanghai(station.latitude, station.longitude);
  });

  it("returns the site's position with each childcare class", async () => {
    const cat = await makeCatalogue(t);
    const classId = await makeClass(t, cat, { capacity: 10 });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/childcare/classes/${classId}` });
    expect(res.statusCode).toBe(200);
    const c = res.json().class;
    expectInShanghai(c.siteLatitude, c.siteLongitude);
    // the list of the programme's classes carries it too
    const programme = await t.app.inject({
      method: 'GET',
      url: `/api/v1/childcare/programmes/${cat.programmeId}`,
    });
    const listed = programme.json().classes.find((x: { id: string }) => x.id === classId);
    expect([listed.siteLatitude, listed.siteLongitude]).toEqual([c.siteLatitude, c.siteLongitude]);
  });

  it("lets the station's own staff move it on the map, shown to residents at once", async () => {
    const res = await patch(staffA, { coordinates: { latitude: 31.1801, longitude: 121.4302 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ latitude: 31.1801, longitude: 121.4302 });
    const detail = (await get(t, null, `/${ids.a}`)).json();
    expect(detail.station).toMatchObject({ latitude: 31.1801, longitude: 121.4302 });
    const [trail] = await t.db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE action = 'station.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(trail.after).toMatchObject({ coordinates: { latitude: 31.1801, longitude: 121.4302 } });
  });

  it('takes the station off the map with null, and leaves the position alone when not sent', async () => {
    expect((await patch(staffA, { contact: '021-6485 2210' })).json()).toMatchObject({
      latitude: 31.1801,
      longitude: 121.4302,
    });
    const res = await patch(staffA, { coordinates: null });
    expect(res.json()).toMatchObject({ latitude: null, longitude: null });
  });

  it("refuses another station's staff (404) and anyone signed out (401)", async () => {
    const other = await patch(staffB, { coordinates: { latitude: 31, longitude: 121 } });
    expect(other.statusCode).toBe(404);
    const anon = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/stations/${ids.a}`,
      payload: { coordinates: { latitude: 31, longitude: 121 } },
    });
    expect(anon.statusCode).toBe(401);
  });

  it.each([
    ['half a position', { latitude: 31.2 }],
    ['a latitude past the pole', { latitude: 91, longitude: 121 }],
    ['a longitude out of range', { latitude: 31, longitude: 181 }],
    ['text instead of numbers', { latitude: '31.2', longitude: '121.4' }],
    ['an unknown field', { latitude: 31.2, longitude: 121.4, altitude: 4 }],
  ])('refuses %s with 400 VALIDATION_FAILED and a Chinese message', async (_what, coordinates) => {
    const before = (await get(t, null, `/${ids.b}`)).json().station;
    const res = await patch(staffB, { coordinates }, ids.b);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/[\u4e00-\u9fa5]/),
    });
    const after = (await get(t, null, `/${ids.b}`)).json().station;
    expect([after.latitude, after.longitude]).toEqual([before.latitude, before.longitude]);
  });

  it('the database itself refuses half a position or one off the globe', async () => {
    for (const [lat, lng] of [
      [31.2, null],
      [null, 121.4],
      [95, 121.4],
      [31.2, -190],
    ])
      await expect(
        t.db.query(`UPDATE organizations SET latitude = $2, longitude = $3 WHERE id = $1`, [
          ids.b,
          lat,
          lng,
        ]),
      ).rejects.toThrow(/organizations_coordinates_chk/);
  });
});
