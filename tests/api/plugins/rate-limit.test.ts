import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { bearer, freshDb, login, makeApp, type TestApp } from '../helper';
import type { Db } from '../../../server/src/db/db';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** A rush-style endpoint guarded like the real ones: login, then per-IP and per-user limits. */
function addRushRoute(app: FastifyInstance): string {
  const url = `/test/rush-${crypto.randomBytes(4).toString('hex')}`;
  app.post(url, { preHandler: [app.authenticate, ...app.rushLimit] }, async () => ({ ok: true }));
  return url;
}

const fire = (app: FastifyInstance, url: string, token: string) =>
  app.inject({ method: 'POST', url, headers: bearer(token), payload: {} });

describe('rate limits on rush endpoints', () => {
  describe('without Redis (embedded default): per process', () => {
    let t: TestApp;
    let url: string;
    beforeAll(async () => {
      t = await makeApp({ config: { rushLimits: { windowMs: 10_000, perUser: 3, perIp: 5 } } });
      url = addRushRoute(t.app);
    });
    afterAll(async () => t.close());

    it('lets a person through 3 times, then answers 429 RATE_LIMITED with Retry-After and a Chinese countdown', async () => {
      const token = await login(t.app, 'rl-parent-a');
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await fire(t.app, url, token)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const res = await fire(t.app, url, token);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.json()).toMatchObject({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^操作太频繁，请 \d+ 秒后再试$/),
      });
      expect(t.app.rateLimitMode()).toBe('local');
    });

    it('counts per IP across people too (5 per window here)', async () => {
      const other = await login(t.app, 'rl-parent-b');
      // the IP has used 5 already (4 + 1 above)
      const res = await fire(t.app, url, other);
      expect(res.statusCode).toBe(429);
    });
  });

  describe('with Redis: shared by every API process', () => {
    let db: Db;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      db = await freshDb();
      const config = {
        redisUrl: REDIS_URL,
        rushLimits: { windowMs: 10_000, perUser: 4, perIp: 1000 },
      };
      a = await makeApp({ db, config });
      b = await makeApp({ db, config });
    });
    afterAll(async () => {
      await a.close();
      await b.close();
      await db.close();
    });

    it('two processes together let a person through only 4 times; a run with another key prefix counts apart', async () => {
      const urlA = addRushRoute(a.app);
      // the same route on the second process (same key in Redis)
      b.app.post(urlA, { preHandler: [b.app.authenticate, ...b.app.rushLimit] }, async () => ({
        ok: true,
      }));
      await a.app.ready();
      await b.app.ready();
      await new Promise((r) => setTimeout(r, 300)); // let both connect to Redis
      expect(a.app.rateLimitMode()).toBe('redis');
      const token = await login(a.app, `rl-shared-${crypto.randomBytes(3).toString('hex')}`);
      const codes = [];
      for (let i = 0; i < 6; i++)
        codes.push((await fire(i % 2 ? b.app : a.app, urlA, token)).statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(4);
      expect(codes.slice(4)).toEqual([429, 429]);

      // another run on the same Redis (its own key prefix) does not count this run's requests
      const other = await makeApp({
        db,
        config: {
          redisUrl: REDIS_URL,
          redisKeyPrefix: `youth-hub-rl-test-other-${crypto.randomBytes(4).toString('hex')}:`,
          rushLimits: { windowMs: 10_000, perUser: 4, perIp: 1000 },
        },
      });
      try {
        other.app.post(
          urlA,
          { preHandler: [other.app.authenticate, ...other.app.rushLimit] },
          async () => ({ ok: true }),
        );
        await other.app.ready();
        await new Promise((r) => setTimeout(r, 300));
        expect(other.app.rateLimitMode()).toBe('redis');
        expect((await fire(other.app, urlA, token)).statusCode).toBe(200);
      } finally {
        await other.close();
      }
    });
  });

  describe('with Redis down', () => {
    let t: TestApp;
    const logs: string[] = [];
    beforeAll(async () => {
      const stream = new Writable({
        write(chunk, _enc, cb) {
          logs.push(String(chunk));
          cb();
        },
      });
      t = await makeApp({
        config: {
          redisUrl: 'redis://127.0.0.1:1',
          rushLimits: { windowMs: 10_000, perUser: 2, perIp: 1000 },
        },
        logger: { level: 'warn', stream },
      });
    });
    afterAll(async () => t.close());

    it('degrades to per-process limits with a warning, and nothing else breaks', async () => {
      const url = addRushRoute(t.app);
      const token = await login(t.app, 'rl-redis-down');
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await fire(t.app, url, token)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      expect(t.app.rateLimitMode()).toBe('local');
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(logs.join('')).toContain('rate limits now per process');
    });
  });
});
