// Tokens carry users.token_version; logout, a role change and a membership change bump it in the
// same transaction, so every token signed before stops working at once (401 SESSION_REVOKED).
import { bearer, login, makeApp, type TestApp } from '../helper';

describe('session revocation by token version', () => {
  let t: TestApp;
  let adminTok: string;
  let stationId: string;
  beforeAll(async () => {
    t = await makeApp();
    adminTok = await login(t.app, 'revoke-admin', 'admin');
    [{ id: stationId }] = await t.db.query<{ id: string }>(
      "SELECT id::text AS id FROM organizations WHERE kind = 'station' ORDER BY id LIMIT 1",
    );
  });
  afterAll(async () => t.close());

  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
  const idOf = async (token: string) => (await me(token)).json().id as string;
  const expectRevoked = async (token: string) => {
    const res = await me(token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      statusCode: 401,
      code: 'SESSION_REVOKED',
      error: 'Unauthorized',
      message: '登录已失效，请重新登录',
    });
  };

  it('POST /auth/logout revokes every earlier token of the account (both devices), and a new login works', async () => {
    const phone = await login(t.app, 'revoke-logout');
    const laptop = await login(t.app, 'revoke-logout');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(phone),
    });
    expect(res.statusCode).toBe(204);
    await expectRevoked(phone);
    await expectRevoked(laptop);
    expect((await me(await login(t.app, 'revoke-logout'))).statusCode).toBe(200);
  });

  it('POST /auth/logout needs a live session (401 without one)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(
      401,
    );
  });

  it("the admin's role change revokes the user's earlier tokens; setting the same role again does not", async () => {
    const before = await login(t.app, 'revoke-role');
    const id = await idOf(before);
    const same = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${id}/role`,
      headers: bearer(adminTok),
      payload: { role: 'resident' },
    });
    expect(same.statusCode).toBe(200);
    expect((await me(before)).statusCode).toBe(200);

    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${id}/role`,
      headers: bearer(adminTok),
      payload: { role: 'organizer' },
    });
    expect(res.statusCode).toBe(200);
    await expectRevoked(before);
    const after = await login(t.app, 'revoke-role');
    expect((await me(after)).json().role).toBe('organizer');
  });

  it('adding and removing an organization membership each revoke the earlier tokens', async () => {
    const first = await login(t.app, 'revoke-member');
    const id = await idOf(first);
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/orgs/${stationId}/members`,
      headers: bearer(adminTok),
      payload: { userId: id },
    });
    expect(add.statusCode).toBe(200);
    await expectRevoked(first);

    const second = await login(t.app, 'revoke-member');
    expect((await me(second)).json().orgIds).toEqual([stationId]);
    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/orgs/${stationId}/members/${id}`,
      headers: bearer(adminTok),
    });
    expect(remove.statusCode).toBe(200);
    await expectRevoked(second);
  });

  it('a failed change (the last admin cannot step down) revokes nothing: the bump is in its transaction', async () => {
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE role = 'admin'",
    );
    const lone = await login(t.app, 'revoke-lone-admin', 'admin');
    const loneId = await idOf(lone);
    // every other admin steps down first, so this one is the last
    const others = await t.db.query<{ id: string }>(
      "SELECT id::text AS id FROM users WHERE role = 'admin' AND id <> $1",
      [loneId],
    );
    expect(others.length).toBe(n);
    await t.db.query("UPDATE users SET role = 'resident' WHERE id = ANY($1::bigint[])", [
      others.map((o) => o.id),
    ]);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${loneId}/role`,
      headers: bearer(lone),
      payload: { role: 'resident' },
    });
    expect(res.statusCode).toBe(409);
    expect((await me(lone)).statusCode).toBe(200);
    await t.db.query("UPDATE users SET role = 'admin' WHERE id = ANY($1::bigint[])", [
      others.map((o) => o.id),
    ]);
  });

  it('a token signed before versions existed (no ver claim) still works until the first bump', async () => {
    const token = await login(t.app, 'revoke-legacy');
    const id = await idOf(token);
    const legacy = t.app.jwt.sign({ sub: id, role: 'resident' } as never);
    expect((await me(legacy)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
    await expectRevoked(legacy);
  });
});
