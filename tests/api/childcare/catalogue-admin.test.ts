// Programmes and periods are the district's calendar for every site: only the committee (admin)
// creates them. Site staff (organizers) still add classes at their own sites.
import { bearer, loginStaff, makeApp, DB_KIND, type TestApp } from '../helper';
import { makeCatalogue, makeClass, type Catalogue } from './fixtures';

describe(`childcare catalogue: who may create programmes and periods (${DB_KIND})`, () => {
  let t: TestApp;
  let cat: Catalogue;
  let siteStaff: string;
  beforeAll(async () => {
    t = await makeApp();
    cat = await makeCatalogue(t);
    siteStaff = await loginStaff(t, 'cc-cat-staff', [cat.siteId]);
  });
  afterAll(async () => t.close());

  const programme = {
    name: '2027寒托班',
    season: 'winter',
    prefillOpensAt: '2026-11-20T00:00:00.000Z',
    registrationOpensAt: '2026-12-01T00:00:00.000Z',
    registrationClosesAt: '2027-01-20T09:00:00.000Z',
  };
  const period = { seq: 2, name: '第二期', startsOn: '2027-02-08', endsOn: '2027-02-19' };

  describe('POST /api/v1/childcare/programmes', () => {
    it('refuses site staff with 403 FORBIDDEN and writes nothing', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/childcare/programmes',
        headers: bearer(siteStaff),
        payload: programme,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/[\u4e00-\u9fa5]/),
      });
      expect(
        await t.db.query(`SELECT id FROM cc_programmes WHERE name = $1`, [programme.name]),
      ).toEqual([]);
    });

    it('lets the committee (admin) create one', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/childcare/programmes',
        headers: bearer(cat.adminToken),
        payload: programme,
      });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('POST /api/v1/childcare/programmes/:id/periods', () => {
    it('refuses site staff with 403 FORBIDDEN, even on a programme their site runs classes in', async () => {
      await makeClass(t, cat, { capacity: 35 });
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/childcare/programmes/${cat.programmeId}/periods`,
        headers: bearer(siteStaff),
        payload: period,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(
        await t.db.query(`SELECT id FROM cc_periods WHERE programme_id = $1 AND seq = 2`, [
          cat.programmeId,
        ]),
      ).toEqual([]);
    });

    it('lets the committee (admin) add one', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/childcare/programmes/${cat.programmeId}/periods`,
        headers: bearer(cat.adminToken),
        payload: period,
      });
      expect(res.statusCode).toBe(201);
    });
  });

  it('still lets site staff create a class at their own site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/classes',
      headers: bearer(siteStaff),
      payload: {
        periodId: cat.periodId,
        siteId: cat.siteId,
        name: '本点新班',
        capacity: 30,
        gradeMin: 1,
        gradeMax: 3,
        feeFen: 0,
        whatToBring: '水杯',
      },
    });
    expect(res.statusCode).toBe(201);
  });
});
