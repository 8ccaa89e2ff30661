import { bearer, login, makeApp, testClock, type TestApp } from '../helper';

describe('/api/v1/admin — organizer roles scoped to organizations, and the audit trail', () => {
  const clock = testClock('2026-07-01T09:00:00+08:00');
  let t: TestApp;
  let adminTok: string;
  let residentTok: string;
  let residentId: string;
  let stationId: string;

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    adminTok = await login(t.app, 'admin-1', 'admin');
    residentTok = await login(t.app, 'future-staff');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(residentTok),
      payload: { name: '赵站长', phone: '13912345678' },
    });
    residentId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(residentTok) })
    ).json().id;
    [{ id: stationId }] = await t.db.query<{ id: string }>(
      "SELECT id::text AS id FROM organizations WHERE kind = 'station' ORDER BY id LIMIT 1",
    );
  });
  afterAll(async () => t.close());

  const as = (token: string) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) }),
    post: (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: bearer(token), payload }),
    put: (url: string, payload: object) =>
      t.app.inject({ method: 'PUT', url, headers: bearer(token), payload }),
    del: (url: string) => t.app.inject({ method: 'DELETE', url, headers: bearer(token) }),
  });

  it('is for admins only (403 for a resident or an organizer)', async () => {
    const organizer = await login(t.app, 'some-organizer', 'organizer');
    for (const token of [residentTok, organizer]) {
      const res = await as(token).get('/api/v1/admin/audit');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('finds a user by name or by the last four digits of the phone, masked', async () => {
    const byName = (
      await as(adminTok).get(`/api/v1/admin/users?q=${encodeURIComponent('赵站')}`)
    ).json();
    expect(byName.items).toEqual([
      { id: residentId, name: '赵站长', phoneMasked: '139****5678', role: 'resident', orgIds: [] },
    ]);
    const byPhone = (await as(adminTok).get('/api/v1/admin/users?q=5678')).json();
    expect(byPhone.items.map((u: { id: string }) => u.id)).toContain(residentId);
    expect(JSON.stringify(byPhone)).not.toContain('13912345678');
  });

  it('makes a resident staff of one station: they become an organizer scoped to it, and it is audited', async () => {
    const res = await as(adminTok).post(`/api/v1/admin/orgs/${stationId}/members`, {
      userId: residentId,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { userId: residentId, name: '赵站长', phoneMasked: '139****5678', role: 'staff' },
    ]);
    // the grant revoked the tokens signed before it: the new organizer logs in again
    expect((await as(residentTok).get('/api/v1/me')).json().code).toBe('SESSION_REVOKED');
    residentTok = await login(t.app, 'future-staff');
    const session = (await as(residentTok).get('/api/v1/me')).json();
    expect(session).toMatchObject({ role: 'organizer', orgIds: [stationId] });

    const audit = (await as(adminTok).get('/api/v1/admin/audit?action=org.member.add')).json();
    expect(audit.items[0]).toMatchObject({
      actorName: null,
      actorRole: 'admin',
      action: 'org.member.add',
      entity: 'org_member',
      entityId: `${stationId}:${residentId}`,
      orgId: stationId,
      before: null,
      after: { role: 'staff', userRole: 'organizer' },
      at: '2026-07-01T01:00:00.000Z',
    });
  });

  it('removes the grant again, with the before value recorded', async () => {
    clock.advance(60_000);
    const res = await as(adminTok).del(`/api/v1/admin/orgs/${stationId}/members/${residentId}`);
    expect(res.json().items).toEqual([]);
    residentTok = await login(t.app, 'future-staff');
    expect((await as(residentTok).get('/api/v1/me')).json().orgIds).toEqual([]);
    const [last] = (await as(adminTok).get('/api/v1/admin/audit?limit=1')).json().items;
    expect(last).toMatchObject({
      action: 'org.member.remove',
      before: { role: 'staff' },
      after: null,
    });
    expect(
      (await as(adminTok).del(`/api/v1/admin/orgs/${stationId}/members/${residentId}`)).json().code,
    ).toBe('MEMBER_NOT_FOUND');
  });

  it('answers unknown organizations and users with 404 and a stable code', async () => {
    expect(
      (await as(adminTok).post('/api/v1/admin/orgs/999999/members', { userId: residentId })).json()
        .code,
    ).toBe('ORG_NOT_FOUND');
    expect(
      (
        await as(adminTok).post(`/api/v1/admin/orgs/${stationId}/members`, { userId: '999999' })
      ).json().code,
    ).toBe('USER_NOT_FOUND');
  });

  it('changes a role with before/after in the trail, and never removes the last admin', async () => {
    const res = await as(adminTok).put(`/api/v1/admin/users/${residentId}/role`, {
      role: 'resident',
    });
    expect(res.json()).toMatchObject({ id: residentId, role: 'resident' });
    const adminId = (await as(adminTok).get('/api/v1/me')).json().id;
    const last = await as(adminTok).put(`/api/v1/admin/users/${adminId}/role`, {
      role: 'resident',
    });
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({
      code: 'LAST_ADMIN',
      message: '不能取消最后一位管理员的权限',
    });
  });

  it('filters the trail by actor, entity and time, and pages through it', async () => {
    const adminId = (await as(adminTok).get('/api/v1/me')).json().id;
    const all = (await as(adminTok).get(`/api/v1/admin/audit?actorId=${adminId}`)).json().items;
    expect(all.map((e: { action: string }) => e.action)).toEqual([
      'user.role',
      'org.member.remove',
      'org.member.add',
    ]);
    const users = (await as(adminTok).get('/api/v1/admin/audit?entity=user')).json().items;
    expect(users).toHaveLength(1);
    const early = (
      await as(adminTok).get(
        `/api/v1/admin/audit?to=${encodeURIComponent('2026-07-01T01:00:30.000Z')}`,
      )
    ).json().items;
    expect(early.map((e: { action: string }) => e.action)).toEqual(['org.member.add']);
    const page1 = (await as(adminTok).get('/api/v1/admin/audit?limit=2')).json();
    const page2 = (
      await as(adminTok).get(`/api/v1/admin/audit?limit=2&before=${page1.next}`)
    ).json();
    expect([...page1.items, ...page2.items].map((e: { id: string }) => e.id)).toEqual(
      all.map((e: { id: string }) => e.id),
    );
  });

  it('exports the trail as CSV that Excel opens (BOM, Chinese headers)', async () => {
    const res = await as(adminTok).get('/api/v1/admin/audit.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(
      res.body.startsWith('\uFEFF时间,操作人,角色,操作,对象,对象编号,组织,修改前,修改后\r\n'),
    ).toBe(true);
    expect(res.body.split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused (plpgsql trigger)', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged'",
    );
    expect(n).toBe(0);
  });
});
