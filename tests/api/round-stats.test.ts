// The public round statistics of the night school (per term) and of childcare (per programme):
// applicants, seats, ratio, seats that went to people from the waitlist, and when the last seat
// went. Public and cached like the catalogue.
import { bearer, makeApp, testClock, DB_KIND, type TestApp } from './helper';
import { act, apply, createCourse, createTerm, organizer, residents } from './night-school/fixture';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from './childcare/fixtures';

const fresh = { 'cache-control': 'no-cache' };

describe(`public round statistics (${DB_KIND})`, () => {
  const clock = testClock('2026-10-01T02:00:00.000Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  describe('GET /api/v1/night-school/terms/:id/stats', () => {
    let termId: string;
    let full: { id: string };
    let open: { id: string };
    let people: Array<{ id: string; token: string }>;
    const stats = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/night-school/terms/${termId}/stats`,
          headers: fresh,
        })
      ).json();

    beforeAll(async () => {
      const staff = await organizer(t);
      termId = (
        await createTerm(
          t,
          staff,
          {
            allocation: 'first_come',
            opensAt: '2026-10-01T01:00:00.000Z',
            closesAt: '2026-10-10T14:00:00.000Z',
          },
          '2026秋季统计学期',
        )
      ).id;
      full = await createCourse(t, staff, termId, { title: '热门：街舞', capacity: 2 });
      open = await createCourse(t, staff, termId, { title: '冷门：书法', capacity: 10 });
      people = await residents(t, 4, 'stats-');
    });

    it('counts applicants per seat and gives the time the last seat went once a course is full', async () => {
      clock.set('2026-10-01T02:00:00.000Z');
      await apply(t, people[0].token, full.id);
      clock.set('2026-10-01T02:00:05.000Z');
      await apply(t, people[1].token, full.id); // the last seat
      clock.set('2026-10-01T02:00:09.000Z');
      await apply(t, people[2].token, full.id); // waitlisted
      await apply(t, people[3].token, full.id); // waitlisted
      await apply(t, people[3].token, open.id);
      const s = await stats();
      expect(s).toMatchObject({ service: 'night_school', id: termId, name: '2026秋季统计学期' });
      const byTitle = (title: string) => s.items.find((i: { title: string }) => i.title === title);
      expect(byTitle('热门：街舞')).toMatchObject({
        applicants: 4,
        seats: 2,
        ratio: 2,
        fromWaitlist: 0,
        lastSeatAt: '2026-10-01T02:00:05.000Z',
      });
      expect(byTitle('冷门：书法')).toMatchObject({ applicants: 1, seats: 10, lastSeatAt: null });
      // four people (one applied twice) for twelve seats; a course still has room: no last seat yet
      expect(s.totals).toEqual({
        applicants: 4,
        seats: 12,
        ratio: 0.3,
        fromWaitlist: 0,
        lastSeatAt: null,
      });
    });

    it('counts a seat given back and taken by the head of the waitlist, and moves the last-seat time', async () => {
      const [first] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM ns_applications WHERE course_id = $1 AND user_id = $2`,
        [full.id, people[0].id],
      );
      clock.set('2026-10-02T08:30:00.000Z');
      expect((await act(t, people[0].token, first.id, 'withdraw')).statusCode).toBe(200);
      const item = (await stats()).items.find((i: { title: string }) => i.title === '热门：街舞');
      expect(item).toMatchObject({
        applicants: 3,
        fromWaitlist: 1,
        lastSeatAt: '2026-10-02T08:30:00.000Z',
      });
    });

    it('answers 404 TERM_NOT_FOUND for no such term (its caching is tested with the catalogue in plugins/public-cache.test.ts)', async () => {
      const missing = await t.app.inject({
        method: 'GET',
        url: '/api/v1/night-school/terms/999999/stats',
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('TERM_NOT_FOUND');
    });
  });

  describe('GET /api/v1/childcare/programmes/:id/stats', () => {
    it('counts children per seat, seats from the waitlist, and the time the last seat went', async () => {
      clock.set(AFTER_OPEN);
      const cat = await makeCatalogue(t);
      const classId = await makeClass(t, cat, { capacity: 2, name: '统计班' });
      await makeClass(t, cat, { capacity: 5, name: '空班' });
      const families = await makeFamilies(t, 'ccstats', 4);
      const ids: string[] = [];
      for (const [i, f] of families.entries()) {
        clock.set(new Date(Date.parse(AFTER_OPEN) + i * 1000).toISOString());
        const res = await enrollReq(t, f.token, classId, f.childIds);
        expect(res.statusCode).toBe(201);
        ids.push(res.json().enrollmentIds[0]);
      }
      const url = `/api/v1/childcare/programmes/${cat.programmeId}/stats`;
      const before = (await t.app.inject({ method: 'GET', url, headers: fresh })).json();
      expect(before).toMatchObject({
        service: 'childcare',
        id: cat.programmeId,
        subtitle: '寒假托班',
      });
      const cls = (s: { items: Array<{ title: string }> }) =>
        s.items.find((i) => i.title === '统计班');
      expect(cls(before)).toMatchObject({
        applicants: 4,
        seats: 2,
        ratio: 2,
        fromWaitlist: 0,
        lastSeatAt: new Date(Date.parse(AFTER_OPEN) + 1000).toISOString(),
      });
      // the first family cancels: the head of the waitlist is offered the seat
      clock.set('2026-12-02T02:00:00.000Z');
      const cancel = await t.app.inject({
        method: 'POST',
        url: `/api/v1/childcare/enrollments/${ids[0]}/cancel`,
        headers: bearer(families[0].token),
      });
      expect(cancel.statusCode).toBe(200);
      const after = (await t.app.inject({ method: 'GET', url, headers: fresh })).json();
      expect(cls(after)).toMatchObject({
        applicants: 3,
        fromWaitlist: 1,
        lastSeatAt: '2026-12-02T02:00:00.000Z',
      });
      expect(after.totals).toMatchObject({ applicants: 3, seats: 7, lastSeatAt: null });
      const missing = await t.app.inject({
        method: 'GET',
        url: '/api/v1/childcare/programmes/999999/stats',
      });
      expect(missing.json().code).toBe('CC_PROGRAMME_NOT_FOUND');
    });
  });
});
