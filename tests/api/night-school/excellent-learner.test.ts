// 优秀学员: staff pick one learner per course once the term is over, by the published rule; the pick
// takes one free course of the organization's next term outside its lottery, once, within the
// per-person limits — and the draw deals only the seats left, counting that seat toward the limit.
import { rankLearners } from '@/contract/excellent-learner';
import { verifyDraw } from '@/contract/lottery';
import { pseudonymOf } from '../../../server/src/modules/night-school/pseudonym';
import { bearer, loginStaff, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import {
  apply,
  committeeId,
  createCourse,
  createTerm,
  expectError,
  organizer,
  residents,
} from './fixture';

type Person = { id: string; token: string };

describe(`night school, 优秀学员 (${DB_KIND})`, () => {
  const clock = testClock('2026-09-01T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let spring: { id: string };
  let pottery: { id: string };
  let autumn: { id: string };
  let drawing: { id: string };
  let singing: { id: string };
  let learners: Person[];
  let others: Person[];

  const pick = (token = staff) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/admin/terms/${spring.id}/excellent-learners`,
      headers: bearer(token),
    });
  const myAwards = async (p: Person) =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/night-school/excellent-awards',
        headers: bearer(p.token),
      })
    ).json().items;
  const redeem = (p: Person, awardId: string, courseId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/excellent-awards/${awardId}/redeem`,
      headers: bearer(p.token),
      payload: { courseId },
    });
  /** Marks as the check-in screens leave them: 'scan' for a self check-in, 'manual' by staff. */
  const mark = (p: Person, sessionNo: number, method: 'scan' | 'manual') =>
    t.db.query(
      `INSERT INTO ns_attendance (course_id, session_no, user_id, status, method) VALUES ($1, $2, $3, 'present', $4)`,
      [pottery.id, sessionNo, p.id, method],
    );

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    spring = await createTerm(
      t,
      staff,
      {
        allocation: 'first_come',
        opensAt: '2026-09-01T00:00:00.000Z',
        closesAt: '2026-09-05T00:00:00.000Z',
      },
      '2026秋季青年夜校',
    );
    // Tuesdays 19:00 from 9月8日, two sessions: the last ends 9月15日 20:30 Beijing
    pottery = await createCourse(t, staff, spring.id, {
      title: '陶艺',
      startDate: '2026-09-08',
      weekday: 2,
      sessions: 2,
      capacity: 5,
    });
    learners = await residents(t, 4, 'excellent-');
    for (const p of learners) expect((await apply(t, p.token, pottery.id)).statusCode).toBe(201);
    // two learners attend both sessions; B checked in herself both times, A once by hand
    const [a, b, c] = learners;
    await mark(a, 1, 'scan');
    await mark(a, 2, 'manual');
    await mark(b, 1, 'scan');
    await mark(b, 2, 'scan');
    await mark(c, 1, 'scan');

    autumn = await createTerm(
      t,
      staff,
      {
        allocation: 'lottery',
        opensAt: '2026-10-01T00:00:00.000Z',
        closesAt: '2026-10-05T00:00:00.000Z',
        maxCoursesPerPerson: 1,
      },
      '2027春季青年夜校',
    );
    drawing = await createCourse(t, staff, autumn.id, { title: '素描', capacity: 2 });
    singing = await createCourse(t, staff, autumn.id, { title: '声乐', capacity: 3 });
    others = await residents(t, 6, 'autumn-');
  });
  afterAll(async () => t.close());

  it('refuses to pick before the last session has ended: 409 TERM_NOT_ENDED', async () => {
    clock.set('2026-09-15T12:00:00.000Z'); // 20:00 Beijing, session 2 still running
    expectError(await pick(), 409, 'TERM_NOT_ENDED');
  });

  it('picks by the rule: most present, then most self check-ins; the seed is published with it', async () => {
    clock.set('2026-09-16T02:00:00.000Z');
    const res = await pick();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(1);
    const [award] = body.items;
    const [, b] = learners;
    expect(award).toMatchObject({ courseId: pottery.id, present: 2, selfCheckIns: 2 });
    expect(award.name).toBe('学*2'); // masked: 学员2
    // anyone with the seed recomputes the same pick and ticket
    const pseudonym = (p: Person) => pseudonymOf(t.app.config.idHashSecret, spring.id, p.id);
    const ranked = rankLearners(
      body.seed,
      pottery.id,
      learners.slice(0, 3).map((p, i) => ({
        pseudonym: pseudonym(p),
        present: [2, 2, 1][i],
        selfCheckIns: [1, 2, 1][i],
      })),
    );
    expect(ranked[0].pseudonym).toBe(pseudonym(b));
    expect(award.ticket).toBe(ranked[0].ticket);
    // the learner hears it
    const messages = await t.app.inject({
      method: 'GET',
      url: '/api/v1/messages',
      headers: bearer(b.token),
    });
    expect(JSON.stringify(messages.json())).toContain('优秀学员');
  });

  it('picking again changes nothing: one award per course', async () => {
    const again = await pick();
    expect(again.statusCode).toBe(200);
    expect(again.json().items).toHaveLength(1);
    const [{ n }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ns_excellent_awards',
    );
    expect(n).toBe(1);
  });

  it('staff of another organization cannot pick or see the term', async () => {
    const stranger = await loginStaff(t, 'ns-stranger', []);
    expectError(await pick(stranger), 404, 'TERM_NOT_FOUND');
  });

  it('the learner sees the award and the term it is for; others see none', async () => {
    const [a, b] = learners;
    const [award] = await myAwards(b);
    expect(award).toMatchObject({
      courseTitle: '陶艺',
      name: '学员2',
      redeemed: null,
      nextTerm: { id: autumn.id, name: '2027春季青年夜校' },
    });
    expect(await myAwards(a)).toEqual([]);
  });

  it('cannot be used before the next term opens, in another term, or by someone else', async () => {
    const [a, b] = learners;
    const [award] = await myAwards(b);
    expectError(await redeem(b, award.id, drawing.id), 409, 'APPLICATION_NOT_OPEN');
    expectError(await redeem(b, award.id, pottery.id), 409, 'AWARD_WRONG_TERM');
    clock.set('2026-10-02T02:00:00.000Z');
    expectError(await redeem(a, award.id, drawing.id), 404, 'AWARD_NOT_FOUND');
  });

  it('takes one confirmed seat outside the lottery, once, however many taps race', async () => {
    const [, b] = learners;
    const [award] = await myAwards(b);
    // she applied to 声乐 in the lottery as well
    expect((await apply(t, b.token, singing.id)).statusCode).toBe(201);
    const taps = await Promise.all(
      Array.from({ length: 6 }, () => redeem(b, award.id, drawing.id)),
    );
    expect(taps.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of taps.filter((x) => x.statusCode !== 200)) expect(r.statusCode).toBe(409);
    const [row] = await t.db.query<{ taken: number; status: string; reason: string }>(
      `SELECT c.taken, a.status, a.reason FROM ns_courses c
       JOIN ns_applications a ON a.course_id = c.id AND a.user_id = $2 WHERE c.id = $1`,
      [drawing.id, b.id],
    );
    expect(row).toEqual({ taken: 1, status: 'confirmed', reason: '优秀学员免抽签' });
    const [used] = await myAwards(b);
    expect(used.redeemed).toMatchObject({ courseId: drawing.id, courseTitle: '素描' });
    expectError(await redeem(b, award.id, singing.id), 409, 'AWARD_USED');
  });

  it('the draw deals only the seats left and counts her seat toward her limit; anyone can verify it', async () => {
    const [, b] = learners;
    for (const p of others.slice(0, 4))
      expect((await apply(t, p.token, drawing.id)).statusCode).toBe(201);
    for (const p of others.slice(4))
      expect((await apply(t, p.token, singing.id)).statusCode).toBe(201);
    clock.set('2026-10-05T00:01:00.000Z');
    expect(await t.app.jobs.runJob('night-school.freeze-applicants')).toBe(1);
    const second = await loginStaff(t, 'ns-second-staff', [await committeeId(t)]);
    const entered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/admin/terms/${autumn.id}/public-value`,
      headers: bearer(second),
      payload: { value: '3288.17', source: '2026年10月6日 上证指数开盘价' },
    });
    expect(entered.statusCode).toBe(200);
    clock.set('2026-10-06T00:01:00.000Z');
    expect(await t.app.jobs.runJob('night-school.scheduled-draws')).toBe(1);

    const seats = await t.db.query<{ id: string; taken: number; capacity: number }>(
      'SELECT id::text AS id, taken, capacity FROM ns_courses WHERE term_id = $1 ORDER BY id',
      [autumn.id],
    );
    // 素描: her free seat and one drawn seat; 声乐: she already holds her one course, so skipped
    expect(seats.map((s) => s.taken)).toEqual([2, 2]);
    const [{ status }] = await t.db.query<{ status: string }>(
      'SELECT status FROM ns_applications WHERE course_id = $1 AND user_id = $2',
      [singing.id, b.id],
    );
    expect(status).toBe('skipped');

    const draw = (
      await t.app.inject({ method: 'GET', url: `/api/v1/night-school/terms/${autumn.id}/draw` })
    ).json();
    expect(draw.courses.map((c: { capacity: number; reserved: number }) => c)).toMatchObject([
      { title: '素描', capacity: 1, reserved: 1 },
      { title: '声乐', capacity: 3, reserved: 0 },
    ]);
    expect(draw.heldBefore).toEqual({
      [pseudonymOf(t.app.config.idHashSecret, autumn.id, b.id)]: 1,
    });
    expect(verifyDraw(draw).ok).toBe(true);
  });
});
