// Editing a term after creation: what residents relied on (the published seed hash, the allocation
// mode and opening time once open, the closing time once drawn, limits people already hold) stays.
import { bearer, loginStaff, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { apply, createCourse, createTerm, organizer, residents, expectError } from './fixture';

const OPENS = '2026-03-01T02:00:00.000Z';
const CLOSES = '2026-03-05T14:00:00.000Z';

describe(`PATCH /api/v1/night-school/admin/terms/:id (${DB_KIND})`, () => {
  const clock = testClock('2026-02-20T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
  });
  afterAll(async () => t.close());

  const patch = (id: string, payload: Record<string, unknown>, token = staff) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/night-school/admin/terms/${id}`,
      headers: bearer(token),
      payload,
    });

  it('before the window opens, changes name, window, limits, ages and mode, and keeps the seed hash', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES },
      '待修改学期',
    );
    const res = await patch(term.id, {
      name: '2026春季青年夜校（徐汇）',
      allocation: 'lottery',
      opensAt: '2026-03-02T02:00:00.000Z',
      closesAt: '2026-03-06T14:00:00.000Z',
      drawAt: '2026-03-07T02:00:00.000Z',
      maxApplicationsPerPerson: 4,
      maxCoursesPerPerson: 3,
      minAge: 16,
      maxAge: 45,
      confirmHours: 24,
      noShowLimit: 3,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '2026春季青年夜校（徐汇）',
      allocation: 'lottery',
      opensAt: '2026-03-02T02:00:00.000Z',
      closesAt: '2026-03-06T14:00:00.000Z',
      maxApplicationsPerPerson: 4,
      maxCoursesPerPerson: 3,
      minAge: 16,
      maxAge: 45,
      confirmHours: 24,
      noShowLimit: 3,
      seedHash: term.seedHash,
      seed: null,
    });
    const [entry] = await t.db.query<{ before: any; after: any }>(
      `SELECT before, after FROM audit_log WHERE action = 'night_school.term.update' AND entity_id = $1`,
      [term.id],
    );
    expect(entry.before).toMatchObject({
      name: '待修改学期',
      allocation: 'first_come',
      confirmHours: 48,
    });
    expect(entry.after).toMatchObject({
      name: '2026春季青年夜校（徐汇）',
      allocation: 'lottery',
      confirmHours: 24,
    });
  });

  it('when asked to change the seed or its hash, answers 409 TERM_SEED_FIXED and changes nothing', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '种子学期',
    );
    expectError(await patch(term.id, { seed: 'abc' }), 409, 'TERM_SEED_FIXED');
    expectError(
      await patch(term.id, { seedHash: '00'.repeat(32), name: '改名' }),
      409,
      'TERM_SEED_FIXED',
    );
    const after = (await t.app.inject({ url: `/api/v1/night-school/terms/${term.id}` })).json();
    expect(after).toMatchObject({ seedHash: term.seedHash, name: '种子学期' });
  });

  it('when the closing time is not later than the opening time, answers 400 TERM_WINDOW_ORDER', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '窗口学期',
    );
    expectError(await patch(term.id, { closesAt: OPENS }), 400, 'TERM_WINDOW_ORDER');
    expectError(
      await patch(term.id, { opensAt: '2026-03-06T02:00:00.000Z' }),
      400,
      'TERM_WINDOW_ORDER',
    );
  });

  it('when the age range is inverted, answers 400 TERM_AGE_RANGE', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '年龄学期',
    );
    expectError(await patch(term.id, { minAge: 41 }), 400, 'TERM_AGE_RANGE');
  });

  it('once the window opened, refuses a new mode or opening time but extends the closing time', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES },
      '已开放学期',
    );
    clock.set('2026-03-02T02:00:00.000Z');
    expectError(await patch(term.id, { allocation: 'lottery' }), 409, 'TERM_ALLOCATION_LOCKED');
    expectError(
      await patch(term.id, { opensAt: '2026-03-01T06:00:00.000Z' }),
      409,
      'TERM_OPENS_LOCKED',
    );
    // sending the unchanged values back (a whole form) is fine
    const same = await patch(term.id, {
      allocation: 'first_come',
      opensAt: OPENS,
      closesAt: '2026-03-07T14:00:00.000Z',
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({
      allocation: 'first_come',
      opensAt: OPENS,
      closesAt: '2026-03-07T14:00:00.000Z',
      phase: 'open',
    });
  });

  it('never lowers the per-person limits below what someone already holds', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      {
        allocation: 'first_come',
        opensAt: OPENS,
        closesAt: CLOSES,
        maxApplicationsPerPerson: 3,
        maxCoursesPerPerson: 2,
      },
      '上限学期',
    );
    const a = (await createCourse(t, staff, term.id, { title: '摄影基础' })).id;
    const b = (await createCourse(t, staff, term.id, { title: '咖啡拉花' })).id;
    clock.set('2026-03-02T02:00:00.000Z');
    const [r] = await residents(t, 1, 'ns-edit-limit');
    expect((await apply(t, r.token, a)).statusCode).toBe(201);
    expect((await apply(t, r.token, b)).statusCode).toBe(201);
    const low = await patch(term.id, { maxCoursesPerPerson: 1 });
    expectError(low, 409, 'TERM_LIMIT_BELOW_HELD');
    expect(low.json().message).toContain('2');
    expectError(
      await patch(term.id, { maxApplicationsPerPerson: 1 }),
      409,
      'TERM_LIMIT_BELOW_HELD',
    );
    const ok = await patch(term.id, {
      maxApplicationsPerPerson: 2,
      maxCoursesPerPerson: 2,
      confirmHours: 36,
      noShowLimit: 3,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      maxApplicationsPerPerson: 2,
      maxCoursesPerPerson: 2,
      confirmHours: 36,
      noShowLimit: 3,
    });
  });

  /** An open first-come term allowing 3 of everything, with three roomy courses, and `n` residents. */
  /** A first-come term allowing 3 applications and 3 seats each, its courses (3 unless told), n people. */
  async function openTermOfThree(name: string, n: number, courseCount = 3) {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      {
        allocation: 'first_come',
        opensAt: OPENS,
        closesAt: CLOSES,
        maxApplicationsPerPerson: 3,
        maxCoursesPerPerson: 3,
      },
      name,
    );
    const courses: Array<{ id: string }> = [];
    for (const title of ['一', '二', '三', '四', '五'].slice(0, courseCount))
      courses.push(
        await createCourse(t, staff, term.id, { title: `${name}课${title}`, capacity: 500 }),
      );
    clock.set('2026-03-02T02:00:00.000Z');
    return { term, courses, people: await residents(t, n, `${name}-`) };
  }

  it('lowering the per-person limit while applications pour in: nobody ends up above the limit in force, no 5xx', async () => {
    const { term, courses, people } = await openTermOfThree('限额竞争学期', 80);
    // everyone holds two; then the edit to 2 races everyone's third application
    const first = await Promise.all(
      people.flatMap((p) => [apply(t, p.token, courses[0].id), apply(t, p.token, courses[1].id)]),
    );
    expect(first.map((a) => a.statusCode)).toEqual(first.map(() => 201));
    const answers = [
      ...first,
      ...(await Promise.all([
        patch(term.id, { maxApplicationsPerPerson: 2, maxCoursesPerPerson: 2 }),
        ...people.map((p) => apply(t, p.token, courses[2].id)),
      ])),
    ];
    const edit = answers[people.length * 2];
    expect([200, 409]).toContain(edit.statusCode);
    const applies = answers.filter((a) => a !== edit);
    for (const a of applies) expect([201, 409]).toContain(a.statusCode);
    for (const a of applies.filter((x) => x.statusCode === 409))
      expect(a.json().code).toMatch(/^(APPLICATION_LIMIT|COURSE_LIMIT)$/);

    const [limits] = await t.db.query<{ apps: number; seats: number }>(
      `SELECT max_applications_per_person AS apps, max_courses_per_person AS seats FROM ns_terms WHERE id = $1`,
      [term.id],
    );
    const held = await t.db.query<{ live: number; seats: number; counted: number }>(
      `SELECT count(*) FILTER (WHERE a.status <> 'withdrawn')::int AS live,
              count(*) FILTER (WHERE a.status = 'confirmed')::int AS seats,
              max(p.applications)::int AS counted
       FROM ns_applications a JOIN ns_term_people p ON p.term_id = a.term_id AND p.user_id = a.user_id
       WHERE a.term_id = $1 GROUP BY a.user_id`,
      [term.id],
    );
    expect(held).toHaveLength(people.length);
    for (const h of held) {
      expect(h.live).toBeLessThanOrEqual(limits.apps);
      expect(h.seats).toBeLessThanOrEqual(limits.seats);
      expect(h.counted).toBe(h.live); // the counter the limit is checked against matches the rows
    }
    expect(applies.filter((a) => a.statusCode === 201)).toHaveLength(
      held.reduce((n, h) => n + h.live, 0),
    );
  });

  // The interleaving that broke the limit, forced step by step: applications that have read the old
  // limit are held before they write anything (another transaction keeps ns_applications from
  // taking writes) while the edit runs. It needs a second connection, so it exists on the PostgreSQL server only; PGlite
  // has one connection and runs transactions one after another, so this interleaving cannot happen.
  if (DB_KIND === 'postgres') {
    it('an edit that lowers the limit waits for applications that have read the old one', async () => {
      // each third application on a course of its own: applies to one course share one statement
      // (they are batched per course), and the three must be three transactions waiting here
      const { term, courses, people } = await openTermOfThree('限额交错学期', 3, 5);
      for (const p of people)
        for (const c of courses.slice(0, 2))
          expect((await apply(t, p.token, c.id)).statusCode).toBe(201);

      const waiting = async (n: number) => {
        for (let i = 0; i < 200; i++) {
          const [{ w }] = await t.db.query<{ w: number }>(
            `SELECT count(*)::int AS w FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (w >= n) return;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`never saw ${n} waiting transactions`);
      };
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      const hold = t.db.transaction(async (tx) => {
        await tx.query(`LOCK TABLE ns_applications IN EXCLUSIVE MODE`);
        await released;
      });
      await new Promise((r) => setTimeout(r, 50));
      let edit;
      let thirds;
      try {
        thirds = people.map((p, i) => apply(t, p.token, courses[2 + i].id));
        await waiting(3); // all three have checked the term and wait to write
        edit = patch(term.id, { maxApplicationsPerPerson: 2 });
        await waiting(4); // the edit waits for them instead of slipping in between
      } finally {
        release();
        await hold;
      }
      expect((await Promise.all(thirds)).map((a) => a.statusCode)).toEqual([201, 201, 201]);
      const res = await edit;
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('TERM_LIMIT_BELOW_HELD');
    });
  }

  it('once the applicant list is frozen at the close, refuses a new closing time (409 TERM_CLOSES_LOCKED) and a new draw time (409 DRAW_AT_LOCKED)', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '已截止学期',
    );
    await createCourse(t, staff, term.id, { title: '书法入门' });
    clock.set('2026-03-06T02:00:00.000Z');
    expect(await t.app.jobs.runJob('night-school.freeze-applicants')).toBeGreaterThanOrEqual(1);
    expectError(
      await patch(term.id, { closesAt: '2026-03-08T14:00:00.000Z' }),
      409,
      'TERM_CLOSES_LOCKED',
    );
    expectError(
      await patch(term.id, { drawAt: '2026-03-09T02:00:00.000Z' }),
      409,
      'DRAW_AT_LOCKED',
    );
    expect((await patch(term.id, { name: '已截止学期（更名）' })).json()).toMatchObject({
      name: '已截止学期（更名）',
      phase: 'closed',
    });
  });

  it("for another organization's staff, answers 404 like a missing term", async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '别处学期',
    );
    const [other] = await t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name LIKE '%普陀%'`,
    );
    const stranger = await loginStaff(t, 'ns-other-org', [other.id]);
    expectError(await patch(term.id, { name: '抢改' }, stranger), 404, 'TERM_NOT_FOUND');
    expectError(await patch('999999', { name: '不存在' }), 404, 'TERM_NOT_FOUND');
  });
});
