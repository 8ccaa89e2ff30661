// Check-out closes checkoutCloseAfterMin (120 by default) after the shift ends. Through the API,
// as the phone does it: the organizer's screen shows the rotating code of that moment, the
// volunteer scans it and sends it with the phone's position.
import { DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import {
  checkin,
  code,
  createShift,
  createTask,
  nonce,
  PLACE,
  signUp,
  teamOrganizer,
} from './fixtures';

// Shift: 2026-12-05 09:00–11:30 Shanghai; check-out closes at 13:30 (05:30 UTC).
const START = '2026-12-05T01:00:00Z';
const END = '2026-12-05T03:30:00Z';

describe(`volunteer check-out closes 2 h after the shift ends (${DB_KIND})`, () => {
  const clock = testClock('2026-12-01T00:00:00Z');
  let t: TestApp;
  let organizer: string;
  let shiftId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const o = await teamOrganizer(t);
    organizer = o.token;
    const task = await createTask(t, organizer, o.teamId);
    shiftId = (await createShift(t, organizer, task.id, { startsAt: START, endsAt: END })).id;
  });
  afterAll(async () => t.close());

  /** The volunteer scans the code on the organizer's screen at the current instant. */
  const scan = async (token: string, kind: 'in' | 'out') =>
    checkin(t, token, {
      shiftId,
      kind,
      nonce: nonce(),
      token: await code(t, organizer, shiftId),
      lat: PLACE.lat,
      lng: PLACE.lng,
    });

  async function checkedIn(openid: string): Promise<string> {
    const token = await login(t.app, openid);
    clock.set('2026-12-01T00:00:00Z');
    expect((await signUp(t, token, shiftId)).statusCode).toBe(201);
    clock.set('2026-12-05T00:55:00Z');
    expect((await scan(token, 'in')).statusCode).toBe(200);
    return token;
  }

  it('takes a check-out at 13:30, the last minute', async () => {
    const me = await checkedIn('co-on-time');
    clock.set('2026-12-05T05:30:00Z');
    const res = await scan(me, 'out');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'out', hours: 2.5 });
  });

  it('refuses a check-out at 13:31 with CHECKIN_WINDOW_CLOSED, naming the window, and records no hours', async () => {
    const me = await checkedIn('co-too-late');
    clock.set('2026-12-05T05:31:00Z');
    const res = await scan(me, 'out');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'CHECKIN_WINDOW_CLOSED',
      message: expect.stringContaining('签退时间为'),
    });
    expect(res.json().message).toContain('13:30');
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM volunteer_checkins c JOIN volunteer_signups s ON s.id = c.signup_id JOIN users u ON u.id = s.user_id
       WHERE u.openid = 'dev:co-too-late' AND c.kind = 'out'`,
    );
    expect(n).toBe(0);
  });
});
