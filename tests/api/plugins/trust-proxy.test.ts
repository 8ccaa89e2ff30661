// Per-IP limits key on request.ip. Behind N trusted proxies, only the address the nearest proxy
// recorded counts; whatever the client wrote further left in X-Forwarded-For is not believed.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bearer, login, makeApp, type TestApp } from '../helper';
import { serverModule } from '../native';

const { loadConfig } = serverModule<typeof import('../../../server/src/config')>('config.ts');

/** A rush-style endpoint guarded like the real ones, answering with the client address it saw. */
function addRushRoute(app: FastifyInstance): string {
  const url = `/test/rush-${crypto.randomBytes(4).toString('hex')}`;
  app.post(url, { preHandler: [app.authenticate, ...app.rushLimit] }, async (request) => ({
    ip: request.ip,
  }));
  return url;
}

// light-my-request connects from 127.0.0.1: that is the proxy in front of the API here
describe.each([
  ['a hop count', '1'],
  ['the proxy address', '127.0.0.1'],
  ['a CIDR list', '10.0.0.0/8, 127.0.0.0/8'],
])('TRUST_PROXY as %s (%s)', (_label, trustProxy) => {
  let t: TestApp;
  let url: string;
  let token: string;
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', TRUST_PROXY: trustProxy });
    t = await makeApp({
      config: {
        trustProxy: config.trustProxy,
        rushLimits: { windowMs: 10_000, perUser: 1000, perIp: 3 },
      },
    });
    url = addRushRoute(t.app);
    token = await login(t.app, `trust-proxy-${crypto.randomBytes(4).toString('hex')}`);
  });
  afterAll(async () => t.close());

  const fire = (forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(token), 'x-forwarded-for': forwardedFor },
      payload: {},
    });

  it('counts a client by the address the proxy saw, however it varies the rest of X-Forwarded-For', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await fire(`198.51.100.${i + 1}, 203.0.113.9`));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers[0].json().ip).toBe('203.0.113.9');
  });

  it('still tells clients apart by the address the proxy recorded', async () => {
    const res = await fire('203.0.113.10');
    expect(res.statusCode).toBe(200);
    expect(res.json().ip).toBe('203.0.113.10');
  });
});

describe('without TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ config: { trustProxy: loadConfig({ NODE_ENV: 'test' }).trustProxy } });
  });
  afterAll(async () => t.close());

  it('believes no X-Forwarded-For at all', async () => {
    const url = addRushRoute(t.app);
    const token = await login(t.app, 'trust-proxy-off');
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(token), 'x-forwarded-for': '203.0.113.9' },
      payload: {},
    });
    expect(res.json().ip).toBe('127.0.0.1');
  });
});
