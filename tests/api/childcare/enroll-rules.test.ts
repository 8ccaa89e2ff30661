// Bad input and the rules around one enrollment: each refusal is a 4xx with a stable code and a
// Chinese message.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  BEFORE_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

describe('POST /api/v1/childcare/enrollments', () => {
  let t: TestApp;
  let cat: Catalogue;
  let classId: string;
  let otherClassSamePeriod: string;
  let mum: Family;
  let neighbour: Family;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
    classId = await makeClass(t, cat, { capacity: 35, gradeMin: 1, gradeMax: 3 });
    otherClassSamePeriod = await makeClass(t, cat, { capacity: 35, siteId: cat.otherSiteId });
    [mum, neighbour] = await makeFamilies(t, 'rules', 2);
  });
  afterAll(async () => t.close());
  beforeEach(() => clock.set(AFTER_OPEN));

  const expectRefusal = (
    res: { statusCode: number; json: () => any },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
  };

  it('when the registration window has not opened yet, answers 403 CC_NOT_OPEN (the server clock decides)', async () => {
    clock.set(BEFORE_OPEN);
    expectRefusal(await enrollReq(t, mum.token, classId, mum.childIds), 403, 'CC_NOT_OPEN');
  });

  it("when a parent names another family's child, answers 404 CC_CHILD_NOT_FOUND like a missing child", async () => {
    expectRefusal(
      await enrollReq(t, mum.token, classId, neighbour.childIds),
      404,
      'CC_CHILD_NOT_FOUND',
    );
    expectRefusal(await enrollReq(t, mum.token, classId, ['999999']), 404, 'CC_CHILD_NOT_FOUND');
  });

  it('when the child is in a grade outside the class range, answers 422 CC_GRADE_OUT_OF_RANGE', async () => {
    await t.db.query(`UPDATE children SET grade = '五年级' WHERE id = $1`, [neighbour.childIds[0]]);
    const res = await enrollReq(t, neighbour.token, classId, neighbour.childIds);
    expectRefusal(res, 422, 'CC_GRADE_OUT_OF_RANGE');
    expect(res.json().message).toContain('1–3年级');
  });

  it('when the profile has no school (pre-fill not done), answers 422 CC_PROFILE_INCOMPLETE', async () => {
    await t.db.query(`UPDATE children SET school = NULL, grade = '二年级' WHERE id = $1`, [
      neighbour.childIds[0],
    ]);
    expectRefusal(
      await enrollReq(t, neighbour.token, classId, neighbour.childIds),
      422,
      'CC_PROFILE_INCOMPLETE',
    );
    await t.db.query(`UPDATE children SET school = '田林第三小学' WHERE id = $1`, [
      neighbour.childIds[0],
    ]);
  });

  it('when the same child is listed twice, answers 400 CC_DUPLICATE_CHILD', async () => {
    expectRefusal(
      await enrollReq(t, mum.token, classId, [mum.childIds[0]!, mum.childIds[0]!]),
      400,
      'CC_DUPLICATE_CHILD',
    );
  });

  it('when the child already holds a class in this period, a second class answers 409 CC_PERIOD_TAKEN', async () => {
    const first = await enrollReq(t, mum.token, classId, mum.childIds);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'enrolled', position: null, message: '报名成功' });
    expectRefusal(
      await enrollReq(t, mum.token, otherClassSamePeriod, mum.childIds),
      409,
      'CC_PERIOD_TAKEN',
    );
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cc_enrollments WHERE child_id = $1`,
      [mum.childIds[0]],
    );
    expect(n).toBe(1);
  });

  it('lets the same child take a class in another period (several periods allowed)', async () => {
    const per2 = await t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/programmes/${cat.programmeId}/periods`,
      headers: bearer(cat.adminToken),
      payload: { seq: 2, name: '第二期', startsOn: '2027-02-22', endsOn: '2027-03-05' },
    });
    const c2 = await makeClass(t, cat, { capacity: 35, periodId: per2.json().id });
    const res = await enrollReq(t, mum.token, c2, mum.childIds);
    expect(res.statusCode).toBe(201);
  });

  it('when the period has already started, answers 409 CC_PERIOD_STARTED', async () => {
    clock.set('2027-01-25T01:00:00.000Z');
    expectRefusal(
      await enrollReq(t, neighbour.token, classId, neighbour.childIds),
      409,
      'CC_PERIOD_STARTED',
    );
  });

  it('when the class does not exist, answers 404 CC_CLASS_NOT_FOUND; malformed bodies are 400', async () => {
    expectRefusal(await enrollReq(t, mum.token, '987654', mum.childIds), 404, 'CC_CLASS_NOT_FOUND');
    expectRefusal(await enrollReq(t, mum.token, classId, []), 400, 'VALIDATION_FAILED');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/enrollments',
      headers: bearer(mum.token),
      payload: { classId: Number(classId), childIds: mum.childIds },
    });
    expectRefusal(res, 400, 'VALIDATION_FAILED');
  });

  it('without a login answers 401', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/enrollments',
      payload: { classId, childIds: ['1'] },
    });
    expect(res.statusCode).toBe(401);
  });
});
