// Who may do what around a draw: the draw time is announced with the term and the job keeps it;
// the public value comes after the close from a second staff member, once; an admin may run only a
// draw that is overdue, and it is audited; 查我的号 shows a resident their own entries only.
import { createHash } from 'node:crypto';
import { bearer, login, loginStaff, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import {
  apply,
  committeeId,
  createCourse,
  createTerm,
  expectError,
  organizer,
  residents,
} from './fixture';
import { computeDraw } from '@/contract/lottery';

const OPENS = '2026-09-01T02:00:00.000Z';
const CLOSES = '2026-09-08T14:00:00.000Z';
const DRAW_AT = '2026-09-09T02:00:00.000Z';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe(`night school, the scheduled two-person draw (${DB_KIND})`, () => {
  const clock = testClock('2026-08-25T03:00:00.000Z');
  let t: TestApp;
  let creator: string;
  let second: string;
  let admin: string;
  let term: { id: string; seedHash: string };
  let course: { id: string };
  let people: Array<{ id: string; token: string }>;

  const post = (url: string, token: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school${url}`,
      headers: bearer(token),
      payload,
    });
  const enter = (token: string, value = '7 12 19 23 28 31 + 05') =>
    post(`/admin/terms/${term.id}/public-value`, token, {
      value,
      source: '2026年9月9日 体彩大乐透开奖号码',
    });
  const mine = (token?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/night-school/terms/${term.id}/draw/mine`,
      headers: token ? bearer(token) : {},
    });

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    creator = await organizer(t);
    second = await loginStaff(t, 'ns-second', [await committeeId(t)]);
    admin = await login(t.app, 'ns-admin', 'admin');
    term = await createTerm(
      t,
      creator,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES, drawAt: DRAW_AT },
      '2026秋季二人规则学期',
    );
    course = await createCourse(t, creator, term.id, { title: '声乐', capacity: 3 });
    people = await residents(t, 8, 'two-');
  });
  afterAll(async () => t.close());

  describe('POST /api/v1/night-school/admin/terms (the draw time)', () => {
    const create = (over: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/night-school/admin/terms',
        headers: bearer(creator),
        payload: {
          name: '无摇号时间',
          allocation: 'lottery',
          opensAt: OPENS,
          closesAt: CLOSES,
          ...over,
        },
      });

    it('refuses a lottery without an announced draw time (400 DRAW_AT_REQUIRED)', async () => {
      expectError(await create({ orgId: await committeeId(t) }), 400, 'DRAW_AT_REQUIRED');
    });

    it('refuses a draw time not after the close (400 DRAW_AT_ORDER)', async () => {
      expectError(
        await create({ orgId: await committeeId(t), drawAt: CLOSES }),
        400,
        'DRAW_AT_ORDER',
      );
    });

    it('publishes the draw time with the term', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/night-school/terms/${term.id}`,
      });
      expect(res.json()).toMatchObject({ drawAt: DRAW_AT, publicValue: null, seed: null });
    });
  });

  describe('POST /api/v1/night-school/admin/terms/:id/public-value', () => {
    it('before the close, answers 409 PUBLIC_VALUE_TOO_EARLY', async () => {
      clock.set('2026-09-02T02:00:00.000Z');
      for (const p of people) expect((await apply(t, p.token, course.id)).statusCode).toBe(201);
      expectError(await enter(second), 409, 'PUBLIC_VALUE_TOO_EARLY');
    });

    it('from the staff member who created the term (and so committed the seed), answers 403 PUBLIC_VALUE_SAME_STAFF', async () => {
      clock.set('2026-09-08T15:00:00.000Z');
      expectError(await enter(creator), 403, 'PUBLIC_VALUE_SAME_STAFF');
      const [row] = await t.db.query<{ public_value: string | null }>(
        'SELECT public_value FROM ns_terms WHERE id = $1',
        [term.id],
      );
      expect(row.public_value).toBeNull();
    });

    it('the database refuses it too: the value is never recorded by the seed committer', async () => {
      await expect(
        t.db.query(
          `UPDATE ns_terms SET public_value = 'x', public_value_by = created_by WHERE id = $1`,
          [term.id],
        ),
      ).rejects.toThrow(/ns_terms_public_value_second_person/);
    });

    it('from a second staff member after the close: freezes the list first, records the value once, audited', async () => {
      const res = await enter(second);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        publicValue: '7 12 19 23 28 31 + 05',
        publicValueSource: '2026年9月9日 体彩大乐透开奖号码',
      });
      const pub = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/night-school/terms/${term.id}/draw`,
          headers: { 'cache-control': 'no-cache' },
        })
      ).json();
      expect(pub.applicantsFrozenAt).toBe('2026-09-08T15:00:00.000Z');
      expect(pub.courses[0].applicants).toHaveLength(8);
      expect(pub.seed).toBeNull();
      expectError(await enter(second, '另一个数'), 409, 'PUBLIC_VALUE_SET');
      const audits = await t.db.query<{ after: { value: string } }>(
        `SELECT after FROM audit_log WHERE action = 'night_school.public_value' AND entity_id = $1`,
        [term.id],
      );
      expect(audits.map((a) => a.after.value)).toEqual(['7 12 19 23 28 31 + 05']);
    });
  });

  describe('the draw', () => {
    it('organizers have no draw button: POST …/draw answers 403 DRAW_ONLY_OVERDUE', async () => {
      expectError(await post(`/admin/terms/${term.id}/draw`, creator), 403, 'DRAW_ONLY_OVERDUE');
      expectError(await post(`/admin/terms/${term.id}/draw`, second), 403, 'DRAW_ONLY_OVERDUE');
    });

    it('not even an admin draws before the announced time (409 DRAW_TOO_EARLY), and the job waits for it', async () => {
      expectError(await post(`/admin/terms/${term.id}/draw`, admin), 409, 'DRAW_TOO_EARLY');
      clock.set('2026-09-09T01:59:00.000Z');
      expect(await t.app.jobs.runJob('night-school.scheduled-draws')).toBe(0);
    });

    it('查我的号 before the draw: my pseudonym, found in the frozen list, no rank yet', async () => {
      const res = await mine(people[0].token);
      expect(res.statusCode).toBe(200);
      const me = res.json();
      expect(me.pseudonym).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
      expect(me.items).toEqual([
        expect.objectContaining({ courseId: course.id, rank: null, outcome: null, applicants: 8 }),
      ]);
    });

    it('at the announced time the job draws once, with the mixed seed, audited as the system', async () => {
      clock.set(DRAW_AT);
      expect(await t.app.jobs.runJob('night-school.scheduled-draws')).toBe(1);
      expect(await t.app.jobs.runJob('night-school.scheduled-draws')).toBe(0);
      const pub = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/night-school/terms/${term.id}/draw`,
          headers: { 'cache-control': 'no-cache' },
        })
      ).json();
      expect(sha256(pub.seed)).toBe(term.seedHash);
      expect(pub.drawSeed).toBe(
        sha256(`${pub.seed}:${pub.applicantListHash}:7 12 19 23 28 31 + 05`),
      );
      // another public value would have given another order: the value counts
      const again = computeDraw({
        seed: pub.seed,
        publicValue: '7 12 19 23 28 31 + 06',
        maxCoursesPerPerson: pub.maxCoursesPerPerson,
        courses: pub.courses,
      });
      expect(again.courses[0].ranking.map((r) => r.pseudonym)).not.toEqual(
        pub.courses[0].ranking.map((r: { pseudonym: string }) => r.pseudonym),
      );
      const [entry] = await t.db.query<{ actor_role: string; after: { overdue: boolean } }>(
        `SELECT actor_role, after FROM audit_log WHERE action = 'night_school.draw' AND entity_id = $1`,
        [term.id],
      );
      expect(entry).toMatchObject({ actor_role: 'system', after: { overdue: false } });
      expectError(await post(`/admin/terms/${term.id}/draw`, admin), 409, 'ALREADY_DRAWN');
    });

    it('查我的号 after the draw: my rank and outcome, matching the public ranking', async () => {
      const pub = (
        await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${term.id}/draw` })
      ).json();
      for (const p of people) {
        const me = (await mine(p.token)).json();
        expect(me.items).toHaveLength(1);
        const listed = pub.courses[0].ranking.find(
          (r: { pseudonym: string }) => r.pseudonym === me.pseudonym,
        );
        expect(me.items[0]).toMatchObject({ rank: listed.rank, outcome: listed.outcome });
      }
      const names = await Promise.all(
        people.map(async (p) => (await mine(p.token)).json().pseudonym),
      );
      expect(new Set(names).size).toBe(people.length);
    });

    it('查我的号 needs a login (401), and a resident who did not apply gets no pseudonym and no entries', async () => {
      expectError(await mine(), 401, 'UNAUTHORIZED');
      const [outsider] = await residents(t, 1, 'two-outsider-');
      expect((await mine(outsider.token)).json()).toEqual({
        termId: term.id,
        pseudonym: null,
        items: [],
      });
    });
  });

  describe('an overdue draw', () => {
    it('an admin may run it once the announced time has passed; audited with their name', async () => {
      clock.set('2026-09-10T02:00:00.000Z');
      const late = await createTerm(
        t,
        creator,
        {
          allocation: 'lottery',
          opensAt: '2026-09-10T03:00:00.000Z',
          closesAt: '2026-09-11T14:00:00.000Z',
          drawAt: '2026-09-12T02:00:00.000Z',
        },
        '2026秋季补摇学期',
      );
      const c = await createCourse(t, creator, late.id, { title: '补摇课程', capacity: 2 });
      clock.set('2026-09-10T04:00:00.000Z');
      for (const p of people.slice(0, 4))
        expect((await apply(t, p.token, c.id)).statusCode).toBe(201);
      clock.set('2026-09-12T03:00:00.000Z');
      expectError(await post(`/admin/terms/${late.id}/draw`, admin), 409, 'PUBLIC_VALUE_MISSING');
      expect(
        (
          await post(`/admin/terms/${late.id}/public-value`, second, {
            value: '3301.02',
            source: '2026年9月12日 上证指数开盘价',
          })
        ).statusCode,
      ).toBe(200);
      const res = await post(`/admin/terms/${late.id}/draw`, admin);
      expect(res.statusCode).toBe(200);
      expect(
        res.json().courses[0].ranking.filter((r: { outcome: string }) => r.outcome === 'offered'),
      ).toHaveLength(2);
      const [entry] = await t.db.query<{ actor_role: string; after: { overdue: boolean } }>(
        `SELECT actor_role, after FROM audit_log WHERE action = 'night_school.draw' AND entity_id = $1`,
        [late.id],
      );
      expect(entry).toMatchObject({ actor_role: 'admin', after: { overdue: true } });
    });
  });
});
