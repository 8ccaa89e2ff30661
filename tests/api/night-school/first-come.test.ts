import { bearer, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { act, apply, createCourse, createTerm, organizer, residents } from './fixture';

// Window: 2026-03-01 10:00 – 2026-03-05 22:00 Shanghai.
const OPENS = '2026-03-01T02:00:00.000Z';
const CLOSES = '2026-03-05T14:00:00.000Z';

describe(`night school, first come (${DB_KIND})`, () => {
  const clock = testClock('2026-03-01T02:00:01.000Z');
  let t: TestApp;
  let staff: string;
  let termId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    termId = (
      await createTerm(t, staff, { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES })
    ).id;
  });
  afterAll(async () => t.close());

  const seatCounts = async (courseId: string) => {
    const [c] = await t.db.query<{ taken: number; capacity: number }>(
      'SELECT taken, capacity FROM ns_courses WHERE id = $1',
      [courseId],
    );
    const rows = await t.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM ns_applications WHERE course_id = $1 GROUP BY status',
      [courseId],
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    return {
      ...c,
      confirmed: by.confirmed ?? 0,
      offered: by.offered ?? 0,
      waitlisted: by.waitlisted ?? 0,
    };
  };

  describe('POST /api/v1/night-school/applications', () => {
    it('when 500 people apply at the same instant for 30 seats, exactly 30 get a seat and 470 wait in line, in order', async () => {
      const course = await createCourse(t, staff, termId, { title: '咖啡拉花', capacity: 30 });
      const people = await residents(t, 500, 'rush-');
      const responses = await Promise.all(people.map((p) => apply(t, p.token, course.id)));
      expect(responses.map((r) => r.statusCode)).toEqual(people.map(() => 201));
      const bodies = responses.map((r) => r.json());
      expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(30);
      const waiting = bodies.filter((b) => b.status === 'waitlisted');
      expect(waiting).toHaveLength(470);
      for (const b of waiting) expect(b.waitPosition).toBeGreaterThanOrEqual(1);
      // once the rush settles, every waiting person has a distinct place, 1…470, in arrival order
      const mine = await Promise.all(
        people
          .filter((_, i) => bodies[i].status === 'waitlisted')
          .map((p) =>
            t.app
              .inject({ method: 'GET', url: '/api/v1/night-school/me', headers: bearer(p.token) })
              .then((r) => r.json().items[0].application),
          ),
      );
      expect(mine.map((a) => a.waitPosition).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 470 }, (_, i) => i + 1),
      );
      expect(await seatCounts(course.id)).toMatchObject({
        taken: 30,
        capacity: 30,
        confirmed: 30,
        waitlisted: 470,
      });
    });

    it('when 500 requests — seats given up, offers confirmed (and double-tapped), new applications — arrive at once, the course never holds more than its capacity', async () => {
      const course = await createCourse(t, staff, termId, { title: '脱口秀', capacity: 40 });
      const people = await residents(t, 150, 'storm-');
      // 40 seated, 110 waiting
      const first: Array<{ id: string; status: string }> = [];
      for (const p of people) first.push((await apply(t, p.token, course.id)).json());
      const seated = people.filter((_, i) => first[i].status === 'confirmed');
      expect(seated).toHaveLength(40);
      // 20 seated give up at once: 20 offers go down the waitlist
      await Promise.all(
        seated
          .slice(0, 20)
          .map((p, i) => act(t, p.token, first[people.indexOf(p)].id, 'withdraw').then(() => i)),
      );
      const offers = await t.db.query<{ id: string; user_id: string }>(
        `SELECT id::text AS id, user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'offered'`,
        [course.id],
      );
      expect(offers).toHaveLength(20);
      const tokenOf = new Map(people.map((p) => [p.id, p.token]));
      const newcomers = await residents(t, 450, 'late-');
      const storm = [
        ...offers.map((o) => act(t, tokenOf.get(o.user_id)!, o.id, 'confirm')),
        ...offers.map((o) => act(t, tokenOf.get(o.user_id)!, o.id, 'confirm')), // double taps
        ...seated
          .slice(20, 30)
          .map((p) => act(t, p.token, first[people.indexOf(p)].id, 'withdraw')),
        ...newcomers.map((p) => apply(t, p.token, course.id)),
      ];
      expect(storm).toHaveLength(500);
      const results = await Promise.all(storm);
      expect(results.filter((r) => r.statusCode >= 500)).toEqual([]);
      const counts = await seatCounts(course.id);
      expect(counts.taken).toBeLessThanOrEqual(40);
      expect(counts.confirmed + counts.offered).toBe(counts.taken);
      expect(counts.taken).toBe(40); // 10 more gave up, the waitlist filled them
      // every person's seat counter matches the seats they hold
      const drift = await t.db.query(
        `SELECT p.user_id FROM ns_term_people p
         WHERE p.term_id = $1 AND p.seats <> (SELECT count(*) FROM ns_applications a
           WHERE a.term_id = p.term_id AND a.user_id = p.user_id AND a.status IN ('offered', 'confirmed'))`,
        [termId],
      );
      expect(drift).toEqual([]);
    });

    it('when the same person taps apply 20 times at once, one application exists and the same key replays the first answer', async () => {
      const course = await createCourse(t, staff, termId, { title: 'AI工具入门', capacity: 5 });
      const [p] = await residents(t, 1, 'tapper-');
      const results = await Promise.all(
        Array.from({ length: 20 }, () => apply(t, p.token, course.id, 'tap-key-0001')),
      );
      expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
      const ids = new Set(results.map((r) => r.json().id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
      const [{ n }] = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ns_applications WHERE course_id = $1',
        [course.id],
      );
      expect(n).toBe(1);
      // a new tap (new key) is refused: one application per person per course
      const again = await apply(t, p.token, course.id, 'tap-key-0002');
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'ALREADY_APPLIED',
        message: expect.stringContaining('已报名'),
      });
    });

    it('when the same person fires different applications at once, the per-term limit holds in the database', async () => {
      const courses = [];
      for (let i = 0; i < 6; i++)
        courses.push(await createCourse(t, staff, termId, { title: `街舞基础${i}`, capacity: 10 }));
      const [p] = await residents(t, 1, 'greedy-');
      const results = await Promise.all(courses.map((c) => apply(t, p.token, c.id)));
      const ok = results.filter((r) => r.statusCode === 201);
      // the term allows 3 applications and 2 seats: the third application is refused as over the seat limit
      expect(ok.length).toBeLessThanOrEqual(2);
      expect(
        results
          .filter((r) => r.statusCode === 409)
          .map((r) => r.json().code)
          .sort(),
      ).toEqual(expect.arrayContaining(['COURSE_LIMIT']));
      const [row] = await t.db.query<{ applications: number; seats: number }>(
        'SELECT applications, seats FROM ns_term_people WHERE term_id = $1 AND user_id = $2',
        [termId, p.id],
      );
      expect(row.seats).toBe(2);
      expect(row.applications).toBe(2);
    });
  });

  describe('GET /api/v1/night-school/courses', () => {
    it('shows the live applicants-per-seat ratio of the current round', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/night-school/courses?q=咖啡',
        headers: bearer(staff),
      });
      expect(res.statusCode).toBe(200);
      const [c] = res.json().items;
      expect(c).toMatchObject({
        title: '咖啡拉花',
        capacity: 30,
        taken: 30,
        applicants: 500,
        ratio: 16.7,
      });
      expect(c.sessionDates).toEqual([
        '2026-03-10',
        '2026-03-17',
        '2026-03-24',
        '2026-03-31',
        '2026-04-07',
        '2026-04-14',
        '2026-04-21',
        '2026-04-28',
      ]);
    });
  });
});
