// Editing a course after creation: anything may change, but the schedule only until the first
// session begins, capacity never below the seats taken, and everyone still in the course hears of
// a new time or place in 消息.
import { bearer, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { act, apply, createCourse, createTerm, expectError, organizer, residents } from './fixture';

// Window: 2026-03-01 10:00 – 2026-03-05 22:00 Shanghai; the course starts Tuesday 2026-03-10 19:00.
const OPENS = '2026-03-01T02:00:00.000Z';
const CLOSES = '2026-03-05T14:00:00.000Z';

describe(`PATCH /api/v1/night-school/admin/courses/:id (${DB_KIND})`, () => {
  const clock = testClock('2026-02-20T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let termId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t, 'ns-course-editor');
    termId = (
      await createTerm(
        t,
        staff,
        { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES },
        '改课学期',
      )
    ).id;
  });
  afterAll(async () => t.close());

  const patch = (id: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/night-school/admin/courses/${id}`,
      headers: bearer(staff),
      payload,
    });
  const inbox = async (token: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(token) }))
      .json()
      .items.filter((m: { kind: string }) => m.kind === 'course_change')
      .map((m: { title: string; body: string; link: string }) => [m.title, m.body, m.link]);

  it('moves the schedule and the venue before the first session, and tells everyone still in the course', async () => {
    clock.set('2026-03-02T02:00:00.000Z');
    const course = await createCourse(t, staff, termId, { title: '城市速写', capacity: 2 });
    const [seated, alsoSeated, gone] = await residents(t, 3, 'ns-edit-course-');
    const answers = [];
    for (const p of [seated, alsoSeated, gone]) answers.push(await apply(t, p.token, course.id));
    expect(answers.map((a) => a.json().status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect((await act(t, gone.token, answers[2].json().id, 'withdraw')).statusCode).toBe(200);

    const res = await patch(course.id, {
      weekday: 4,
      startTime: '18:30',
      endTime: '20:00',
      startDate: '2026-03-12',
      sessions: 6,
      category: '艺术',
      venueName: '徐汇青年活动中心二楼',
      venueAddress: '上海市徐汇区漕溪北路336号2楼',
      lat: 31.1887,
      lng: 121.4372,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      weekday: 4,
      startTime: '18:30',
      endTime: '20:00',
      startDate: '2026-03-12',
      sessions: 6,
      category: '艺术',
      venueName: '徐汇青年活动中心二楼',
      lat: 31.1887,
      capacity: 2,
      taken: 2,
    });
    expect(res.json().sessionDates).toEqual([
      '2026-03-12',
      '2026-03-19',
      '2026-03-26',
      '2026-04-02',
      '2026-04-09',
      '2026-04-16',
    ]);

    const told = [
      '夜校课程有变更',
      '「城市速写」上课时间改为每周四 18:30–20:00，共6次，3月12日 周四开课；上课地点改为徐汇青年活动中心二楼（上海市徐汇区漕溪北路336号2楼）。',
      `/features/night-school/pages/course/index?id=${course.id}`,
    ];
    expect(await inbox(seated.token)).toEqual([told]);
    expect(await inbox(alsoSeated.token)).toEqual([told]);
    expect(await inbox(gone.token)).toEqual([]);

    const [entry] = await t.db.query<{ before: any; after: any }>(
      `SELECT before, after FROM audit_log WHERE action = 'night_school.course.update' AND entity_id = $1`,
      [course.id],
    );
    expect(entry.before).toMatchObject({
      weekday: 2,
      start_time: '19:00',
      category: '手工',
      venue_name: '徐汇青年活动中心',
    });
    expect(entry.after).toMatchObject({
      weekday: 4,
      start_time: '18:30',
      category: '艺术',
      venue_name: '徐汇青年活动中心二楼',
    });
    expect(Object.keys(entry.after)).not.toContain('teacher'); // only what changed
  });

  it('changes the teacher or the words without bothering anyone', async () => {
    clock.set('2026-03-02T02:00:00.000Z');
    const course = await createCourse(t, staff, termId, { title: '咖啡手冲' });
    const [p] = await residents(t, 1, 'ns-edit-words-');
    expect((await apply(t, p.token, course.id)).statusCode).toBe(201);
    const res = await patch(course.id, {
      teacher: '顾一鸣',
      description: '自带杯子',
      title: '咖啡手冲与拉花',
    });
    expect(res.json()).toMatchObject({
      teacher: '顾一鸣',
      description: '自带杯子',
      title: '咖啡手冲与拉花',
    });
    expect(await inbox(p.token)).toEqual([]);
  });

  it('once the first session began, refuses a new schedule (409 COURSE_STARTED) but still moves the venue', async () => {
    clock.set('2026-03-02T02:00:00.000Z');
    const course = await createCourse(t, staff, termId, { title: '普通话朗诵' });
    const [p] = await residents(t, 1, 'ns-edit-started-');
    expect((await apply(t, p.token, course.id)).statusCode).toBe(201);
    clock.set('2026-03-10T11:00:00.000Z'); // 19:00 Shanghai on the first Tuesday
    expectError(
      await patch(course.id, { startTime: '19:30', endTime: '21:00' }),
      409,
      'COURSE_STARTED',
    );
    const [row] = await t.db.query<{ start_time: string }>(
      'SELECT start_time FROM ns_courses WHERE id = $1',
      [course.id],
    );
    expect(row.start_time).toBe('19:00');
    const moved = await patch(course.id, { venueName: '徐汇青年活动中心三楼', startTime: '19:00' });
    expect(moved.statusCode).toBe(200);
    expect(await inbox(p.token)).toEqual([
      [
        '夜校课程有变更',
        '「普通话朗诵」上课地点改为徐汇青年活动中心三楼（上海市徐汇区漕溪北路336号）。',
        expect.any(String),
      ],
    ]);
  });

  describe('bad input changes nothing', () => {
    let courseId: string;
    beforeAll(async () => {
      clock.set('2026-03-02T02:00:00.000Z');
      courseId = (await createCourse(t, staff, termId, { title: '不变的课' })).id;
    });
    afterAll(async () => {
      const [row] = await t.db.query<{ title: string; start_date: string; end_time: string }>(
        'SELECT title, start_date, end_time FROM ns_courses WHERE id = $1',
        [courseId],
      );
      expect(row).toEqual({ title: '不变的课', start_date: '2026-03-10', end_time: '20:30' });
    });

    it('a first session moved into the past: 400 SCHEDULE_IN_PAST', async () => {
      expectError(
        await patch(courseId, { startDate: '2026-02-23', weekday: 1 }),
        400,
        'SCHEDULE_IN_PAST',
      );
    });
    it('a class that ends before it starts: 400 SLOT_INVALID', async () => {
      expectError(await patch(courseId, { endTime: '18:00' }), 400, 'SLOT_INVALID');
    });
    it('a date that does not exist: 400 START_DATE_INVALID', async () => {
      expectError(await patch(courseId, { startDate: '2026-02-30' }), 400, 'START_DATE_INVALID');
      expectError(await patch(courseId, { startDate: '2026-13-45' }), 400, 'START_DATE_INVALID'); // not a date at all
    });
    it('a title of blanks: 400 COURSE_TEXT_BLANK', async () => {
      expectError(await patch(courseId, { title: '    ' }), 400, 'COURSE_TEXT_BLANK');
    });
    it('zero sessions or capacity: 400 SESSIONS_INVALID / CAPACITY_INVALID', async () => {
      expectError(await patch(courseId, { sessions: 0 }), 400, 'SESSIONS_INVALID');
      expectError(await patch(courseId, { capacity: 0 }), 400, 'CAPACITY_INVALID');
    });
    it('a field that is not a course field: 400 from validation', async () => {
      const res = await patch(courseId, { termId: '1' });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    });
  });
});
