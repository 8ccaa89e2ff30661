// Editing a term after creation: what residents relied on (the published seed hash, the allocation
// mode and opening time once open, the closing time once drawn, limits people already hold) stays.
import { bearer, loginStaff, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { apply, createCourse, createTerm, organizer, residents } from './fixture';

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
    t.app.inject({ method: 'PATCH', url: `/api/v1/night-school/admin/terms/${id}`, headers: bearer(token), payload });
  const expectError = (res: { statusCode: number; json(): any }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  };

  it('before the window opens, changes name, window, limits, ages and mode, and keeps the seed hash', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES }, '待修改学期');
    const res = await patch(term.id, {
      name: '2026春季青年夜校（徐汇）', allocation: 'lottery', opensAt: '2026-03-02T02:00:00.000Z', closesAt: '2026-03-06T14:00:00.000Z',
      maxApplicationsPerPerson: 4, maxCoursesPerPerson: 3, minAge: 16, maxAge: 45, confirmHours: 24, noShowLimit: 3,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '2026春季青年夜校（徐汇）', allocation: 'lottery', opensAt: '2026-03-02T02:00:00.000Z', closesAt: '2026-03-06T14:00:00.000Z',
      maxApplicationsPerPerson: 4, maxCoursesPerPerson: 3, minAge: 16, maxAge: 45, confirmHours: 24, noShowLimit: 3,
      seedHash: term.seedHash, seed: null,
    });
    const [entry] = await t.db.query<{ before: any; after: any }>(
      `SELECT before, after FROM audit_log WHERE action = 'night_school.term.update' AND entity_id = $1`, [term.id]);
    expect(entry.before).toMatchObject({ name: '待修改学期', allocation: 'first_come', confirmHours: 48 });
    expect(entry.after).toMatchObject({ name: '2026春季青年夜校（徐汇）', allocation: 'lottery', confirmHours: 24 });
  });

  it('when asked to change the seed or its hash, answers 409 TERM_SEED_FIXED and changes nothing', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES }, '种子学期');
    expectError(await patch(term.id, { seed: 'abc' }), 409, 'TERM_SEED_FIXED');
    expectError(await patch(term.id, { seedHash: '00'.repeat(32), name: '改名' }), 409, 'TERM_SEED_FIXED');
    const after = (await t.app.inject({ url: `/api/v1/night-school/terms/${term.id}` })).json();
    expect(after).toMatchObject({ seedHash: term.seedHash, name: '种子学期' });
  });

  it('when the closing time is not later than the opening time, answers 400 TERM_WINDOW_ORDER', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES }, '窗口学期');
    expectError(await patch(term.id, { closesAt: OPENS }), 400, 'TERM_WINDOW_ORDER');
    expectError(await patch(term.id, { opensAt: '2026-03-06T02:00:00.000Z' }), 400, 'TERM_WINDOW_ORDER');
  });

  it('when the age range is inverted, answers 400 TERM_AGE_RANGE', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES }, '年龄学期');
    expectError(await patch(term.id, { minAge: 41 }), 400, 'TERM_AGE_RANGE');
  });

  it('once the window opened, refuses a new mode or opening time but extends the closing time', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES }, '已开放学期');
    clock.set('2026-03-02T02:00:00.000Z');
    expectError(await patch(term.id, { allocation: 'lottery' }), 409, 'TERM_ALLOCATION_LOCKED');
    expectError(await patch(term.id, { opensAt: '2026-03-01T06:00:00.000Z' }), 409, 'TERM_OPENS_LOCKED');
    // sending the unchanged values back (a whole form) is fine
    const same = await patch(term.id, { allocation: 'first_come', opensAt: OPENS, closesAt: '2026-03-07T14:00:00.000Z' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ allocation: 'first_come', opensAt: OPENS, closesAt: '2026-03-07T14:00:00.000Z', phase: 'open' });
  });

  it('never lowers the per-person limits below what someone already holds', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES, maxApplicationsPerPerson: 3, maxCoursesPerPerson: 2 }, '上限学期');
    const a = (await createCourse(t, staff, term.id, { title: '摄影基础' })).id;
    const b = (await createCourse(t, staff, term.id, { title: '咖啡拉花' })).id;
    clock.set('2026-03-02T02:00:00.000Z');
    const [r] = await residents(t, 1, 'ns-edit-limit');
    expect((await apply(t, r.token, a)).statusCode).toBe(201);
    expect((await apply(t, r.token, b)).statusCode).toBe(201);
    const low = await patch(term.id, { maxCoursesPerPerson: 1 });
    expectError(low, 409, 'TERM_LIMIT_BELOW_HELD');
    expect(low.json().message).toContain('2');
    expectError(await patch(term.id, { maxApplicationsPerPerson: 1 }), 409, 'TERM_LIMIT_BELOW_HELD');
    const ok = await patch(term.id, { maxApplicationsPerPerson: 2, maxCoursesPerPerson: 2, confirmHours: 36, noShowLimit: 3 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ maxApplicationsPerPerson: 2, maxCoursesPerPerson: 2, confirmHours: 36, noShowLimit: 3 });
  });

  it('after the draw, refuses a new closing time with 409 TERM_CLOSES_LOCKED', async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES }, '已摇号学期');
    await createCourse(t, staff, term.id, { title: '书法入门' });
    clock.set('2026-03-06T02:00:00.000Z');
    const draw = await t.app.inject({ method: 'POST', url: `/api/v1/night-school/admin/terms/${term.id}/draw`, headers: bearer(staff) });
    expect(draw.statusCode).toBe(200);
    expectError(await patch(term.id, { closesAt: '2026-03-08T14:00:00.000Z' }), 409, 'TERM_CLOSES_LOCKED');
    expect((await patch(term.id, { name: '已摇号学期（更名）' })).json()).toMatchObject({ name: '已摇号学期（更名）', phase: 'drawn' });
  });

  it("for another organization's staff, answers 404 like a missing term", async () => {
    clock.set('2026-02-20T02:00:00.000Z');
    const term = await createTerm(t, staff, { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES }, '别处学期');
    const [other] = await t.db.query<{ id: string }>(`SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name LIKE '%普陀%'`);
    const stranger = await loginStaff(t, 'ns-other-org', [other.id]);
    expectError(await patch(term.id, { name: '抢改' }, stranger), 404, 'TERM_NOT_FOUND');
    expectError(await patch('999999', { name: '不存在' }), 404, 'TERM_NOT_FOUND');
  });
});
