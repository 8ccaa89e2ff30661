// 我的 · 即将开始: the next 30 days across the four services for one person, in time order —
// a stay, a childcare period, each coming night-school session, a volunteer shift — and nothing of
// anyone else's, nothing cancelled, nothing already over.
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from '../childcare/fixtures';
import { apply, createCourse, createTerm, organizer } from '../night-school/fixture';
import { book, roomTypeId, stationIds } from '../station/station-helper';
import { createShift, createTask, signUp, teamOrganizer } from '../volunteer/fixtures';

describe(`GET /api/v1/me/upcoming (${DB_KIND})`, () => {
  const clock = testClock(AFTER_OPEN);
  let t: TestApp;
  let parent: { userId: string; token: string; childIds: string[] };
  let other: { userId: string; token: string; childIds: string[] };

  const upcoming = async (token: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/upcoming',
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(200);
    return res.json().items as Array<Record<string, string>>;
  };

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    [parent, other] = await makeFamilies(t, 'upc', 2);
    await t.db.query(
      `UPDATE users SET name = '青年' || id, birth_date = '2000-05-01', gender = 'male',
         phone = '13800138000', phone_masked = '138****8000' WHERE id = ANY($1::bigint[])`,
      [[parent.userId, other.userId]],
    );

    // childcare: the period runs 2027-01-25 to 02-05; enrolled in the rush on 1 December
    const catalogue = await makeCatalogue(t);
    const classId = await makeClass(t, catalogue, { capacity: 5, name: '二年级班' });
    expect((await enrollReq(t, parent.token, classId, parent.childIds)).statusCode).toBe(201);

    // night school: first come, weekly on Tuesdays from 2027-01-19, six sessions (the sixth, on
    // 23 February, is past the 30 days from 20 January)
    const staff = await organizer(t);
    const term = await createTerm(t, staff, {
      allocation: 'first_come',
      opensAt: '2026-11-30T00:00:00.000Z',
      closesAt: '2027-01-10T00:00:00.000Z',
    });
    const course = await createCourse(t, staff, term.id, {
      title: '摄影入门',
      startDate: '2027-01-19',
      weekday: 2,
      sessions: 6,
      startTime: '19:00',
      endTime: '20:30',
    });
    expect((await apply(t, parent.token, course.id)).json().status).toBe('confirmed');

    // volunteer: one shift kept, one cancelled (not shown)
    const { token: lead, teamId } = await teamOrganizer(t);
    const task = await createTask(t, lead, teamId, { title: '河道巡查' });
    const kept = await createShift(t, lead, task.id, {
      startsAt: '2027-01-23T01:00:00Z',
      endsAt: '2027-01-23T03:00:00Z',
    });
    const dropped = await createShift(t, lead, task.id, {
      startsAt: '2027-01-24T01:00:00Z',
      endsAt: '2027-01-24T03:00:00Z',
    });
    expect((await signUp(t, parent.token, kept.id)).statusCode).toBe(201);
    const gone = await signUp(t, parent.token, dropped.id);
    const cancel = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/volunteer/signups/${gone.json().id}`,
      headers: bearer(parent.token),
    });
    expect(cancel.statusCode).toBeLessThan(300);

    // the stay is booked on the day before it, 20 January
    clock.set('2027-01-20T10:00:00+08:00');
    await t.app.jobs.runJob('station-inventory');
    const ids = await stationIds(t);
    const stay = await book(t, parent.token, ids.a, {
      roomTypeId: await roomTypeId(t, ids.a, 'twin'),
      checkIn: '2027-01-21',
      nights: 2,
    });
    expect(stay.statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it('lists the stay, the period, each coming session and the shift, in time order', async () => {
    const items = await upcoming(parent.token);
    expect(items.map((i) => [i.kind, i.startsAt])).toEqual([
      ['stay', '2027-01-21T06:00:00.000Z'], // 14:00 on the 21st
      ['shift', '2027-01-23T01:00:00.000Z'],
      ['childcare', '2027-01-25T00:00:00.000Z'], // drop-off from 08:00
      ['session', '2027-01-26T11:00:00.000Z'], // 19:00; session 1 (the 19th) is over
      ['session', '2027-02-02T11:00:00.000Z'],
      ['session', '2027-02-09T11:00:00.000Z'],
      ['session', '2027-02-16T11:00:00.000Z'],
    ]);
    expect(items[0]).toMatchObject({
      endsAt: '2027-01-23T04:00:00.000Z', // leave by 12:00 on the 23rd
      url: '/features/station/pages/mine/index',
    });
    expect(items[1]).toMatchObject({ title: '河道巡查', endsAt: '2027-01-23T03:00:00.000Z' });
    expect(items[2].title).toBe('二年级班 · 第一期');
    expect(items[3]).toMatchObject({
      title: '摄影入门 · 第2次课',
      place: '徐汇青年活动中心',
      endsAt: '2027-01-26T12:30:00.000Z',
    });
  });

  it('keeps what is under way and drops what is over', async () => {
    clock.set('2027-02-03T10:00:00+08:00'); // the period runs to 5 February; stay and shift are over
    let items = await upcoming(parent.token);
    expect(items.map((i) => i.key)).toEqual([
      expect.stringMatching(/^childcare-\d+$/),
      expect.stringMatching(/^session-\d+-4$/),
      expect.stringMatching(/^session-\d+-5$/),
      expect.stringMatching(/^session-\d+-6$/),
    ]);
    clock.set('2027-02-16T20:00:00+08:00'); // during the fifth session
    items = await upcoming(parent.token);
    expect(items.map((i) => i.key)).toEqual([
      expect.stringMatching(/^session-\d+-5$/),
      expect.stringMatching(/^session-\d+-6$/),
    ]);
    clock.set('2027-01-20T10:00:00+08:00');
  });

  it("shows nobody else's, and nothing to a person with nothing booked", async () => {
    expect(await upcoming(other.token)).toEqual([]);
    expect(await upcoming(await login(t.app, 'upc-stranger'))).toEqual([]);
  });
});
