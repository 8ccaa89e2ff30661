// The evening before each night-school session, every confirmed learner is reminded once, in
// 消息: from 18:00 Beijing time on the day before (never just after midnight), not the day of a
// session already begun, not a learner who withdrew, and once however often the job runs.
import { bearer, DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { apply, createCourse, createTerm, organizer, residents } from './fixture';

describe(`night school, session reminders (${DB_KIND})`, () => {
  const clock = testClock('2026-02-10T02:00:00.000Z');
  let t: TestApp;
  let learner: { id: string; token: string };
  let waiting: { id: string; token: string };

  const reminders = async (token: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(token) }))
      .json()
      .items.filter((m: { kind: string }) => m.kind === 'session_reminder');
  const runAt = async (iso: string) => {
    clock.set(iso);
    await t.app.jobs.runJob('night-school.session-reminders');
  };

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const staff = await organizer(t);
    const term = await createTerm(t, staff, {
      allocation: 'first_come',
      opensAt: '2026-02-10T00:00:00.000Z',
      closesAt: '2026-02-20T00:00:00.000Z',
    });
    // Tuesdays 19:00–20:30 from 3 March, three sessions, one seat
    const course = await createCourse(t, staff, term.id, {
      title: '书法入门',
      capacity: 1,
      startDate: '2026-03-03',
      weekday: 2,
      sessions: 3,
    });
    [learner, waiting] = await residents(t, 2, 'rem-');
    expect((await apply(t, learner.token, course.id)).json().status).toBe('confirmed');
    expect((await apply(t, waiting.token, course.id)).json().status).not.toBe('confirmed');
  });
  afterAll(async () => t.close());

  it('reminds from 18:00 the evening before, once, and only the confirmed learner', async () => {
    await runAt('2026-03-01T16:10:00.000Z'); // 00:10 on 2 March, the day before
    await runAt('2026-03-02T09:59:00.000Z'); // 17:59
    expect(await reminders(learner.token)).toEqual([]);
    await runAt('2026-03-02T10:00:00.000Z'); // 18:00
    await runAt('2026-03-02T10:10:00.000Z');
    expect(await reminders(learner.token)).toEqual([
      expect.objectContaining({
        title: '明天上课：书法入门',
        body: '第1次课 3月3日 周二 19:00–20:30，地点：徐汇青年活动中心（上海市徐汇区漕溪北路336号）。到场后扫码签到。',
        link: '/features/night-school/pages/mine/index',
      }),
    ]);
    expect(await reminders(waiting.token)).toEqual([]);
  });

  it('catches up on the day for a reminder the jobs missed, but never after the session began', async () => {
    // the jobs were down on the evening of 9 March: session 2 is reminded on the 10th itself
    await runAt('2026-03-10T02:00:00.000Z'); // 10:00 on the day
    expect((await reminders(learner.token)).map((m: { title: string }) => m.title)).toContain(
      '今天上课：书法入门',
    );
    // session 3 (17 March): the jobs come back only after it began — no reminder then
    await runAt('2026-03-17T11:30:00.000Z'); // 19:30
    expect(await reminders(learner.token)).toHaveLength(2);
  });
});
