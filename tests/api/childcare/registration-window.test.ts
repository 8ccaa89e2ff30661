// Registration closes at the programme's registrationClosesAt, by the server's clock: a tap one
// second before is taken, a tap at the closing instant is refused with 403 CC_CLOSED.
import { DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { AFTER_OPEN, enrollReq, makeCatalogue, makeClass, makeFamilies } from './fixtures';

const CLOSES = '2027-01-20T09:00:00.000Z'; // makeCatalogue's registrationClosesAt

describe(`childcare registration window closes (${DB_KIND})`, () => {
  const clock = testClock(AFTER_OPEN);
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  it('takes an enrollment one second before the close, and refuses one at the close with 403 CC_CLOSED', async () => {
    const classId = await makeClass(t, await makeCatalogue(t), { capacity: 10 });
    const [early, late] = await makeFamilies(t, 'cc-close', 2);
    clock.set('2027-01-20T08:59:59.000Z');
    expect((await enrollReq(t, early!.token, classId, early!.childIds)).statusCode).toBe(201);
    clock.set(CLOSES);
    const refused = await enrollReq(t, late!.token, classId, late!.childIds);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'CC_CLOSED', message: '报名已截止' });
    const [{ taken }] = await t.db.query<{ taken: number }>(
      'SELECT taken FROM cc_classes WHERE id = $1',
      [classId],
    );
    expect(taken).toBe(1);
  });
});
