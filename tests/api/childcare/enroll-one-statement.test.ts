// The enroll rush costs the database one statement per tap (cc_enroll, migration 0025): the
// session token is verified without a lookup, and the account and token version are checked in
// that same statement — so a logout, a role change or a deleted account still refuses the tap.
import { bearer, DB_KIND, login, makeApp, testClock, type TestApp } from '../helper';
import { databaseCalls } from '../database-calls';
import { AFTER_OPEN, enrollReq, makeCatalogue, makeClass, makeFamilies } from './fixtures';

describe(`POST /childcare/enrollments in one statement (${DB_KIND})`, () => {
  let t: TestApp;
  let classId: string;
  const clock = testClock(AFTER_OPEN);
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    classId = await makeClass(t, await makeCatalogue(t), { capacity: 1 });
  });
  afterAll(async () => t.close());

  const rows = async (userId: string) =>
    (
      await t.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM cc_enrollments WHERE parent_id = $1)
              + (SELECT count(*) FROM idempotency_keys WHERE user_id = $1) AS n`,
        [userId],
      )
    )[0]!.n;

  it('a seat, a waitlist ticket and a replay each cost one statement and no transaction of their own', async () => {
    const [first, second] = await makeFamilies(t, 'one-stmt', 2);
    for (const [f, key, status] of [
      [first!, 'one-stmt-key-1', 'enrolled'],
      [second!, 'one-stmt-key-2', 'waitlisted'],
      [second!, 'one-stmt-key-2', 'waitlisted'],
    ] as const) {
      let res: Awaited<ReturnType<typeof enrollReq>> | undefined;
      const { calls } = await databaseCalls(t.db, async () => {
        res = await enrollReq(t, f.token, classId, f.childIds, key);
      });
      expect(res!.statusCode).toBe(201);
      expect(res!.json().status).toBe(status);
      expect(calls).toEqual({ statements: 1, transactions: 0 });
    }
  });

  it('a token signed before a logout is refused 401 SESSION_REVOKED by the same statement, and leaves nothing behind', async () => {
    const token = await login(t.app, 'one-stmt-logout');
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
    ).json().id as string;
    await t.db.query(
      `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked, school, grade)
       VALUES ($1, '孩子', 'male', '2018-09-01', 'hmac-one-stmt-logout', '310104********0030', '田林第三小学', '二年级')`,
      [me],
    );
    const [{ id: childId }] = await t.db.query<{ id: string }>(
      'SELECT id::text AS id FROM children WHERE parent_id = $1',
      [me],
    );
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) }))
        .statusCode,
    ).toBe(204);
    const res = await enrollReq(t, token, classId, [childId], 'one-stmt-revoked');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'SESSION_REVOKED',
      error: 'Unauthorized',
      message: '登录已失效，请重新登录',
    });
    expect(await rows(me)).toBe(0);
  });

  it("a deleted account's token and a token for no account are refused 401 UNAUTHORIZED", async () => {
    const [gone] = await makeFamilies(t, 'one-stmt-gone', 1);
    await t.db.query('UPDATE users SET deleted_at = now() WHERE id = $1', [gone!.userId]);
    const res = await enrollReq(t, gone!.token, classId, gone!.childIds, 'one-stmt-gone-1');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
    expect(await rows(gone!.userId)).toBe(0);

    const nobody = t.app.signSession({ id: '987654321', role: 'resident', token_version: 0 }).token;
    const none = await enrollReq(t, nobody, classId, gone!.childIds);
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('UNAUTHORIZED');
    expect((await enrollReq(t, 'not-a-token', classId, gone!.childIds)).statusCode).toBe(401);
  });
});
