import { makeApp, type TestApp } from './helper';
import { serverModule } from './native';

const { buildApp } = serverModule<typeof import('../../server/src/app')>('app.ts');

describe('POST /api/v1/auth/dev', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  const devLogin = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload });

  it('logs a resident in and returns the session shape', async () => {
    const res = await devLogin({ openid: 'dev-resident' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      user: {
        id: expect.any(String),
        role: 'resident',
        orgIds: [],
        name: null,
        profileComplete: false,
      },
    });
  });

  it('makes an organizer a member of the demo committee', async () => {
    const res = await devLogin({ openid: 'dev-organizer', role: 'organizer' });
    const { user } = res.json();
    expect(user.role).toBe('organizer');
    expect(user.orgIds).toHaveLength(1);
    const [org] = await t.db.query<{ name: string; kind: string }>(
      'SELECT name, kind FROM organizations WHERE id = $1',
      [user.orgIds[0]],
    );
    expect(org).toEqual({ name: '共青团上海市徐汇区委员会', kind: 'committee' });
  });

  it('with orgKind, makes an organizer staff of every organization of that kind (demo station staff)', async () => {
    const { user } = (
      await devLogin({ openid: 'dev-station-staff', role: 'organizer', orgKind: 'station' })
    ).json();
    const stations = await t.db.query<{ id: string }>(
      "SELECT id::text AS id FROM organizations WHERE kind = 'station' ORDER BY id",
    );
    expect(stations.length).toBeGreaterThanOrEqual(2);
    expect([...user.orgIds].sort()).toEqual(stations.map((s) => s.id).sort());
  });

  it('logs an admin in as admin, and keeps the same user on the next login', async () => {
    const first = (await devLogin({ openid: 'dev-admin', role: 'admin' })).json();
    const again = (await devLogin({ openid: 'dev-admin' })).json();
    expect(first.user.role).toBe('admin');
    expect(again.user).toEqual(first.user);
  });

  it('refuses an unknown role with VALIDATION_FAILED', async () => {
    const res = await devLogin({ openid: 'x', role: 'superuser' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('does not exist when DEV_LOGIN is off', async () => {
    const off = await makeApp({ config: { devLogin: false } });
    try {
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/v1/auth/dev',
        payload: { openid: 'x' },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    } finally {
      await off.close();
    }
  });

  it('cannot be enabled in production: buildApp throws', async () => {
    await expect(
      buildApp({ db: t.db, config: { nodeEnv: 'production', devLogin: true }, logger: false }),
    ).rejects.toThrow(/DEV_LOGIN/);
  });
});
