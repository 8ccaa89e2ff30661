// Guardians, pick-up codes and the daily door log; the roster and its CSV; staff scoping.
import { bearer, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

describe('guardians, pick-up codes and the door log', () => {
  let t: TestApp;
  let cat: Catalogue;
  let classId: string;
  let fam: Family;
  let staff: string;
  let otherStaff: string;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
    classId = await makeClass(t, cat, { capacity: 35, name: '低年级班' });
    [fam] = await makeFamilies(t, 'door', 1);
    staff = await loginStaff(t, 'door-staff', [cat.siteId]);
    otherStaff = await loginStaff(t, 'door-other', [cat.otherSiteId]);
  });
  afterAll(async () => t.close());

  const guardianReq = (payload: object, childId = fam.childIds[0]!, token = fam.token) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/children/${childId}/guardians`,
      headers: bearer(token),
      payload,
    });
  const scan = (code: string, kind: 'drop_off' | 'pick_up', token = staff) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/attendance',
      headers: bearer(token),
      payload: { code, kind },
    });

  describe('POST /api/v1/childcare/children/:id/guardians', () => {
    it('adds an authorized guardian and answers the phone masked only', async () => {
      const res = await guardianReq({ name: '王建国', relation: '祖父', phone: '13812345678' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        id: expect.any(String),
        name: '王建国',
        relation: '祖父',
        phoneMasked: '138****5678',
      });
      expect(res.body).not.toContain('13812345678');
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/children',
        headers: bearer(fam.token),
      });
      expect(list.body).not.toContain('13812345678');
      expect(list.json().items[0].guardians).toHaveLength(1);
    });

    it("refuses a bad phone (400 CC_PHONE_INVALID) and another family's child (404)", async () => {
      const bad = await guardianReq({ name: '王建国', relation: '祖父', phone: '12345' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('CC_PHONE_INVALID');
      const [other] = await makeFamilies(t, 'door-other-fam', 1);
      const res = await guardianReq(
        { name: '李四', relation: '父亲', phone: '13900001111' },
        fam.childIds[0],
        other!.token,
      );
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CC_CHILD_NOT_FOUND');
    });
  });

  describe('POST /api/v1/childcare/attendance', () => {
    let code: string;
    beforeAll(async () => {
      expect((await enrollReq(t, fam.token, classId, fam.childIds)).statusCode).toBe(201);
      const mine = await t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/enrollments/mine',
        headers: bearer(fam.token),
      });
      const e = mine.json().items[0];
      expect(e.pickupCodes).toHaveLength(1);
      expect(e.pickupCodes[0]).toMatchObject({ guardianName: '王建国', relation: '祖父' });
      expect(e.pickupCodes[0].qr).toMatch(/^data:image\/png;base64,/);
      code = e.pickupCodes[0].code;
    });

    it('refuses a code outside the period days with 409 CC_CODE_NOT_TODAY', async () => {
      const res = await scan(code, 'drop_off');
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CC_CODE_NOT_TODAY');
    });

    it('records drop-off and pick-up by the authorized guardian on a period day', async () => {
      clock.set('2027-01-25T00:15:00.000Z'); // 08:15 Shanghai
      const drop = await scan(code, 'drop_off');
      expect(drop.statusCode).toBe(201);
      expect(drop.json()).toMatchObject({
        kind: 'drop_off',
        day: '2027-01-25',
        guardianName: '王建国',
        className: '低年级班',
      });
      clock.set('2027-01-25T09:10:00.000Z'); // 17:10
      expect((await scan(code, 'pick_up')).statusCode).toBe(201);
      const mine = await t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/enrollments/mine',
        headers: bearer(fam.token),
      });
      expect(mine.json().items[0].attendance.map((a: { kind: string }) => a.kind)).toEqual([
        'drop_off',
        'pick_up',
      ]);
    });

    it('refuses a forged or mangled code with 400 CC_CODE_INVALID', async () => {
      const res = await scan(code.slice(0, -2) + 'xx', 'pick_up');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CC_CODE_INVALID');
    });

    it('answers 404 to staff of another site, as if the class did not exist', async () => {
      const res = await scan(code, 'pick_up', otherStaff);
      expect(res.statusCode).toBe(404);
    });

    it('refuses the code of a guardian the family removed', async () => {
      const g = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/childcare/children',
          headers: bearer(fam.token),
        })
      ).json().items[0].guardians[0];
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/childcare/children/${fam.childIds[0]}/guardians/${g.id}`,
        headers: bearer(fam.token),
      });
      expect(del.statusCode).toBe(204);
      const res = await scan(code, 'pick_up');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CC_CODE_INVALID');
    });

    it('keeps the log append-only: the database refuses to change or delete a row', async () => {
      await expect(t.db.query(`UPDATE cc_attendance SET kind = 'pick_up'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.query(`DELETE FROM cc_attendance`)).rejects.toThrow(/append-only/);
      const [{ n }] = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM cc_attendance',
      );
      expect(n).toBe(2);
    });

    it('exports the log as CSV with a BOM and Chinese headers, keeping the guardian snapshot', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/childcare/classes/${classId}/attendance.csv`,
        headers: bearer(staff),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.startsWith('\uFEFF日期,时间,类型,孩子姓名,班级,接送人,关系')).toBe(true);
      expect(res.body).toContain('2027-01-25,08:15:00,入园,孩子1,低年级班,王建国,祖父');
    });
  });

  describe('GET /api/v1/childcare/classes/:id/roster(.csv)', () => {
    it('lists the class for its site staff, with masked guardian phones, and exports it as CSV', async () => {
      await guardianReq({ name: '王芳', relation: '母亲', phone: '13900002222' });
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/childcare/classes/${classId}/roster`,
        headers: bearer(staff),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(1);
      expect(res.json().items[0]).toMatchObject({
        status: 'enrolled',
        childName: '孩子1',
        grade: '二年级',
      });
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/v1/childcare/classes/${classId}/roster.csv`,
        headers: bearer(staff),
      });
      expect(
        csv.body.startsWith('\uFEFF状态,候补位次,孩子姓名,性别,年级,学校,健康情况,授权接送人'),
      ).toBe(true);
      expect(csv.body).toContain('王芳（母亲，139****2222）');
      expect(csv.body).not.toContain('13900002222');
    });

    it('answers 404 to staff of another site and 403 to a resident', async () => {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/childcare/classes/${classId}/roster`,
            headers: bearer(otherStaff),
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/childcare/classes/${classId}/roster`,
            headers: bearer(fam.token),
          })
        ).statusCode,
      ).toBe(403);
    });

    it('counts seats per site and period for the staff', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/childcare/staff/counts?programmeId=${cat.programmeId}`,
        headers: bearer(staff),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        expect.objectContaining({
          siteId: cat.siteId,
          periodName: '第一期',
          capacity: 35,
          enrolled: 1,
          offered: 0,
          waitlisted: 0,
        }),
      ]);
    });
  });

  describe('POST /api/v1/childcare/classes/:id/notices', () => {
    it('lets site staff post a notice that the enrolled family sees on 我的托班; other sites get 404', async () => {
      const other = await t.app.inject({
        method: 'POST',
        url: `/api/v1/childcare/classes/${classId}/notices`,
        headers: bearer(otherStaff),
        payload: { body: '明天停课' },
      });
      expect(other.statusCode).toBe(404);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/childcare/classes/${classId}/notices`,
        headers: bearer(staff),
        payload: { body: '明天有高温，请带好防晒帽和水杯' },
      });
      expect(res.statusCode).toBe(201);
      const mine = await t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/enrollments/mine',
        headers: bearer(fam.token),
      });
      expect(mine.json().items[0].notices.map((n: { body: string }) => n.body)).toEqual([
        '明天有高温，请带好防晒帽和水杯',
      ]);
    });
  });

  describe('the public catalogue', () => {
    it('shows the seeded programmes and a programme with its periods and classes (remaining seats)', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/childcare/programmes' });
      // the 2026 summer programme of the source documents, and the next one counted from today
      expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['2026爱心暑托班', expect.stringMatching(/^20\d\d爱心[寒暑]托班$/)]),
      );
      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/v1/childcare/programmes/${cat.programmeId}`,
      });
      expect(detail.json().classes[0]).toMatchObject({
        id: classId,
        capacity: 35,
        taken: 1,
        remaining: 34,
        feeFen: 0,
      });
      // no clock in the catalogue: it is cached, so countdowns take the time from GET /time
      expect(detail.json()).not.toHaveProperty('serverNow');
    });
  });

  describe('DELETE /api/v1/me/children/:id (the account) with childcare history', () => {
    it('deletes the child, returns the seat to the class and keeps the door log', async () => {
      const [{ taken: before }] = await t.db.query<{ taken: number }>(
        'SELECT taken FROM cc_classes WHERE id = $1',
        [classId],
      );
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/children/${fam.childIds[0]}`,
        headers: bearer(fam.token),
      });
      expect(res.statusCode).toBe(204);
      const [{ taken: after }] = await t.db.query<{ taken: number }>(
        'SELECT taken FROM cc_classes WHERE id = $1',
        [classId],
      );
      expect(after).toBe(before - 1);
      const log = await t.app.inject({
        method: 'GET',
        url: `/api/v1/childcare/classes/${classId}/attendance`,
        headers: bearer(staff),
      });
      expect(log.json().items.map((a: { childName: string }) => a.childName)).toEqual([
        '孩子1',
        '孩子1',
      ]);
    });
  });
});
