// H5 check-in by the 6-digit code shown beside the QR: right, wrong, another course's, a week-old
// one, without a seat, outside the window, and a guesser stopped by the per-person limit.
import { ABUSE_LIMITS } from '../../../server/src/plugins/rate-limit';
import { PIN_SLOT_SECONDS } from '../../../server/src/modules/night-school/checkin-pin';
import { bearer, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import { apply, createCourse, createTerm, expectError, organizer, residents } from './fixture';

type Resident = { id: string; token: string };

// Two courses at the same hour: Saturdays 19:00–20:30 (Beijing) from 2026-12-12.
describe(`night school, 6-digit check-in code (${DB_KIND})`, () => {
  const clock = testClock('2026-12-01T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let pottery: { id: string };
  let dance: { id: string };
  let people: Resident[];
  beforeAll(async () => {
    // the real per-person limit, not the generous one other stories run with
    t = await makeApp({ now: clock.now, abuseLimits: { checkinPin: ABUSE_LIMITS.checkinPin } });
    staff = await organizer(t);
    const term = await createTerm(t, staff, {
      allocation: 'first_come',
      opensAt: '2026-12-01T00:00:00.000Z',
      closesAt: '2026-12-10T00:00:00.000Z',
    });
    const saturdays = { startDate: '2026-12-12', weekday: 6, sessions: 4 };
    pottery = await createCourse(t, staff, term.id, { ...saturdays, title: '陶艺' });
    dance = await createCourse(t, staff, term.id, { ...saturdays, title: '街舞' });
    people = await residents(t, 6, 'pin-');
    // everyone holds a pottery seat except the last; the first also dances
    for (const p of people.slice(0, 5)) await apply(t, p.token, pottery.id);
    await apply(t, people[0].token, dance.id);
  });
  afterAll(async () => t.close());

  const screen = async (courseId: string, no = 1) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/night-school/admin/courses/${courseId}/sessions/${no}/code`,
        headers: bearer(staff),
      })
    ).json();
  const typePin = (who: Resident, courseId: string, pin: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/night-school/checkins/pin',
      headers: bearer(who.token),
      payload: { courseId, pin },
    });
  const wrong = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, '0');

  it('outside the window there is no code, and a typed one is refused with the opening time', async () => {
    clock.set('2026-12-02T02:00:00.000Z'); // 12月2日
    expect((await screen(pottery.id)).pin).toBeNull();
    const res = await typePin(people[1], pottery.id, '123456');
    expectError(res, 409, 'CHECKIN_NOT_OPEN');
    expect(res.json().message).toBe('第1次课的签到将于12月12日 18:30开放');
  });

  it('the right code checks the student into the session open now; typing it again says so', async () => {
    clock.set('2026-12-12T10:50:00.000Z'); // 18:50
    const { pin } = await screen(pottery.id);
    const res = await typePin(people[0], pottery.id, pin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      courseId: pottery.id,
      courseTitle: '陶艺',
      sessionNo: 1,
      alreadyCheckedIn: false,
    });
    expect((await typePin(people[0], pottery.id, pin)).json().alreadyCheckedIn).toBe(true);
  });

  it('a wrong code is 400 CHECKIN_PIN_WRONG and marks nothing', async () => {
    const { pin } = await screen(pottery.id);
    expectError(await typePin(people[1], pottery.id, wrong(pin)), 400, 'CHECKIN_PIN_WRONG');
    const roster = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/night-school/admin/courses/${pottery.id}/roster`,
        headers: bearer(staff),
      })
    ).json();
    const row = roster.items.find((r: { userId: string }) => r.userId === people[1].id);
    expect(row.marks[0]).toBeNull();
  });

  it('the code of another course at the same hour does not check into this one', async () => {
    const potteryPin = (await screen(pottery.id)).pin;
    const dancePin = (await screen(dance.id)).pin;
    expect(dancePin).not.toBe(potteryPin);
    expectError(await typePin(people[0], dance.id, potteryPin), 400, 'CHECKIN_PIN_WRONG');
    expect((await typePin(people[0], dance.id, dancePin)).statusCode).toBe(200);
  });

  it('without a seat in the course the right code is refused: 403 NOT_ENROLLED', async () => {
    const { pin } = await screen(pottery.id);
    expectError(await typePin(people[5], pottery.id, pin), 403, 'NOT_ENROLLED');
    expectError(await typePin(people[5], '999999', pin), 404, 'COURSE_NOT_FOUND');
  });

  it('a code read just before the screen turns still works one slot later, not two', async () => {
    const { pin } = await screen(pottery.id);
    clock.advance(PIN_SLOT_SECONDS * 1000);
    expect((await screen(pottery.id)).pin).not.toBe(pin);
    expect((await typePin(people[2], pottery.id, pin)).statusCode).toBe(200);
    clock.advance(PIN_SLOT_SECONDS * 1000);
    expectError(await typePin(people[3], pottery.id, pin), 400, 'CHECKIN_PIN_WRONG');
  });

  it('a week later, session 1’s code is not session 2’s', async () => {
    clock.set('2026-12-12T11:30:00.000Z');
    const first = (await screen(pottery.id, 1)).pin;
    clock.set('2026-12-19T11:30:00.000Z');
    const second = (await screen(pottery.id, 2)).pin;
    expect(second).not.toBe(first);
    expectError(await typePin(people[3], pottery.id, first), 400, 'CHECKIN_PIN_WRONG');
    const res = await typePin(people[3], pottery.id, second);
    expect(res.json()).toMatchObject({ sessionNo: 2, alreadyCheckedIn: false });
  });

  it('a guesser gets 10 tries in 10 minutes: the 11th is 429 even with the right code; others are unaffected', async () => {
    const { pin } = await screen(pottery.id, 2);
    const guesser = people[4];
    for (let i = 0; i < ABUSE_LIMITS.checkinPin.perUser; i++) {
      const guess = String((Number(pin) + 1 + i) % 1_000_000).padStart(6, '0');
      expectError(await typePin(guesser, pottery.id, guess), 400, 'CHECKIN_PIN_WRONG');
    }
    const res = await typePin(guesser, pottery.id, pin);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // nothing recorded for the guesser; another student's right code goes through
    const me = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/night-school/me',
        headers: bearer(guesser.token),
      })
    ).json();
    expect(me.items[0].attendance.some((a: { status: string }) => a.status === 'present')).toBe(
      false,
    );
    expect((await typePin(people[1], pottery.id, pin)).statusCode).toBe(200);
  });

  it('refuses a code that is not six digits (400)', async () => {
    const res = await typePin(people[1], pottery.id, '12345');
    expect(res.statusCode).toBe(400);
  });
});
