// Tasks, shifts and sign-ups: browsing with filters, organizer scoping, overlap, cancel cut-off.
import { bearer, DB_KIND, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import {
  COMMITTEE,
  createShift,
  createTask,
  orgId,
  OTHER_TEAM,
  PLACE,
  signUp,
  teamOrganizer,
  V,
} from './fixtures';

const clock = testClock('2026-12-01T00:00:00Z');

describe(`/api/v1/volunteer tasks and sign-ups (${DB_KIND})`, () => {
  let t: TestApp;
  let organizer: string;
  let teamId: string;
  let task: { id: string };
  let near: { id: string };
  let far: { id: string };
  let me: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    ({ token: organizer, teamId } = await teamOrganizer(t));
    task = await createTask(t, organizer, teamId, {
      title: '苏州河巡河',
      category: '环境保护',
      cancelCutoffMin: 120,
    });
    near = await createShift(t, organizer, task.id, {
      startsAt: '2026-12-05T01:00:00Z',
      endsAt: '2026-12-05T03:30:00Z',
      needed: 2,
    });
    // ~22 km away in 松江
    far = await createShift(t, organizer, task.id, {
      startsAt: '2026-12-06T01:00:00Z',
      endsAt: '2026-12-06T03:00:00Z',
      place: '松江大学城',
      lat: 31.05,
      lng: 121.22,
    });
    me = await login(t.app, 'browser');
  });
  afterAll(async () => t.close());

  const get = (url: string, tok = me) =>
    t.app.inject({ method: 'GET', url: `${V}${url}`, headers: bearer(tok) });

  describe('POST /api/v1/volunteer/tasks', () => {
    it('answers 404 to staff of another organization, exactly like a missing one', async () => {
      const otherLead = await loginStaff(t, 'lecturer-lead', [await orgId(t, OTHER_TEAM)]);
      const res = await t.app.inject({
        method: 'POST',
        url: `${V}/tasks`,
        headers: bearer(otherLead),
        payload: { orgId: teamId, title: '越权项目' },
      });
      expect(res.statusCode).toBe(404);
      const shiftRes = await t.app.inject({
        method: 'POST',
        url: `${V}/tasks/${task.id}/shifts`,
        headers: bearer(otherLead),
        payload: {
          startsAt: '2026-12-05T01:00:00Z',
          endsAt: '2026-12-05T02:00:00Z',
          place: '某地某处',
          ...PLACE,
          needed: 1,
        },
      });
      expect([shiftRes.statusCode, shiftRes.json().code]).toEqual([404, 'TASK_NOT_FOUND']);
    });

    it('refuses a volunteer (403) and an organization that is not a team or committee (400)', async () => {
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `${V}/tasks`,
            headers: bearer(me),
            payload: { orgId: teamId, title: '我的项目' },
          })
        ).statusCode,
      ).toBe(403);
      const [{ id: stationId }] = await t.db.query<{ id: string }>(
        `SELECT id::text AS id FROM organizations WHERE kind = 'station' LIMIT 1`,
      );
      const staff = await loginStaff(t, 'station-lead', [stationId]);
      const res = await t.app.inject({
        method: 'POST',
        url: `${V}/tasks`,
        headers: bearer(staff),
        payload: { orgId: stationId, title: '驿站项目' },
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'ORG_NOT_VOLUNTEER']);
    });

    it('lets committee staff publish a task', async () => {
      const cid = await orgId(t, COMMITTEE);
      const staff = await loginStaff(t, 'committee-lead', [cid]);
      const res = await t.app.inject({
        method: 'POST',
        url: `${V}/tasks`,
        headers: bearer(staff),
        payload: { orgId: cid, title: '敬老月陪伴', category: '敬老助老' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        orgName: COMMITTEE,
        cancelCutoffMin: 120,
        checkinOpenBeforeMin: 30,
        shifts: [],
      });
    });

    it('refuses a shift that ends before it starts, and bad coordinates', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: `${V}/tasks/${task.id}/shifts`,
        headers: bearer(organizer),
        payload: {
          startsAt: '2026-12-05T03:00:00Z',
          endsAt: '2026-12-05T01:00:00Z',
          place: '长风公园',
          ...PLACE,
          needed: 1,
        },
      });
      expect([bad.statusCode, bad.json().message]).toEqual([400, '结束时间应晚于开始时间']);
      const coords = await t.app.inject({
        method: 'POST',
        url: `${V}/tasks/${task.id}/shifts`,
        headers: bearer(organizer),
        payload: {
          startsAt: '2026-12-05T01:00:00Z',
          endsAt: '2026-12-05T03:00:00Z',
          place: '长风公园',
          lat: 200,
          lng: 0,
          needed: 0,
        },
      });
      expect([coords.statusCode, coords.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('GET /api/v1/volunteer/tasks', () => {
    it('lists tasks with their shifts, needed and filled counts, and the distance from me', async () => {
      const res = await get(`/tasks?lat=${PLACE.lat + 0.002}&lng=${PLACE.lng}`);
      expect(res.statusCode).toBe(200);
      const mine = res.json().items.find((x: { id: string }) => x.id === task.id);
      expect(
        mine.shifts.map((s: { id: string; distanceM: number; needed: number; filled: number }) => [
          s.id,
          s.distanceM,
          s.needed,
          s.filled,
        ]),
      ).toEqual([
        [near.id, 222, 2, 0],
        [far.id, expect.any(Number), 10, 0],
      ]);
      expect(mine.shifts[1].distanceM).toBeGreaterThan(20_000);
    });

    it('filters by distance, date and category', async () => {
      // (the demo seed has shifts of this team too: look at this task's only)
      const shiftsOf = (items: { id: string; shifts: { id: string }[] }[]) =>
        items.filter((x) => x.id === task.id).flatMap((x) => x.shifts.map((s) => s.id));
      expect(
        shiftsOf(
          (await get(`/tasks?lat=${PLACE.lat}&lng=${PLACE.lng}&maxKm=5&orgId=${teamId}`)).json()
            .items,
        ),
      ).toEqual([near.id]);
      expect(shiftsOf((await get(`/tasks?date=2026-12-06&orgId=${teamId}`)).json().items)).toEqual([
        far.id,
      ]);
      expect(
        (await get(`/tasks?category=${encodeURIComponent('宣讲')}&orgId=${teamId}`)).json().items,
      ).toEqual([]);
    });

    it('answers 404 TASK_NOT_FOUND for an unknown task and 400 for a bad date', async () => {
      expect((await get('/tasks/999999')).json().code).toBe('TASK_NOT_FOUND');
      expect((await get('/tasks?date=12/06')).statusCode).toBe(400);
    });
  });

  describe('POST /api/v1/volunteer/shifts/:id/signups', () => {
    it('signs me up, shows it on the shift, and refuses the same shift twice', async () => {
      const res = await signUp(t, me, near.id);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ shiftId: near.id, status: 'active' });
      const task1 = (await get(`/tasks/${task.id}`)).json();
      expect(task1.shifts[0]).toMatchObject({ filled: 1, mySignupId: res.json().id });
      const again = await signUp(t, me, near.id);
      expect([again.statusCode, again.json().code]).toEqual([409, 'ALREADY_SIGNED_UP']);
    });

    it('shows the task to a visitor with no session (a shared card), with no sign-up of theirs', async () => {
      const res = await t.app.inject({ method: 'GET', url: `${V}/tasks/${task.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().title).toBe('苏州河巡河');
      expect(res.json().shifts[0]).toMatchObject({ filled: 1, mySignupId: null });
      // a session that is sent but bad is refused, so the phone signs in again
      const bad = await get(`/tasks/${task.id}`, 'not-a-token');
      expect([bad.statusCode, bad.json().code]).toEqual([401, 'UNAUTHORIZED']);
    });

    it('refuses an overlapping shift and names the one I already have', async () => {
      const overlapping = await createShift(t, organizer, task.id, {
        startsAt: '2026-12-05T03:00:00Z',
        endsAt: '2026-12-05T05:00:00Z',
      });
      const res = await signUp(t, me, overlapping.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('SHIFT_OVERLAP');
      expect(res.json().message).toBe('与您已报名的「苏州河巡河」（12月5日 09:00–11:30）时间重叠');
    });

    it('allows back-to-back shifts (end = next start)', async () => {
      const next = await createShift(t, organizer, task.id, {
        startsAt: '2026-12-05T03:30:00Z',
        endsAt: '2026-12-05T04:30:00Z',
      });
      expect((await signUp(t, me, next.id)).statusCode).toBe(201);
    });

    it('answers 404 for an unknown shift and 409 SHIFT_STARTED once it has begun', async () => {
      expect((await signUp(t, me, '999999')).statusCode).toBe(404);
      clock.set('2026-12-06T01:30:00Z');
      const res = await signUp(t, me, far.id);
      expect([res.statusCode, res.json().code]).toEqual([409, 'SHIFT_STARTED']);
      clock.set('2026-12-01T00:00:00Z');
    });
  });

  describe('DELETE /api/v1/volunteer/signups/:id', () => {
    it('cancels before the cut-off (2 h before the start) and frees the place', async () => {
      const other = await login(t.app, 'canceller');
      const signupId = (await signUp(t, other, near.id)).json().id;
      clock.set('2026-12-04T22:59:00Z'); // 06:59, start 09:00
      const res = await t.app.inject({
        method: 'DELETE',
        url: `${V}/signups/${signupId}`,
        headers: bearer(other),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('cancelled');
      expect((await get(`/tasks/${task.id}`)).json().shifts[0].filled).toBe(1);
      clock.set('2026-12-01T00:00:00Z');
    });

    it('refuses after the cut-off with the deadline in the message', async () => {
      const mine = (await get('/me/shifts'))
        .json()
        .items.find((s: { shift: { id: string } }) => s.shift.id === near.id);
      clock.set('2026-12-04T23:30:00Z'); // 07:30
      const res = await t.app.inject({
        method: 'DELETE',
        url: `${V}/signups/${mine.signupId}`,
        headers: bearer(me),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CANCEL_TOO_LATE');
      expect(res.json().message).toContain('12月5日 07:00');
      clock.set('2026-12-01T00:00:00Z');
    });

    it("answers 404 for someone else's sign-up", async () => {
      const mine = (await get('/me/shifts')).json().items[0];
      const stranger = await login(t.app, 'stranger');
      const res = await t.app.inject({
        method: 'DELETE',
        url: `${V}/signups/${mine.signupId}`,
        headers: bearer(stranger),
      });
      expect([res.statusCode, res.json().code]).toEqual([404, 'SIGNUP_NOT_FOUND']);
    });
  });

  describe('GET /api/v1/volunteer/me/shifts and the roster', () => {
    it('lists my shifts with the task, the cancel deadline and check-in state', async () => {
      const items = (await get('/me/shifts')).json().items;
      expect(
        items.map((i: { taskTitle: string; status: string }) => [i.taskTitle, i.status]),
      ).toEqual([
        ['苏州河巡河', 'active'],
        ['苏州河巡河', 'active'],
      ]);
      const nearOne = items.find((i: { shift: { id: string } }) => i.shift.id === near.id);
      expect(nearOne).toMatchObject({
        canCancelUntil: '2026-12-04T23:00:00.000Z',
        checkedInAt: null,
        hours: 0,
      });
    });

    it('shows the organizer the roster with masked phones only', async () => {
      const profile = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me',
        headers: bearer(me),
        payload: { name: '林小青', phone: '13812345678' },
      });
      expect(profile.statusCode).toBe(200);
      const res = await get(`/shifts/${near.id}/signups`, organizer);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('13812345678');
      expect(res.json().items).toEqual([
        expect.objectContaining({
          name: '林小青',
          phoneMasked: '138****5678',
          checkedInAt: null,
          hours: 0,
        }),
      ]);
    });
  });
});
