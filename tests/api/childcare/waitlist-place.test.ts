// The place a new family is told when the class is full comes from a counter on the class row
// (cc_classes.waitlist_out, migration 0025), not from counting the queue. These stories move
// tickets out of the queue every way there is — an offer, leaving, a deleted child — and check the
// place told at enroll against the queue itself, as 我的托班 and the roster count it.
import { bearer, makeApp, testClock, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from './fixtures';

describe('the waitlist place told at enroll', () => {
  let t: TestApp;
  let cat: Catalogue;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    cat = await makeCatalogue(t);
  });
  afterAll(async () => t.close());

  const post = (f: Family, url: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/childcare${url}`, headers: bearer(f.token) });
  /** Places as the queue itself has them: 1-based, among those still waiting, in ticket order. */
  const queue = async (classId: string) =>
    (
      await t.db.query<{ parent_id: string }>(
        `SELECT parent_id::text AS parent_id FROM cc_enrollments
         WHERE class_id = $1 AND status = 'waitlisted' ORDER BY waitlist_no`,
        [classId],
      )
    ).map((r) => r.parent_id);
  const enroll = async (f: Family, classId: string) => {
    const res = await enrollReq(t, f.token, classId, f.childIds);
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('after tickets left by an offer, by leaving and by a deleted child, a new family is told its place in the queue as it stands', async () => {
    const classId = await makeClass(t, cat, { capacity: 1 });
    const [a, b, c, d, e, f, g] = await makeFamilies(t, 'place', 7);
    const seat = await enroll(a!, classId);
    expect(seat.status).toBe('enrolled');
    const waiting: Record<string, string> = {};
    for (const [name, fam] of Object.entries({ b, c, d, e })) {
      const r = await enroll(fam!, classId);
      waiting[name] = r.enrollmentIds[0];
    }
    expect(await queue(classId)).toEqual([b, c, d, e].map((x) => x!.userId));

    // C leaves the queue
    expect((await post(c!, `/enrollments/${waiting.c}/cancel`)).json().status).toBe('left');
    // A gives the seat back: B is offered it and leaves the queue
    expect((await post(a!, `/enrollments/${seat.enrollmentIds[0]}/cancel`)).statusCode).toBe(200);
    // D's child is deleted from the account: its ticket goes with it
    await t.db.query('DELETE FROM children WHERE id = $1', [d!.childIds[0]]);
    expect(await queue(classId)).toEqual([e!.userId]);

    const told = await enroll(f!, classId);
    expect(told).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(told.message).toBe('已满，您在候补第 2 位');
    expect(await queue(classId)).toEqual([e!.userId, f!.userId]);

    // a sibling pair behind them is told the place of its first child
    const [pair] = await makeFamilies(t, 'place-pair', 1, 2);
    expect(await enroll(pair!, classId)).toMatchObject({ status: 'waitlisted', position: 3 });
    expect(await enroll(g!, classId)).toMatchObject({ status: 'waitlisted', position: 5 });
  });
});
