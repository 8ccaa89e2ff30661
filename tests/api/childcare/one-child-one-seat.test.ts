// Enrollment rules count the child, not the account: the mother's and the grandfather's accounts
// act for one child record, so pressing "enroll" on both phones at once still gives one seat.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  childIdNumber,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

describe('one child, one seat, whatever the account', () => {
  let t: TestApp;
  let cat: Catalogue;
  let classA: string;
  let classB: string;
  let mother: Family;
  let grandpa: Family;
  let childId: string;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
    classA = await makeClass(t, cat, { capacity: 35, name: '甲班' });
    classB = await makeClass(t, cat, { capacity: 35, name: '乙班', siteId: cat.otherSiteId });
    [mother, grandpa] = await makeFamilies(t, 'seat', 2, 0);
    const add = (f: Family) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/children',
        headers: bearer(f.token),
        payload: {
          name: '王小明',
          idNumber: childIdNumber(401),
          school: '田林第三小学',
          grade: '二年级',
        },
      });
    const first = await add(mother);
    expect(first.statusCode).toBe(201);
    childId = first.json().id;
    expect((await add(grandpa)).statusCode).toBe(202);
  });
  afterAll(async () => t.close());

  const liveEnrollments = async () =>
    (
      await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cc_enrollments WHERE child_id = $1 AND status IN ('enrolled', 'waitlisted', 'offered')`,
        [childId],
      )
    )[0]!.n;

  it('an account whose guardian request is not approved cannot enroll the child (404 like a missing child)', async () => {
    const res = await enrollReq(t, grandpa.token, classB, [childId]);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CC_CHILD_NOT_FOUND');
  });

  it('two approved accounts, two classes of one period, fired at once: exactly one live enrollment', async () => {
    const [r] = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/children/requests',
        headers: bearer(mother.token),
      })
    ).json().items;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/me/children/requests/${r.id}/approve`,
          headers: bearer(mother.token),
        })
      ).statusCode,
    ).toBe(200);

    const results = await Promise.all([
      enrollReq(t, mother.token, classA, [childId]),
      enrollReq(t, grandpa.token, classB, [childId]),
      enrollReq(t, mother.token, classB, [childId]),
      enrollReq(t, grandpa.token, classA, [childId]),
    ]);
    const statuses = results.map((x) => x.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const x of results.filter((y) => y.statusCode === 409))
      expect(x.json().code).toBe('CC_PERIOD_TAKEN');
    expect(await liveEnrollments()).toBe(1);
    const [{ taken }] = await t.db.query<{ taken: number }>(
      'SELECT sum(taken)::int AS taken FROM cc_classes WHERE id = ANY($1::bigint[])',
      [[classA, classB]],
    );
    expect(taken).toBe(1);
  });

  it('both accounts see the one enrollment in 我的托班, and either may cancel it', async () => {
    const mine = (f: Family) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/enrollments/mine',
        headers: bearer(f.token),
      });
    const m = (await mine(mother)).json().items;
    const g = (await mine(grandpa)).json().items;
    expect(m).toHaveLength(1);
    expect(g.map((e: { id: string }) => e.id)).toEqual(m.map((e: { id: string }) => e.id));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/enrollments/${m[0].id}/cancel`,
      headers: bearer(grandpa.token),
    });
    expect(res.statusCode).toBe(200);
    expect(await liveEnrollments()).toBe(0);
  });
});
