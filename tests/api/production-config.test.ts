// A production start (NODE_ENV=production, real secrets, no DOCS) seen from outside: the secrets
// published in the repository sign nothing, and the route map is not served.
import { createHmac } from 'node:crypto';
import { bearer, makeApp, type TestApp } from './helper';
import { serverModule } from './native';

const { DEV_JWT_SECRET, loadConfig } =
  serverModule<typeof import('../../server/src/config')>('config.ts');

const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-real-production-jwt-secret-of-48-characters-xx',
  ID_HASH_SECRET: 'a-real-production-id-hash-secret-48-characters-x',
  PUBLIC_BASE_URL: 'https://youth.example.cn',
  PHONE_KEYS: `p1:${Buffer.alloc(32, 5).toString('base64')}`,
};

/** An HS256 token made by hand, as anyone who reads the repository could make one. */
function handSigned(secret: string, payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...payload, iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The test app with what loadConfig makes of a production environment (database and limits stay the tests'). */
function productionApp(env: NodeJS.ProcessEnv): Promise<TestApp> {
  const { nodeEnv, devLogin, docs, jwtSecret, idHashSecret, publicBaseUrl } = loadConfig(env);
  return makeApp({ config: { nodeEnv, devLogin, docs, jwtSecret, idHashSecret, publicBaseUrl } });
}

describe('NODE_ENV=production with real secrets', () => {
  let t: TestApp;
  let adminId: string;
  beforeAll(async () => {
    t = await productionApp(PRODUCTION_ENV);
    [{ id: adminId }] = await t.db.query<{ id: string }>(
      "INSERT INTO users (openid, role) VALUES ('prod-config-admin', 'admin') RETURNING id::text AS id",
    );
  });
  afterAll(async () => t.close());

  const audit = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: bearer(token) });

  it('answers 401 to an admin token hand-signed with the published dev secret', async () => {
    const res = await audit(handSigned(DEV_JWT_SECRET, { sub: adminId, role: 'admin' }));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
  });

  it('lets the same admin in with a token signed by the configured secret (the refusal is the secret, not the token)', async () => {
    expect(
      (await audit(t.app.signSession({ id: adminId, role: 'admin', token_version: 0 }).token))
        .statusCode,
    ).toBe(200);
  });

  it('has no dev login', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev',
      payload: { openid: 'x', role: 'admin' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('serves no /docs without DOCS=1', async () => {
    for (const url of ['/docs', '/docs/', '/docs/json']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });
});

describe('NODE_ENV=production with DOCS=1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp({ ...PRODUCTION_ENV, DOCS: '1' });
  });
  afterAll(async () => t.close());

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.0.3');
  });
});
