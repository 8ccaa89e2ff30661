// A course's fee as staff set it: whole fen, 0 or more, fixed at creation; and a paid course is
// refused, in words staff can act on, while WeChat Pay is not configured.
import { bearer, DB_KIND, makeApp, testClock, type TestApp } from '../helper';
import { courseBody, createTerm, expectError, organizer } from './fixture';

describe(`POST /api/v1/night-school/admin/terms/:id/courses — the fee (${DB_KIND})`, () => {
  const clock = testClock('2026-02-20T02:00:00.000Z');
  let t: TestApp;
  let staff: string;
  let termId: string;
  beforeAll(async () => {
    // no WECHATPAY_* configured
    t = await makeApp({ now: clock.now });
    staff = await organizer(t);
    termId = (
      await createTerm(t, staff, {
        allocation: 'first_come',
        opensAt: '2026-03-01T02:00:00.000Z',
        closesAt: '2026-03-05T14:00:00.000Z',
      })
    ).id;
  });
  afterAll(async () => t.close());

  const create = (over: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/admin/terms/${termId}/courses`,
      headers: bearer(staff),
      payload: courseBody(over),
    });

  it('refuses a negative fee or a fraction of a fen', async () => {
    expectError(await create({ feeFen: -1 }), 400, 'VALIDATION_FAILED');
    expectError(await create({ feeFen: 500.5 }), 400, 'VALIDATION_FAILED');
    expectError(await create({ feeFen: '500' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a paid course without WeChat Pay, saying why, and keeps nothing', async () => {
    const res = await create({ feeFen: 50_000 });
    expectError(res, 409, 'PAYMENTS_NOT_CONFIGURED');
    expect(res.json().message).toBe('微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员');
    const [{ n }] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ns_courses WHERE term_id = $1',
      [termId],
    );
    expect(n).toBe(0);
  });

  it('creates a free course (fee 0, or none given) as before, and never changes its fee', async () => {
    const free = await create({ feeFen: 0 });
    expect(free.statusCode).toBe(201);
    expect(free.json().feeFen).toBe(0);
    expect((await create({})).json().feeFen).toBe(0);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/night-school/admin/courses/${free.json().id}`,
      headers: bearer(staff),
      payload: { feeFen: 100 },
    });
    expectError(patch, 400, 'VALIDATION_FAILED');
  });
});
