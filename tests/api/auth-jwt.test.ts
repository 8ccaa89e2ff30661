import { bearer, login, makeApp, type TestApp } from './helper';

describe('authentication and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
    // Test-only routes that need a role.
    t.app.get('/api/v1/test/admin-only', { preHandler: t.app.requireRole('admin') }, async () => ({
      ok: true,
    }));
    t.app.get(
      '/api/v1/test/staff',
      { preHandler: t.app.requireRole('organizer', 'admin') },
      async (req) => ({
        orgIds: req.auth!.orgIds,
      }),
    );
  });
  afterAll(async () => t.close());

  const getMe = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers });

  it('answers 401 UNAUTHORIZED 请先登录 without a token', async () => {
    const res = await getMe();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
      error: 'Unauthorized',
      message: '请先登录',
    });
  });

  it('answers 401 for a forged token', async () => {
    const token = await login(t.app, 'jwt-user');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await getMe(bearer(forged))).statusCode).toBe(401);
    expect((await getMe(bearer('not-a-jwt'))).json().code).toBe('UNAUTHORIZED');
  });

  it('reads the token from `Authorization: Bearer <token>` only', async () => {
    const token = await login(t.app, 'jwt-user');
    expect((await getMe({ authorization: `bearer ${token}` })).statusCode).toBe(200);
    for (const authorization of [`Basic ${token}`, token, `Bearer ${token} x`, 'Bearer '])
      expect((await getMe({ authorization })).json().code).toBe('UNAUTHORIZED');
  });

  it('answers 401 for an expired token', async () => {
    const token = await login(t.app, 'jwt-user');
    const { sub, role } = t.app.jwt.decode<{ sub: string; role: 'resident' }>(token)!;
    const expired = t.app.jwt.sign({ sub, role }, {
      expiresIn: 60,
      clockTimestamp: Date.now() - 3600_000,
    } as never);
    expect((await getMe(bearer(expired))).statusCode).toBe(401);
    expect((await getMe(bearer(token))).statusCode).toBe(200);
  });

  it('answers 401 for a valid token whose user no longer exists', async () => {
    const ghost = t.app.jwt.sign({ sub: '999999', role: 'resident' });
    expect((await getMe(bearer(ghost))).statusCode).toBe(401);
  });

  it('answers 403 FORBIDDEN when the role does not fit', async () => {
    const resident = await login(t.app, 'jwt-resident');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/test/admin-only',
      headers: bearer(resident),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '没有权限进行此操作' });
  });

  it('lets the right role through, with the organizer scoped to its organizations', async () => {
    const admin = await login(t.app, 'jwt-admin', 'admin');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/test/admin-only',
          headers: bearer(admin),
        })
      ).statusCode,
    ).toBe(200);
    const organizer = await login(t.app, 'jwt-organizer', 'organizer');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/test/staff',
      headers: bearer(organizer),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().orgIds).toHaveLength(1);
  });
});
