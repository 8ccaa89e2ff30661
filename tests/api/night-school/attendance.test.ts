import { bearer, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { apply, createCourse, createTerm, organizer, residents } from './fixture';

// Spring term: window in February, Tuesday 19:00–20:30 classes from 2026-03-03 (4 sessions).
describe(`night school, attendance and no-shows (${DB_KIND})`, () => {
  const clock = testClock('2026-02-10T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let spring: { id: string };
  let course: { id: string; sessionDates: string[] };
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let outsider: { id: string; token: string };
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    spring = await createTerm(t, staff, {
      allocation: 'first_come',
      opensAt: '2026-02-10T00:00:00.000Z',
      closesAt: '2026-02-20T00:00:00.000Z',
    });
    course = await createCourse(t, staff, spring.id, {
      title: '心理学：情绪与压力',
      capacity: 10,
      startDate: '2026-03-01',
      weekday: 2,
      sessions: 4,
    });
    [alice, bob, outsider] = await residents(t, 3, 'att-');
    expect((await apply(t, alice.token, course.id)).json().status).toBe('confirmed');
    expect((await apply(t, bob.token, course.id)).json().status).toBe('confirmed');
  });
  afterAll(async () => t.close());

  const code = (no: number) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/night-school/admin/courses/${course.id}/sessions/${no}/code`,
      headers: bearer(staff),
    });
  const checkIn = (token: string, c: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/night-school/checkins',
      headers: bearer(token),
      payload: { code: c },
    });

  it('computes the sessions on Tuesdays from the start date', () => {
    expect(course.sessionDates).toEqual(['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24']);
  });

  describe('GET /admin/courses/:id/sessions/:no/code and POST /checkins', () => {
    it('the organizer shows a QR code; an attendee who scans it is present, a second scan says so', async () => {
      clock.set('2026-03-03T11:05:00.000Z'); // 19:05 Shanghai
      const res = await code(1);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(body.date).toBe('2026-03-03');
      const first = await checkIn(alice.token, body.code);
      expect(first.json()).toMatchObject({
        status: 'present',
        sessionNo: 1,
        alreadyCheckedIn: false,
        courseTitle: '心理学：情绪与压力',
      });
      expect((await checkIn(alice.token, body.code)).json().alreadyCheckedIn).toBe(true);
    });

    it('a photo of an old code no longer works (410 CHECKIN_CODE_EXPIRED)', async () => {
      const old = (await code(1)).json().code;
      clock.advance(5 * 60_000);
      const res = await checkIn(bob.token, old);
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe('CHECKIN_CODE_EXPIRED');
    });

    it('someone without a seat cannot check in (403 NOT_ENROLLED), a forged code is refused (400)', async () => {
      const c = (await code(1)).json().code;
      expect((await checkIn(outsider.token, c)).json().code).toBe('NOT_ENROLLED');
      const forged = await checkIn(bob.token, c.slice(0, -2) + 'xx');
      expect(forged.statusCode).toBe(400);
      expect(forged.json().code).toBe('CHECKIN_CODE_INVALID');
    });

    it('the organizer can mark by hand once the session has begun', async () => {
      clock.set('2026-03-10T11:05:00.000Z'); // session 2, 19:05 Shanghai
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/night-school/admin/courses/${course.id}/sessions/2/attendance`,
        headers: bearer(staff),
        payload: { userId: alice.id, status: 'present' },
      });
      expect(res.statusCode).toBe(200);
      // the roster shows the mark in the session's place: scanned into 1, marked by hand in 2
      const roster = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/night-school/admin/courses/${course.id}/roster`,
          headers: bearer(staff),
        })
      ).json();
      const row = roster.items.find((r: { userId: string }) => r.userId === alice.id);
      expect(row.marks).toEqual(['present', 'present', null, null]);
    });
  });

  describe('no-shows', () => {
    it('after sessions end, the job marks missing attendees absent, once', async () => {
      clock.set('2026-03-25T12:00:00.000Z'); // all four sessions over, grace passed
      const n = await t.app.jobs.runJob('night-school.mark-absences');
      // alice: sessions 3, 4; bob: 1, 2, 3, 4
      expect(n).toBe(6);
      expect(await t.app.jobs.runJob('night-school.mark-absences')).toBe(0);
      const mine = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/night-school/me',
          headers: bearer(alice.token),
        })
      ).json();
      expect(mine.items[0].attendance.map((a: { status: string }) => a.status)).toEqual([
        'present',
        'present',
        'absent',
        'absent',
      ]);
    });

    it('two no-shows bar the person from the next term, with the reason, and others may apply', async () => {
      const autumn = await createTerm(
        t,
        staff,
        {
          allocation: 'first_come',
          opensAt: '2026-04-01T00:00:00.000Z',
          closesAt: '2026-04-10T00:00:00.000Z',
        },
        '2026秋季青年夜校',
      );
      const next = await createCourse(t, staff, autumn.id, {
        title: '街舞',
        startDate: '2026-04-20',
      });
      clock.set('2026-04-02T00:00:00.000Z');
      const res = await apply(t, bob.token, next.id);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'BARRED_NO_SHOW',
        message: expect.stringContaining('缺勤4次'),
      });
      const me = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/night-school/me',
          headers: bearer(bob.token),
        })
      ).json();
      expect(me.barred).toMatchObject({
        noShows: 4,
        limit: 2,
        reason: expect.stringContaining('申诉'),
      });
      // alice also missed two: barred too; someone new is welcome
      expect((await apply(t, alice.token, next.id)).json().code).toBe('BARRED_NO_SHOW');
      expect((await apply(t, outsider.token, next.id)).statusCode).toBe(201);
    });
  });

  describe('POST /appeals and /admin/appeals/:id/decision', () => {
    const appeal = (token: string, reason: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/night-school/appeals',
        headers: bearer(token),
        payload: { reason },
      });

    it('someone who is not barred has nothing to appeal (409 APPEAL_NOT_NEEDED)', async () => {
      expect((await appeal(outsider.token, '我没有缺勤记录')).json().code).toBe(
        'APPEAL_NOT_NEEDED',
      );
    });

    it('a barred person appeals once; accepted by the committee, the bar is lifted and they may apply', async () => {
      const res = await appeal(bob.token, '3月份两次加班出差，附单位证明');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'open', termName: '2026春季青年夜校' });
      expect((await appeal(bob.token, '再申诉一次试试')).json().code).toBe('APPEAL_EXISTS');
      const me = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/night-school/me',
          headers: bearer(bob.token),
        })
      ).json();
      expect(me.barred.appeal).toEqual({ id: res.json().id, status: 'open' });

      const list = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/night-school/admin/appeals',
          headers: bearer(staff),
        })
      ).json();
      expect(list.items.map((a: { id: string }) => a.id)).toContain(res.json().id);
      const decide = (d: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/night-school/admin/appeals/${res.json().id}/decision`,
          headers: bearer(staff),
          payload: { decision: d },
        });
      expect((await decide('accepted')).json().status).toBe('accepted');
      expect((await decide('rejected')).json().code).toBe('APPEAL_DECIDED');

      const next = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/night-school/courses?q=街舞',
          headers: bearer(bob.token),
        })
      ).json().items[0];
      expect((await apply(t, bob.token, next.id)).statusCode).toBe(201);
      // alice did not appeal: still barred
      expect((await apply(t, alice.token, next.id)).json().code).toBe('BARRED_NO_SHOW');
    });
  });

  describe('organizer views', () => {
    it('exports the roster as a CSV that Excel opens (BOM, Chinese headers, masked phones)', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/night-school/admin/courses/${course.id}/roster.csv`,
        headers: bearer(staff),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body.charCodeAt(0)).toBe(0xfeff);
      expect(res.body).toContain('姓名,手机号,状态');
      expect(res.body).toContain('已确认');
    });

    it('shows the round statistics per course', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/night-school/admin/terms/${spring.id}/stats`,
        headers: bearer(staff),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().courses[0]).toMatchObject({
        title: '心理学：情绪与压力',
        sessions: 4,
        applicants: 2,
        capacity: 10,
        confirmed: 2,
        ratio: 0.2,
      });
    });
  });
});
