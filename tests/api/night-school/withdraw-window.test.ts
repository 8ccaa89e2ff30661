// Withdrawing an application is possible while the application window is open; once it has
// closed the applicant pool is fixed for the draw, and a withdrawal is 409 WITHDRAW_CLOSED.
import { DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { act, apply, createCourse, createTerm, expectError, organizer, residents } from './fixture';

const OPENS = '2026-08-20T02:00:00.000Z';
const CLOSES = '2026-08-27T14:00:00.000Z';

describe(`night school: withdrawing after the window closes (${DB_KIND})`, () => {
  const clock = testClock('2026-08-19T02:00:00.000Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  it('withdraws while the window is open, and refuses with 409 WITHDRAW_CLOSED from the closing instant', async () => {
    const staff = await organizer(t);
    const term = await createTerm(
      t,
      staff,
      { allocation: 'lottery', opensAt: OPENS, closesAt: CLOSES },
      '2026秋季夜校',
    );
    const course = await createCourse(t, staff, term.id, { capacity: 5 });
    const [early, late] = await residents(t, 2, 'wd-');
    clock.set('2026-08-21T02:00:00.000Z');
    const earlyApp = (await apply(t, early!.token, course.id)).json().id;
    const lateApp = (await apply(t, late!.token, course.id)).json().id;

    clock.set('2026-08-27T13:59:59.000Z');
    expect((await act(t, early!.token, earlyApp, 'withdraw')).json().status).toBe('withdrawn');
    clock.set(CLOSES);
    expectError(await act(t, late!.token, lateApp, 'withdraw'), 409, 'WITHDRAW_CLOSED');
    const [row] = await t.db.query<{ status: string }>(
      'SELECT status FROM ns_applications WHERE id = $1',
      [lateApp],
    );
    expect(row!.status).toBe('applied');
  });
});
