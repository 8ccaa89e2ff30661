import {
  bearer,
  IDS,
  login,
  loginStaff,
  makeApp,
  testClock,
  DB_KIND,
  type TestApp,
} from '../helper';
import {
  apply,
  committeeId,
  courseBody,
  createCourse,
  createTerm,
  organizer,
  residents,
  expectError,
} from './fixture';

const OPENS = '2026-03-01T02:00:00.000Z';
const CLOSES = '2026-03-05T14:00:00.000Z';

describe(`night school, bad input (${DB_KIND})`, () => {
  const clock = testClock('2026-02-20T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let termId: string;
  let courseId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    termId = (
      await createTerm(t, staff, { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES })
    ).id;
    courseId = (await createCourse(t, staff, termId, { capacity: 2 })).id;
  });
  afterAll(async () => t.close());

  describe('POST /api/v1/night-school/admin/terms', () => {
    it('when the window closes before it opens, answers 400 TERM_WINDOW_ORDER', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/night-school/admin/terms',
        headers: bearer(staff),
        payload: {
          orgId: await committeeId(t),
          name: '错序学期',
          allocation: 'lottery',
          opensAt: CLOSES,
          closesAt: OPENS,
        },
      });
      expectError(res, 400, 'TERM_WINDOW_ORDER');
    });

    it("for another organization's committee, answers 404 like a missing one", async () => {
      const [other] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name LIKE '%普陀%'`,
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/night-school/admin/terms',
        headers: bearer(staff),
        payload: {
          orgId: other.id,
          name: '别人的学期',
          allocation: 'lottery',
          opensAt: OPENS,
          closesAt: CLOSES,
        },
      });
      expect(res.statusCode).toBe(404);
    });

    it('for a resident, answers 403', async () => {
      const resident = await login(t.app, 'plain-resident');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/night-school/admin/terms',
        headers: bearer(resident),
        payload: {
          orgId: await committeeId(t),
          name: '学期',
          allocation: 'lottery',
          opensAt: OPENS,
          closesAt: CLOSES,
        },
      });
      expectError(res, 403, 'FORBIDDEN');
    });
  });

  describe('POST /api/v1/night-school/admin/terms/:id/courses and PATCH /admin/courses/:id', () => {
    it.each([0, -5])('when capacity is %i, answers 400 CAPACITY_INVALID', async (capacity) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/night-school/admin/terms/${termId}/courses`,
        headers: bearer(staff),
        payload: courseBody({ capacity }),
      });
      expectError(res, 400, 'CAPACITY_INVALID');
    });

    it('when the class ends before it starts, answers 400 SLOT_INVALID', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/night-school/admin/terms/${termId}/courses`,
        headers: bearer(staff),
        payload: courseBody({ startTime: '20:30', endTime: '19:00' }),
      });
      expectError(res, 400, 'SLOT_INVALID');
    });

    it('when capacity would drop below the seats taken, answers 409 CAPACITY_BELOW_TAKEN naming the figure', async () => {
      clock.set('2026-03-02T02:00:00.000Z');
      const two = await residents(t, 2, 'seated-');
      for (const p of two)
        expect((await apply(t, p.token, courseId)).json().status).toBe('confirmed');
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/night-school/admin/courses/${courseId}`,
        headers: bearer(staff),
        payload: { capacity: 1 },
      });
      expectError(res, 409, 'CAPACITY_BELOW_TAKEN');
      expect(res.json().message).toContain('2');
      const raised = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/night-school/admin/courses/${courseId}`,
        headers: bearer(staff),
        payload: { capacity: 3 },
      });
      expect(raised.statusCode).toBe(200);
      expect(raised.json()).toMatchObject({ capacity: 3, taken: 2 });
    });

    it('staff of another organization cannot see or change this course (404)', async () => {
      const [other] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name LIKE '%普陀%'`,
      );
      const stranger = await loginStaff(t, 'putuo-staff', [other.id]);
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/night-school/admin/courses/${courseId}`,
        headers: bearer(stranger),
        payload: { capacity: 99 },
      });
      expectError(res, 404, 'COURSE_NOT_FOUND');
    });
  });

  describe('POST /api/v1/night-school/applications', () => {
    it('for an unknown course, answers 404 COURSE_NOT_FOUND', async () => {
      const [p] = await residents(t, 1, 'lost-');
      expectError(await apply(t, p.token, '987654321'), 404, 'COURSE_NOT_FOUND');
    });

    it('before the window opens, answers 409 APPLICATION_NOT_OPEN with the opening time', async () => {
      clock.set('2026-02-28T02:00:00.000Z');
      const [p] = await residents(t, 1, 'early-');
      const res = await apply(t, p.token, courseId);
      expectError(res, 409, 'APPLICATION_NOT_OPEN');
      expect(res.json().message).toContain('2026-03-01 10:00');
    });

    it('after the window closes, answers 409 APPLICATION_CLOSED', async () => {
      clock.set('2026-03-05T14:00:00.000Z');
      const [p] = await residents(t, 1, 'late-');
      expectError(await apply(t, p.token, courseId), 409, 'APPLICATION_CLOSED');
      clock.set('2026-03-02T02:00:00.000Z');
    });

    it('over the per-person limit of applications, answers 409 APPLICATION_LIMIT', async () => {
      const lottery = (
        await createTerm(
          t,
          staff,
          { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES, maxApplicationsPerPerson: 2 },
          '限报测试',
        )
      ).id;
      const cs = [];
      for (let i = 0; i < 3; i++)
        cs.push((await createCourse(t, staff, lottery, { title: `课程${i}` })).id);
      const [p] = await residents(t, 1, 'limit-');
      expect((await apply(t, p.token, cs[0])).statusCode).toBe(201);
      expect((await apply(t, p.token, cs[1])).statusCode).toBe(201);
      const res = await apply(t, p.token, cs[2]);
      expectError(res, 409, 'APPLICATION_LIMIT');
      expect(res.json().message).toContain('最多报名2门');
    });

    it('for someone under the age range, answers 403 AGE_NOT_ELIGIBLE with the range', async () => {
      const [kid] = await residents(t, 1, 'teen-', '2010-01-01');
      const res = await apply(t, kid.token, courseId);
      expectError(res, 403, 'AGE_NOT_ELIGIBLE');
      expect(res.json().message).toContain('18–40');
    });

    it('for someone without a real-name profile, answers 403 PROFILE_INCOMPLETE', async () => {
      const nobody = await login(t.app, 'no-profile');
      expectError(await apply(t, nobody, courseId), 403, 'PROFILE_INCOMPLETE');
    });

    it('takes the age from the ID number of the profile', async () => {
      const token = await login(t.app, 'real-name');
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me',
        headers: bearer(token),
        payload: { name: '张三', idNumber: IDS.adultMale },
      });
      expect(put.statusCode).toBe(200);
      // born 1990: 36 in 2026, inside 18–40
      expect((await apply(t, token, courseId)).statusCode).toBe(201);
    });

    it('with a malformed course id, answers 400 VALIDATION_FAILED', async () => {
      const [p] = await residents(t, 1, 'typo-');
      expectError(await apply(t, p.token, 'abc'), 400, 'VALIDATION_FAILED');
    });
  });
});
