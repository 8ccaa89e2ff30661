// The draw is recomputed here with node:crypto from the published data only — not with the
// server's or the page's ranking code — as anyone outside could. The term's draw runs by the
// timed job at its announced time, after a second staff member entered the public value.
import { createHash } from 'node:crypto';
import { bearer, loginStaff, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { act, apply, committeeId, createCourse, createTerm, organizer, residents } from './fixture';

const OPENS = '2026-08-20T02:00:00.000Z';
const CLOSES = '2026-08-27T14:00:00.000Z';
const DRAW_AT = '2026-08-28T02:00:00.000Z';
const PUBLIC_VALUE = '3268.45';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Entry = { rank: number; pseudonym: string; ticket: string; outcome: string; reason: string };
type PubCourse = { courseId: string; capacity: number; applicants: string[]; ranking: Entry[] };

describe(`night school, lottery (${DB_KIND})`, () => {
  const clock = testClock('2026-08-20T03:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let term: { id: string; seedHash: string; seed: string | null };
  let pottery: { id: string };
  let coffee: { id: string };
  let standup: { id: string };
  let psych: { id: string };
  let keen: Array<{ id: string; token: string }>;
  let people: Array<{ id: string; token: string }>;

  const published = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/night-school/terms/${term.id}/draw`,
        headers: { 'cache-control': 'no-cache' },
      })
    ).json();
  /** The server's own record of who is behind each pseudonym (never published). */
  const userOf = async (courseId: string) => {
    const [row] = await t.db.query<{ ranking: Array<{ userId: string; pseudonym: string }> }>(
      'SELECT ranking FROM ns_courses WHERE id = $1',
      [courseId],
    );
    return new Map(row.ranking.map((r) => [r.pseudonym, r.userId]));
  };

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES, drawAt: DRAW_AT },
      '2026秋季青年夜校',
    );
    pottery = await createCourse(t, staff, term.id, { title: '陶艺', capacity: 5 });
    coffee = await createCourse(t, staff, term.id, { title: '咖啡拉花', capacity: 40 });
    standup = await createCourse(t, staff, term.id, { title: '脱口秀', capacity: 40 });
    psych = await createCourse(t, staff, term.id, { title: '心理学', capacity: 40 });
    people = await residents(t, 30, 'lot-');
    for (const p of people) expect((await apply(t, p.token, pottery.id)).statusCode).toBe(201);
    // twelve keen people apply for coffee, stand-up and psychology: 3 applications allowed, 2 seats
    // (twelve, so that dealing round by round and dealing course after course almost surely differ)
    keen = await residents(t, 12, 'keen-');
    for (const p of keen) {
      for (const c of [coffee, standup, psych])
        expect((await apply(t, p.token, c.id)).statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  describe('GET /api/v1/night-school/terms/:id/draw', () => {
    it('after the close and the public value, the job draws at the announced time', async () => {
      // the window closes, the list is frozen, a second staff member enters the public value, and
      // the job draws at the announced time
      clock.set('2026-08-27T14:01:00.000Z');
      expect(await t.app.jobs.runJob('night-school.freeze-applicants')).toBe(1);
      const second = await loginStaff(t, 'ns-second-staff', [await committeeId(t)]);
      const entered = await t.app.inject({
        method: 'POST',
        url: `/api/v1/night-school/admin/terms/${term.id}/public-value`,
        headers: bearer(second),
        payload: { value: PUBLIC_VALUE, source: '2026年8月28日 上证指数开盘价' },
      });
      expect(entered.statusCode).toBe(200);
      clock.set(DRAW_AT);
      expect(await t.app.jobs.runJob('night-school.scheduled-draws')).toBe(1);
    });

    it('reveals the seed that matches the hash published before anyone applied', async () => {
      const pub = await published();
      expect(sha256(pub.seed)).toBe(term.seedHash);
      expect(pub.courses).toHaveLength(4);
      expect(pub).toMatchObject({ algorithm: 2, publicValue: PUBLIC_VALUE, drawnAt: DRAW_AT });
    });

    it('names applicants only by pseudonym: no user id, name or phone is published', async () => {
      const pub = await published();
      const text = JSON.stringify(pub);
      expect(text).not.toMatch(/userId|学员|phone/);
      for (const c of pub.courses as PubCourse[]) {
        for (const r of c.ranking)
          expect(Object.keys(r).sort()).toEqual([
            'outcome',
            'pseudonym',
            'rank',
            'reason',
            'ticket',
          ]);
      }
      for (const c of pub.courses as PubCourse[])
        for (const a of c.applicants) expect(a).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
      // the pseudonym is per term and person: the same keen person is the same name in 3 courses
      const keenNames = (pub.courses as PubCourse[])
        .filter((c) => c.courseId !== pottery.id)
        .map((c) => [...c.applicants].sort());
      expect(keenNames[0]).toEqual(keenNames[1]);
      expect(keenNames[1]).toEqual(keenNames[2]);
    });

    it('anyone can recompute the list hash, the mixed seed and every ranking with sha256 alone', async () => {
      const pub = await published();
      const courses = [...(pub.courses as PubCourse[])].sort(
        (a, b) => Number(a.courseId) - Number(b.courseId),
      );
      const lines = courses.flatMap((c) => {
        expect(c.applicants).toEqual([...c.applicants].sort());
        return c.applicants.map((p) => `${c.courseId}:${p}`);
      });
      expect(pub.applicantListHash).toBe(sha256(lines.join('\n')));
      // the seed used mixes the committed seed, the frozen list and the second person's value
      expect(pub.drawSeed).toBe(sha256(`${pub.seed}:${pub.applicantListHash}:${PUBLIC_VALUE}`));
      for (const c of courses) {
        const expected = c.applicants
          .map((p) => ({ p, h: sha256(`${pub.drawSeed}:${c.courseId}:${p}`) }))
          .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.p < b.p ? -1 : 1));
        expect(c.ranking.map((r) => r.pseudonym)).toEqual(expected.map((x) => x.p));
        expect(c.ranking.map((r) => r.ticket)).toEqual(expected.map((x) => x.h));
        expect(c.ranking.map((r) => r.rank)).toEqual(expected.map((_, i) => i + 1));
        // ranked by the committed seed alone, the order would be another one
        const bySeedAlone = [...c.applicants].sort((a, b) =>
          sha256(`${pub.seed}:${c.courseId}:${a}`) < sha256(`${pub.seed}:${c.courseId}:${b}`)
            ? -1
            : 1,
        );
        if (c.applicants.length > 5) expect(bySeedAlone).not.toEqual(expected.map((x) => x.p));
      }
      expect(courses.find((c) => c.courseId === pottery.id)!.applicants).toHaveLength(30);
    });

    it('gives the pottery seats to the top 5 of its ranking and queues the rest in ranking order, with the reason', async () => {
      const pub = await published();
      const ranking: Entry[] = pub.courses.find(
        (c: PubCourse) => c.courseId === pottery.id,
      ).ranking;
      const ranksOf = (outcome: string) =>
        ranking.filter((r) => r.outcome === outcome).map((r) => r.rank);
      expect(ranksOf('offered')).toEqual([1, 2, 3, 4, 5]);
      expect(ranksOf('waitlisted')).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
      const waitlisted = ranking.filter((r) => r.outcome === 'waitlisted');
      expect(waitlisted[0].reason).toContain('未中签');
      const [{ taken }] = await t.db.query<{ taken: number }>(
        'SELECT taken FROM ns_courses WHERE id = $1',
        [pottery.id],
      );
      expect(taken).toBe(5);
      // the waitlist the seats are passed down is the ranking order
      const who = await userOf(pottery.id);
      const queue = await t.db.query<{ user_id: string }>(
        `SELECT user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'waitlisted' ORDER BY queue_no, id`,
        [pottery.id],
      );
      expect(queue.map((q) => q.user_id)).toEqual(waitlisted.map((r) => who.get(r.pseudonym)));
      const tenth = people.find((p) => p.id === who.get(ranking[9].pseudonym))!;
      const mine = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/night-school/me',
          headers: bearer(tenth.token),
        })
      ).json();
      expect(
        mine.items.find((i: { course: { id: string } }) => i.course.id === pottery.id).application
          .waitPosition,
      ).toBe(5);
    });

    it('tells every applicant the result in 消息: the winners to confirm, the others their rank', async () => {
      const pub = await published();
      const ranking: Entry[] = pub.courses.find(
        (c: PubCourse) => c.courseId === pottery.id,
      ).ranking;
      const who = await userOf(pottery.id);
      const inboxOf = async (pseudonym: string) => {
        const token = people.find((p) => p.id === who.get(pseudonym))!.token;
        return (
          await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(token) })
        ).json().items;
      };
      const winner = ranking.find((r) => r.outcome === 'offered')!;
      const loser = ranking.find((r) => r.outcome === 'waitlisted')!;
      expect(await inboxOf(winner.pseudonym)).toEqual([
        expect.objectContaining({ kind: 'lottery_result', title: '夜校摇号结果：中签' }),
      ]);
      const [lost] = await inboxOf(loser.pseudonym);
      expect(lost).toMatchObject({
        kind: 'lottery_result',
        title: '夜校摇号结果：未中签',
        link: '/features/night-school/pages/mine/index',
      });
      expect(lost.body).toContain(`摇号排第${loser.rank}位`);
    });

    it('skips a person who already won the per-person limit of 2 courses, and says why', async () => {
      for (const p of keen) {
        const rows = await t.db.query<{ status: string; reason: string | null }>(
          'SELECT status, reason FROM ns_applications WHERE term_id = $1 AND user_id = $2 ORDER BY course_id',
          [term.id, p.id],
        );
        expect(rows.map((r) => r.status).sort()).toEqual(['offered', 'offered', 'skipped']);
        expect(rows.find((r) => r.status === 'skipped')!.reason).toContain('每人每学期最多2门');
      }
      const pub = await published();
      const outcomes = (pub.courses as PubCourse[])
        .filter((c) => c.courseId !== pottery.id)
        .flatMap((c) => c.ranking.map((r) => r.outcome));
      expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(keen.length);
    });

    it("deals round by round (every course's rank 1, then every rank 2, courses by id): recomputed from the published draw alone", async () => {
      const pub = await published();
      const courses = [...(pub.courses as PubCourse[])].sort(
        (a, b) => Number(a.courseId) - Number(b.courseId),
      );
      const deal = (order: Array<{ course: string; entry: Entry }>) => {
        const seatsLeft = new Map(courses.map((c) => [c.courseId, c.capacity]));
        const held = new Map<string, number>();
        const outcome = new Map<string, string>();
        for (const { course, entry } of order) {
          let o = 'waitlisted';
          if (seatsLeft.get(course)! > 0) {
            if ((held.get(entry.pseudonym) ?? 0) < pub.maxCoursesPerPerson) {
              o = 'offered';
              seatsLeft.set(course, seatsLeft.get(course)! - 1);
              held.set(entry.pseudonym, (held.get(entry.pseudonym) ?? 0) + 1);
            } else o = 'skipped';
          }
          outcome.set(`${course}:${entry.pseudonym}`, o);
        }
        return outcome;
      };
      const depth = Math.max(...courses.map((c) => c.ranking.length));
      const roundByRound = Array.from({ length: depth }, (_, r) =>
        courses.flatMap((c) => (c.ranking[r] ? [{ course: c.courseId, entry: c.ranking[r] }] : [])),
      ).flat();
      const expected = deal(roundByRound);
      const outcomes = new Map(
        courses.flatMap((c) =>
          c.ranking.map((e) => [`${c.courseId}:${e.pseudonym}`, e.outcome] as const),
        ),
      );
      expect(outcomes).toEqual(expected);
      // the check can tell the two orders apart: course after course would deal differently here
      const courseAfterCourse = deal(
        courses.flatMap((c) => c.ranking.map((entry) => ({ course: c.courseId, entry }))),
      );
      expect(courseAfterCourse).not.toEqual(expected);
    });
  });

  describe('offers after the draw', () => {
    const offersOf = async (courseId: string) =>
      t.db.query<{ id: string; user_id: string }>(
        `SELECT id::text AS id, user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'offered' ORDER BY queue_no`,
        [courseId],
      );
    const tokenOf = (userId: string) => [...people, ...keen].find((p) => p.id === userId)!.token;

    it('a winner confirms within the deadline; a double tap answers the same', async () => {
      const [o] = await offersOf(pottery.id);
      const r1 = await act(t, tokenOf(o.user_id), o.id, 'confirm');
      const r2 = await act(t, tokenOf(o.user_id), o.id, 'confirm');
      expect(r1.statusCode).toBe(200);
      expect(r1.json().status).toBe('confirmed');
      expect(r2.json()).toEqual(r1.json());
    });

    it('a declined seat goes to the next on the waitlist, and the decliner is never queued again', async () => {
      const [o] = await offersOf(pottery.id);
      const before = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM ns_applications WHERE course_id = $1 AND status = 'waitlisted' ORDER BY queue_no LIMIT 1`,
        [pottery.id],
      );
      const res = await act(t, tokenOf(o.user_id), o.id, 'decline');
      expect(res.json().status).toBe('declined');
      const [head] = await t.db.query<{ status: string; user_id: string }>(
        'SELECT status, user_id::text AS user_id FROM ns_applications WHERE id = $1',
        [before[0].id],
      );
      expect(head.status).toBe('offered');
      const [promoted] = await t.db.query<{ title: string }>(
        "SELECT title FROM messages WHERE user_id = $1 AND kind = 'waitlist'",
        [head.user_id],
      );
      expect(promoted).toEqual({ title: '夜校候补递补成功' });
      const again = await act(t, tokenOf(o.user_id), o.id, 'confirm');
      expect(again.statusCode).toBe(409);
    });

    it('offers not confirmed in 48 hours expire by the job and pass down the list', async () => {
      const pending = await offersOf(pottery.id);
      expect(pending.length).toBeGreaterThan(0);
      const [{ n: allOffers }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ns_applications WHERE term_id = $1 AND status = 'offered'`,
        [term.id],
      );
      clock.set('2026-08-30T03:00:00.000Z'); // 49 h after the draw
      expect(await t.app.jobs.runJob('night-school.expire-offers')).toBe(allOffers);
      for (const o of pending) {
        const late = await act(t, tokenOf(o.user_id), o.id, 'confirm');
        expect(late.json().code).toBe('OFFER_EXPIRED');
      }
      const [{ taken, held }] = await t.db.query<{ taken: number; held: number }>(
        `SELECT c.taken, (SELECT count(*)::int FROM ns_applications a WHERE a.course_id = c.id AND a.status IN ('offered','confirmed')) AS held
         FROM ns_courses c WHERE c.id = $1`,
        [pottery.id],
      );
      expect(taken).toBe(5);
      expect(held).toBe(5);
      expect(await t.app.jobs.runJob('night-school.expire-offers')).toBe(0);
    });
  });
});
