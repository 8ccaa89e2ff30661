// Skills: a shift may ask for skills, a volunteer lists theirs, and the task list puts the tasks
// with a matching shift first (then soonest first, as before).
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import { createShift, createTask, teamOrganizer, V } from './fixtures';

const clock = testClock('2026-12-01T00:00:00Z');
// this story's tasks, among whatever else the list holds
const MINE = ['社区清扫', '马拉松医疗保障'];

describe(`volunteer skills (${DB_KIND})`, () => {
  let t: TestApp;
  let me: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const o = await teamOrganizer(t);
    const soon = await createTask(t, o.token, o.teamId, { title: '社区清扫' });
    await createShift(t, o.token, soon.id, {
      startsAt: '2026-12-05T01:00:00Z',
      endsAt: '2026-12-05T03:00:00Z',
    });
    const later = await createTask(t, o.token, o.teamId, { title: '马拉松医疗保障' });
    const shift = await createShift(t, o.token, later.id, {
      startsAt: '2026-12-06T01:00:00Z',
      endsAt: '2026-12-06T03:00:00Z',
      skills: ['急救', ' 急救 '],
    });
    expect(shift.skills).toEqual(['急救']);
    me = await login(t.app, 'medic');
  });
  afterAll(async () => t.close());

  const titles = async (tok: string) =>
    (await t.app.inject({ method: 'GET', url: `${V}/tasks`, headers: bearer(tok) }))
      .json()
      .items.map((x: { title: string }) => x.title)
      .filter((x: string) => MINE.includes(x));
  const putSkills = (payload: object) =>
    t.app.inject({ method: 'PUT', url: `${V}/me/skills`, headers: bearer(me), payload });

  it('lists soonest first for a volunteer without skills', async () => {
    expect(await titles(me)).toEqual(['社区清扫', '马拉松医疗保障']);
  });

  it('puts the shift asking for my skill first once my profile lists it', async () => {
    const res = await putSkills({ skills: ['急救', '急救 ', '手语'] });
    expect(res.json()).toEqual({ skills: ['急救', '手语'] });
    expect(
      (await t.app.inject({ method: 'GET', url: `${V}/me/skills`, headers: bearer(me) })).json(),
    ).toEqual({ skills: ['急救', '手语'] });
    const items = (await t.app.inject({ method: 'GET', url: `${V}/tasks`, headers: bearer(me) }))
      .json()
      .items.filter((x: { title: string }) => MINE.includes(x.title));
    expect(items.map((x: { title: string }) => x.title)).toEqual(['马拉松医疗保障', '社区清扫']);
    expect(items[0].shifts[0]).toMatchObject({ skills: ['急救'], skillMatch: true });
    expect(items[1].shifts[0]).toMatchObject({ skills: [], skillMatch: false });
    // someone else's list is unchanged
    expect(await titles(await login(t.app, 'other'))).toEqual(['社区清扫', '马拉松医疗保障']);
  });

  it('refuses more than 10 skills, an empty one and unknown fields (400)', async () => {
    expect(
      (await putSkills({ skills: Array.from({ length: 11 }, (_, i) => `技能${i}`) })).statusCode,
    ).toBe(400);
    expect((await putSkills({ skills: [''] })).statusCode).toBe(400);
    expect((await putSkills({ skills: [], extra: 1 })).statusCode).toBe(400);
  });
});
