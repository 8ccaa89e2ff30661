// npm run grant: the first admin is made on the server, audited with the system as the actor.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { serverModule } from '../native';

const { grantRole } =
  serverModule<typeof import('../../../server/src/modules/admin/grant')>('modules/admin/grant.ts');
const { migrate } = serverModule<typeof import('../../../server/src/db/migrate')>('db/migrate.ts');
const { openPglite } =
  serverModule<typeof import('../../../server/src/db/pglite-db')>('db/pglite-db.ts');

const root = path.resolve(__dirname, '../../..');

describe('grantRole (npm run grant) — bootstrapping the first admin', () => {
  const clock = testClock('2026-07-01T09:00:00+08:00');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  const userIdOf = async (token: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json()
      .id as string;

  it('makes a signed-in user admin, effective on their next request, and audits it as the system', async () => {
    const token = await login(t.app, 'first-admin');
    const userId = await userIdOf(token);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: bearer(token) }))
        .statusCode,
    ).toBe(403);

    expect(await grantRole(t.db, 'dev:first-admin', 'admin', t.app.now)).toEqual({
      userId,
      before: 'resident',
      after: 'admin',
    });

    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit?action=user.role',
      headers: bearer(token),
    });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items[0]).toMatchObject({
      actorId: null,
      actorRole: 'system',
      action: 'user.role',
      entity: 'user',
      entityId: userId,
      before: { role: 'resident' },
      after: { role: 'admin', via: 'cli' },
      at: clock.now().toISOString(),
    });
  });

  it('refuses an openid nobody signed in with, and demoting the last admin', async () => {
    await expect(grantRole(t.db, 'dev:nobody', 'admin')).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
    });
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE role = 'admin'",
    );
    expect(n).toBe(1);
    await expect(grantRole(t.db, 'dev:first-admin', 'resident')).rejects.toMatchObject({
      code: 'LAST_ADMIN',
    });
    const [{ role }] = await t.db.query<{ role: string }>(
      "SELECT role FROM users WHERE openid = 'dev:first-admin'",
    );
    expect(role).toBe('admin');
  });

  it('runs as a command: npm run grant -- --openid … --role admin', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-grant-'));
    try {
      const db = await openPglite(dir);
      await migrate(db);
      await db.query("INSERT INTO users (openid) VALUES ('wx-openid-of-the-chair')");
      await db.close();

      const out = execFileSync(
        process.execPath,
        [
          path.join(root, 'node_modules/tsx/dist/cli.mjs'),
          'server/src/cli/grant.ts',
          '--openid',
          'wx-openid-of-the-chair',
          '--role',
          'admin',
        ],
        {
          cwd: root,
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: 'development' },
          encoding: 'utf8',
        },
      );
      expect(out).toMatch(/resident → admin/);

      const after = await openPglite(dir);
      const rows = await after.query<{ role: string; actor_role: string }>(
        "SELECT u.role, a.actor_role FROM users u JOIN audit_log a ON a.entity = 'user' AND a.entity_id = u.id::text WHERE u.openid = 'wx-openid-of-the-chair'",
      );
      await after.close();
      expect(rows).toEqual([{ role: 'admin', actor_role: 'system' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
