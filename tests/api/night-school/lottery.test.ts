// The draw is recomputed here with node:crypto from the published data only — not with the
// server's ranking function — as anyone outside could.
import { createHash } from 'node:crypto';
import { bearer, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { act, apply, createCourse, createTerm, organizer, residents } from './fixture';
import { serverModule } from '../native';

const { rankCourse } = serverModule<typeof import('../../../server/src/modules/night-school/draw')>(
  'modules/night-school/draw.ts',
);

const OPENS = '2026-08-20T02:00:00.000Z';
const CLOSES = '2026-08-27T14:00:00.000Z';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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
  const appIds = new Map<string, string>(); // `${courseId}:${userId}` → application id

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '2026秋季青年夜校',
    );
    pottery = await createCourse(t, staff, term.id, { title: '陶艺', capacity: 5 });
    coffee = await createCourse(t, staff, term.id, { title: '咖啡拉花', capacity: 40 });
    standup = await createCourse(t, staff, term.id, { title: '脱口秀', capacity: 40 });
    psych = await createCourse(t, staff, term.id, { title: '心理学', capacity: 40 });
    people = await residents(t, 30, 'lot-');
    for (const p of people) {
      const r = await apply(t, p.token, pottery.id);
      expect(r.json().status).toBe('applied');
      appIds.set(`${pottery.id}:${p.id}`, r.json().id);
    }
    // twelve keen people apply for coffee, stand-up and psychology: 3 applications allowed, 2 seats
    // (twelve, so that dealing round by round and dealing course after course almost surely differ)
    keen = await residents(t, 12, 'keen-');
    for (const p of keen) {
      for (const c of [coffee, standup, psych])
        expect((await apply(t, p.token, c.id)).statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const draw = () =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/admin/terms/${term.id}/draw`,
      headers: bearer(staff),
    });

  describe('POST /api/v1/night-school/admin/terms/:id/draw', () => {
    it('before the window closes, refuses with DRAW_TOO_EARLY and keeps the seed secret', async () => {
      const res = await draw();
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'DRAW_TOO_EARLY',
        message: expect.stringContaining('截止'),
      });
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}` })
      ).json();
      expect(pub.seed).toBeNull();
      expect(pub.seedHash).toBe(term.seedHash);
    });

    it('after the window, reveals the seed that matches the hash published before anyone applied', async () => {
      clock.set('2026-08-28T02:00:00.000Z');
      const res = await draw();
      expect(res.statusCode).toBe(200);
      const published = res.json();
      expect(sha256(published.seed)).toBe(term.seedHash);
      expect(published.courses).toHaveLength(4);
    });

    it('a second draw of the same round is refused with ALREADY_DRAWN', async () => {
      const res = await draw();
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ALREADY_DRAWN');
    });
  });

  describe('GET /api/v1/night-school/terms/:id/draw', () => {
    it('anyone can recompute every ranking from the published seed and applicant list', async () => {
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      for (const c of pub.courses) {
        // the applicant list: ascending as integers, hashed joined by '\n'
        const sorted = [...c.applicantIds].sort((a: string, b: string) => Number(a) - Number(b));
        expect(c.applicantIds).toEqual(sorted);
        expect(c.applicantListHash).toBe(sha256(sorted.join('\n')));
        // ranking: sha256(seed:courseId:userId) ascending
        const expected = sorted
          .map((u: string) => ({ u, h: sha256(`${pub.seed}:${c.courseId}:${u}`) }))
          .sort((a: { h: string }, b: { h: string }) => a.h.localeCompare(b.h))
          .map((x: { u: string }) => x.u);
        expect(c.ranking.map((r: { userId: string }) => r.userId)).toEqual(expected);
        expect(c.ranking.map((r: { rank: number }) => r.rank)).toEqual(
          expected.map((_: string, i: number) => i + 1),
        );
      }
      const potteryDraw = pub.courses.find((c: { courseId: string }) => c.courseId === pottery.id);
      expect(potteryDraw.applicantIds).toHaveLength(30);
    });

    it('gives the pottery seats to the top 5 of its ranking and queues the rest in ranking order, with the reason', async () => {
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      const ranking = pub.courses.find(
        (c: { courseId: string }) => c.courseId === pottery.id,
      ).ranking;
      const ranksOf = (outcome: string) =>
        ranking
          .filter((r: { outcome: string }) => r.outcome === outcome)
          .map((r: { rank: number }) => r.rank);
      // nobody applied for pottery alone is at the limit: the seats are exactly ranks 1..5
      expect(ranksOf('offered')).toEqual([1, 2, 3, 4, 5]);
      expect(ranksOf('waitlisted')).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
      const waitlisted = ranking.filter((r: { outcome: string }) => r.outcome === 'waitlisted');
      expect(waitlisted[0].reason).toContain('未中签');
      const [{ taken }] = await t.db.query<{ taken: number }>(
        'SELECT taken FROM ns_courses WHERE id = $1',
        [pottery.id],
      );
      expect(taken).toBe(5);
      // the waitlist the seats are passed down is the ranking order
      const queue = await t.db.query<{ user_id: string }>(
        `SELECT user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'waitlisted' ORDER BY queue_no, id`,
        [pottery.id],
      );
      expect(queue.map((q) => q.user_id)).toEqual(
        waitlisted.map((r: { userId: string }) => r.userId),
      );
      const tenth = people.find((p) => p.id === ranking[9].userId)!;
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
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      const ranking = pub.courses.find(
        (c: { courseId: string }) => c.courseId === pottery.id,
      ).ranking;
      const inboxOf = async (userId: string) => {
        const token = people.find((p) => p.id === userId)!.token;
        return (
          await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(token) })
        ).json().items;
      };
      const winner = ranking.find((r: { outcome: string }) => r.outcome === 'offered');
      const loser = ranking.find((r: { outcome: string }) => r.outcome === 'waitlisted');
      expect(await inboxOf(winner.userId)).toEqual([
        expect.objectContaining({ kind: 'lottery_result', title: '夜校摇号结果：中签' }),
      ]);
      const [lost] = await inboxOf(loser.userId);
      expect(lost).toMatchObject({
        kind: 'lottery_result',
        title: '夜校摇号结果：未中签',
        link: '/features/night-school/pages/mine/index',
      });
      expect(lost.body).toContain(`摇号排第${loser.rank}位`);
    });

    it('skips a person who already won the per-person limit of 2 courses, and says why', async () => {
      // coffee, stand-up and psychology have room for all three: each keen person wins two and is
      // skipped in the third (whichever comes last in the round-by-round order), with the reason.
      for (const p of keen) {
        const rows = await t.db.query<{ status: string; reason: string | null }>(
          'SELECT status, reason FROM ns_applications WHERE term_id = $1 AND user_id = $2 ORDER BY course_id',
          [term.id, p.id],
        );
        expect(rows.map((r) => r.status).sort()).toEqual(['offered', 'offered', 'skipped']);
        expect(rows.find((r) => r.status === 'skipped')!.reason).toContain('每人每学期最多2门');
      }
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      const outcomes = pub.courses
        .filter((c: { courseId: string }) => c.courseId !== pottery.id)
        .flatMap((c: { ranking: Array<{ outcome: string }> }) => c.ranking.map((r) => r.outcome));
      expect(outcomes.filter((o: string) => o === 'skipped')).toHaveLength(keen.length);
    });

    it("deals round by round (every course's rank 1, then every rank 2, courses by id): recomputed from the published draw alone", async () => {
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      type Entry = { userId: string; rank: number; outcome: string };
      const courses: Array<{ courseId: string; capacity: number; ranking: Entry[] }> = [
        ...pub.courses,
      ].sort(
        (a: { courseId: string }, b: { courseId: string }) =>
          Number(a.courseId) - Number(b.courseId),
      );
      const deal = (order: Array<{ course: string; entry: Entry }>) => {
        const seatsLeft = new Map(courses.map((c) => [c.courseId, c.capacity]));
        const held = new Map<string, number>();
        const outcome = new Map<string, string>();
        for (const { course, entry } of order) {
          let o = 'waitlisted';
          if (seatsLeft.get(course)! > 0) {
            if ((held.get(entry.userId) ?? 0) < 2) {
              o = 'offered';
              seatsLeft.set(course, seatsLeft.get(course)! - 1);
              held.set(entry.userId, (held.get(entry.userId) ?? 0) + 1);
            } else o = 'skipped';
          }
          outcome.set(`${course}:${entry.userId}`, o);
        }
        return outcome;
      };
      const depth = Math.max(...courses.map((c) => c.ranking.length));
      const roundByRound = Array.from({ length: depth }, (_, r) =>
        courses.flatMap((c) =>
          c.ranking[r] ? [{ course: c.courseId, entry: c.ranking[r]! }] : [],
        ),
      ).flat();
      const expected = deal(roundByRound);
      const published = new Map(
        courses.flatMap((c) =>
          c.ranking.map((e) => [`${c.courseId}:${e.userId}`, e.outcome] as const),
        ),
      );
      expect(published).toEqual(expected);
      // the check can tell the two orders apart: course after course would deal differently here
      const courseAfterCourse = deal(
        courses.flatMap((c) => c.ranking.map((entry) => ({ course: c.courseId, entry }))),
      );
      expect(courseAfterCourse).not.toEqual(expected);
    });

    it('the same seed and the same applicants give the same ranking (a pure function of both, whatever their order)', async () => {
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      for (const c of pub.courses) {
        // the server's ranking function, fed the published inputs with the applicants reversed
        const again = rankCourse(pub.seed, c.courseId, [...c.applicantIds].reverse());
        expect(again.map((r) => r.userId)).toEqual(
          c.ranking.map((r: { userId: string }) => r.userId),
        );
        expect(rankCourse(pub.seed, c.courseId, c.applicantIds)).toEqual(again);
      }
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
      const [mine] = await t.db.query<{ status: string }>(
        'SELECT status FROM ns_applications WHERE id = $1',
        [o.id],
      );
      expect(mine.status).toBe('declined');
    });

    it('offers not confirmed in 48 hours expire by the job and pass down the list; the expired are not re-queued', async () => {
      const pending = await offersOf(pottery.id);
      expect(pending.length).toBeGreaterThan(0);
      const [{ n: allOffers }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ns_applications WHERE term_id = $1 AND status = 'offered'`,
        [term.id],
      );
      const titlesOf = async (userId: string) =>
        (
          await t.db.query<{ title: string }>(
            'SELECT title FROM messages WHERE user_id = $1 ORDER BY id DESC',
            [userId],
          )
        ).map((m) => m.title);
      clock.set('2026-08-29T22:00:00.000Z'); // less than 6 h before the deadline: one reminder each
      expect(await t.app.jobs.runJob('night-school.offer-reminders')).toBe(allOffers);
      expect(await t.app.jobs.runJob('night-school.offer-reminders')).toBe(0);
      expect((await titlesOf(pending[0].user_id))[0]).toBe('夜校名额即将过期');
      clock.set('2026-08-30T03:00:00.000Z'); // 49 h after the draw
      const handled = await t.app.jobs.runJob('night-school.expire-offers');
      expect(handled).toBe(allOffers);
      expect((await titlesOf(pending[0].user_id))[0]).toBe('夜校名额已过期');
      for (const o of pending) {
        const [row] = await t.db.query<{ status: string; reason: string }>(
          'SELECT status, reason FROM ns_applications WHERE id = $1',
          [o.id],
        );
        expect(row).toMatchObject({
          status: 'expired',
          reason: expect.stringContaining('未在确认期限内确认'),
        });
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
      // running the job again changes nothing
      expect(await t.app.jobs.runJob('night-school.expire-offers')).toBe(0);
    });

    it('我的夜校 shows each result with its reason', async () => {
      const loser = (
        await t.db.query<{ user_id: string }>(
          `SELECT user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'waitlisted' ORDER BY queue_no DESC LIMIT 1`,
          [pottery.id],
        )
      )[0];
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/night-school/me',
        headers: bearer(tokenOf(loser.user_id)),
      });
      const item = res
        .json()
        .items.find((i: { course: { id: string } }) => i.course.id === pottery.id);
      expect(item.application.status).toBe('waitlisted');
      expect(item.application.reason).toContain('未中签');
      expect(item.application.waitPosition).toBeGreaterThan(0);
    });
  });
});
