// The family's side of eligibility: a programme's 家长须知 is agreed to once before enrolling (and
// again when its text changes), and a programme with a local-school list refuses other schools —
// both in the enroll statement itself, so a parent calling the API directly meets the same rules.
import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
} from './fixtures';

const NOTICE = '请家长每日17:30前接走孩子；孩子发热请勿入园。';

describe('家长须知 and the local-school list', () => {
  let t: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => t.close());

  const acceptance = (token: string, programmeId: string, method: 'GET' | 'POST') =>
    t.app.inject({
      method,
      url: `/api/v1/childcare/programmes/${programmeId}/notice-acceptance`,
      headers: bearer(token),
    });
  const setSchools = (token: string, schools: string[] | null, programmeId = cat.programmeId) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/childcare/programmes/${programmeId}/local-schools`,
      headers: bearer(token),
      payload: { schools },
    });
  const taken = async (classId: string) =>
    (
      await t.db.query<{ taken: number }>('SELECT taken FROM cc_classes WHERE id = $1', [classId])
    )[0]!.taken;

  /** A catalogue whose programme carries a notice (the shared fixture's has none). */
  async function catalogueWithNotice(): Promise<Catalogue> {
    const c = await makeCatalogue(t);
    await t.db.query('UPDATE cc_programmes SET notice = $2 WHERE id = $1', [c.programmeId, NOTICE]);
    return c;
  }

  it('refuses to enroll until the parent agrees to the notice; nothing is written by the refusal', async () => {
    const c = await catalogueWithNotice();
    const classId = await makeClass(t, c, { capacity: 5 });
    const [a] = await makeFamilies(t, 'notice-a', 1);

    const refused = await enrollReq(t, a!.token, classId, a!.childIds, 'notice-key-1');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'CC_NOTICE_NOT_ACCEPTED',
      message: '请先阅读并同意本项目的家长须知',
    });
    expect(await taken(classId)).toBe(0);
    const keys = await t.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [
      'notice-key-1',
    ]);
    expect(keys).toHaveLength(0);

    expect((await acceptance(a!.token, c.programmeId, 'GET')).json()).toEqual({ acceptedAt: null });
    const agreed = await acceptance(a!.token, c.programmeId, 'POST');
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json()).toEqual({ acceptedAt: AFTER_OPEN });

    // agreeing again later keeps the first time
    clock.advance(60_000);
    expect((await acceptance(a!.token, c.programmeId, 'POST')).json()).toEqual({
      acceptedAt: AFTER_OPEN,
    });
    const ok = await enrollReq(t, a!.token, classId, a!.childIds, 'notice-key-1');
    expect(ok.statusCode).toBe(201);
    expect(await taken(classId)).toBe(1);

    // the agreement is the parent's own: another account is still refused
    const [b] = await makeFamilies(t, 'notice-b', 1);
    expect((await enrollReq(t, b!.token, classId, b!.childIds)).json().code).toBe(
      'CC_NOTICE_NOT_ACCEPTED',
    );
  });

  it('a changed notice must be agreed to again: the record keeps which text was accepted', async () => {
    const c = await catalogueWithNotice();
    const classId = await makeClass(t, c, { capacity: 5 });
    const [a] = await makeFamilies(t, 'notice-c', 1);
    await acceptance(a!.token, c.programmeId, 'POST');
    await t.db.query('UPDATE cc_programmes SET notice = $2 WHERE id = $1', [
      c.programmeId,
      `${NOTICE}午餐自带。`,
    ]);
    expect((await acceptance(a!.token, c.programmeId, 'GET')).json()).toEqual({ acceptedAt: null });
    expect((await enrollReq(t, a!.token, classId, a!.childIds)).statusCode).toBe(409);
    await acceptance(a!.token, c.programmeId, 'POST');
    expect((await enrollReq(t, a!.token, classId, a!.childIds)).statusCode).toBe(201);
  });

  it('a programme without a notice needs no agreement', async () => {
    const classId = await makeClass(t, cat, { capacity: 5 });
    const [a] = await makeFamilies(t, 'notice-none', 1);
    expect((await enrollReq(t, a!.token, classId, a!.childIds)).statusCode).toBe(201);
  });

  it('the committee sets the school list (normalized, audited); only listed schools enroll', async () => {
    const c = await makeCatalogue(t);
    const classId = await makeClass(t, c, { capacity: 5 });
    const [a] = await makeFamilies(t, 'school-a', 1); // children at 田林第三小学

    const organizer = await login(t.app, 'cc-schools-organizer', 'organizer');
    expect((await setSchools(organizer, ['长风小学'], c.programmeId)).statusCode).toBe(403);
    const tooShort = await setSchools(c.adminToken, ['长风小学', '某'], c.programmeId);
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().code).toBe('CC_SCHOOLS_INVALID');

    const set = await setSchools(
      c.adminToken,
      [' 长风小学 ', '', '长风小学', '普陀区第二中心小学'],
      c.programmeId,
    );
    expect(set.statusCode).toBe(200);
    expect(set.json().localSchools).toEqual(['长风小学', '普陀区第二中心小学']);
    const [row] = await t.db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE action = 'childcare.programme.local-schools' AND entity_id = $1`,
      [c.programmeId],
    );
    expect(row!.after).toEqual({ localSchools: ['长风小学', '普陀区第二中心小学'] });
    // the public detail carries the list, so the class page can say so before the rush
    const detail = await t.app.inject({ url: `/api/v1/childcare/programmes/${c.programmeId}` });
    expect(detail.json().programme.localSchools).toEqual(['长风小学', '普陀区第二中心小学']);

    const refused = await enrollReq(t, a!.token, classId, a!.childIds);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'CC_SCHOOL_NOT_LOCAL',
      message: '孩子1就读的田林第三小学不在本项目招收学校名单内',
    });
    expect(await taken(classId)).toBe(0);

    // a school typed with spaces around it is the same school
    await t.db.query(`UPDATE children SET school = ' 长风小学 ' WHERE id = $1`, [a!.childIds[0]]);
    expect((await enrollReq(t, a!.token, classId, a!.childIds)).statusCode).toBe(201);

    // an empty list lifts the restriction
    expect((await setSchools(c.adminToken, [], c.programmeId)).json().localSchools).toBeNull();
  });

  it('in a sibling group, one child outside the list refuses the whole group', async () => {
    const c = await makeCatalogue(t);
    const classId = await makeClass(t, c, { capacity: 5 });
    const [a] = await makeFamilies(t, 'school-pair', 1, 2);
    await setSchools(c.adminToken, ['田林第三小学'], c.programmeId);
    await t.db.query(`UPDATE children SET school = '长风小学' WHERE id = $1`, [a!.childIds[1]]);
    const refused = await enrollReq(t, a!.token, classId, a!.childIds);
    expect(refused.json().code).toBe('CC_SCHOOL_NOT_LOCAL');
    expect(await taken(classId)).toBe(0);
  });
});
