// Check-in opens on the session's day only: from 30 minutes before the start until the end, on the
// server's clock. Outside it the organizer's screen offers no code, a code signed by the server is
// still refused, and staff cannot mark a session that has not begun.
import { signToken } from '../../../server/src/lib/signed-token';
import { CHECKIN_PURPOSE } from '../../../server/src/modules/night-school/attendance';
import { bearer, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { apply, createCourse, createTerm, expectError, organizer, residents } from './fixture';

// Saturdays 19:00–20:30 (Beijing) from 2026-12-12, four sessions; today is 12月2日.
describe(`night school, check-in window (${DB_KIND})`, () => {
  const clock = testClock('2026-12-01T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let course: { id: string; sessionDates: string[] };
  let alice: { id: string; token: string };
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    const term = await createTerm(t, staff, {
      allocation: 'first_come',
      opensAt: '2026-12-01T00:00:00.000Z',
      closesAt: '2026-12-10T00:00:00.000Z',
    });
    course = await createCourse(t, staff, term.id, {
      startDate: '2026-12-12',
      weekday: 6,
      sessions: 4,
    });
    [alice] = await residents(t, 1, 'win-');
    expect((await apply(t, alice.token, course.id)).json().status).toBe('confirmed');
  });
  afterAll(async () => t.close());

  const code = (no: number) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/night-school/admin/courses/${course.id}/sessions/${no}/code`,
      headers: bearer(staff),
    });
  const checkIn = (c: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/night-school/checkins',
      headers: bearer(alice.token),
      payload: { code: c },
    });
  const markByHand = (no: number) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/night-school/admin/courses/${course.id}/sessions/${no}/attendance`,
      headers: bearer(staff),
      payload: { userId: alice.id, status: 'present' },
    });
  /** A genuine, unexpired code the server signed: only the window can refuse it. */
  const signed = (no: number) =>
    signToken(t.app.codeSecret, {
      p: CHECKIN_PURPOSE,
      s: `${course.id}:${no}`,
      exp: Math.floor(clock.now().getTime() / 1000) + 60,
    });

  it('on 12月2日 the screen shows when session 1 opens, and no code', async () => {
    clock.set('2026-12-02T02:00:00.000Z'); // 10:00 Beijing
    const res = await code(1);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sessionNo: 1,
      date: '2026-12-12',
      opensAt: '2026-12-12T10:30:00.000Z', // 18:30 Beijing
      closesAt: '2026-12-12T12:30:00.000Z', // 20:30
      state: 'not_open',
      code: null,
      qrDataUrl: null,
      wxacodeUrl: null,
      expiresAt: null,
      pin: null,
    });
  });

  it('on 12月2日 a code for session 1 is refused: 409 CHECKIN_NOT_OPEN with the opening time', async () => {
    const res = await checkIn(signed(1));
    expectError(res, 409, 'CHECKIN_NOT_OPEN');
    expect(res.json().message).toBe('第1次课的签到将于12月12日 18:30开放');
  });

  it('on 12月2日 staff cannot mark session 1 by hand: 409 SESSION_NOT_STARTED', async () => {
    const res = await markByHand(1);
    expectError(res, 409, 'SESSION_NOT_STARTED');
    expect(res.json().message).toBe('第1次课12月12日 19:00开始，开始后才能记录出勤');
  });

  it('at 18:29 on the day it is still closed; at 18:30 the code appears and works', async () => {
    clock.set('2026-12-12T10:29:00.000Z');
    expect((await code(1)).json()).toMatchObject({ state: 'not_open', code: null });
    expectError(await checkIn(signed(1)), 409, 'CHECKIN_NOT_OPEN');

    clock.set('2026-12-12T10:30:00.000Z');
    const open = (await code(1)).json();
    expect(open).toMatchObject({ state: 'open', qrDataUrl: expect.stringMatching(/^data:image/) });
    expect(open.pin).toMatch(/^\d{6}$/);
    const res = await checkIn(open.code);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ sessionNo: 1, alreadyCheckedIn: false });
  });

  it('before the start, staff still cannot mark by hand; from 19:00 they can, session 2 not yet', async () => {
    clock.set('2026-12-12T10:59:00.000Z'); // 18:59
    expectError(await markByHand(1), 409, 'SESSION_NOT_STARTED');
    clock.set('2026-12-12T11:00:00.000Z'); // 19:00
    expect((await markByHand(1)).statusCode).toBe(200);
    expectError(await markByHand(2), 409, 'SESSION_NOT_STARTED');
    const roster = await t.app.inject({
      method: 'GET',
      url: `/api/v1/night-school/admin/courses/${course.id}/roster`,
      headers: bearer(staff),
    });
    expect(roster.json().sessionsBegun).toBe(1);
  });

  it('a code shown at 20:29:30 is refused at 20:30 (409 CHECKIN_CLOSED), and the screen offers none', async () => {
    clock.set('2026-12-12T12:29:30.000Z');
    const last = (await code(1)).json();
    expect(last.state).toBe('open');
    clock.set('2026-12-12T12:30:00.000Z'); // the code's own 90 s have not run out
    const res = await checkIn(last.code);
    expectError(res, 409, 'CHECKIN_CLOSED');
    expect(res.json().message).toContain('12月12日 20:30结束');
    expect((await code(1)).json()).toMatchObject({ state: 'closed', code: null, pin: null });
  });

  it('after the session staff may still mark it by hand (late corrections)', async () => {
    clock.set('2026-12-13T02:00:00.000Z');
    expect((await markByHand(1)).statusCode).toBe(200);
  });
});
