import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { bearer, freshDb, login, makeApp, TEST_CONFIG, type TestApp } from '../helper';
import Redis from 'ioredis';
import type { Db } from '../../../server/src/db/db';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** A rush-style endpoint guarded like the real ones: login, then per-IP and per-user limits. */
function addRushRoute(app: FastifyInstance): string {
  const url = `/test/rush-${crypto.randomBytes(4).toString('hex')}`;
  app.post(url, { preHandler: [app.authenticate, ...app.rushLimit] }, async () => ({ ok: true }));
  return url;
}

const fire = (app: FastifyInstance, url: string, token: string, remoteAddress?: string) =>
  app.inject({ method: 'POST', url, headers: bearer(token), payload: {}, remoteAddress });

/** The Redis commands that touch this run's keys while `fn` runs, as Redis itself saw them. */
async function redisCommands(prefix: string, fn: () => Promise<unknown>): Promise<string[]> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  const monitor = await redis.monitor();
  const seen: string[] = [];
  // commands a script runs inside Redis show up too, as from 'lua': they are not round trips
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua' && args.some((a) => a.startsWith(prefix)))
      seen.push(args[0]!.toLowerCase());
  });
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 100)); // the last commands reach the monitor
  } finally {
    monitor.disconnect();
    redis.disconnect();
  }
  return seen;
}

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

  describe('with Redis: both limits in one round trip', () => {
    let db: Db;
    let a: TestApp;
    let b: TestApp;
    let url: string;
    beforeAll(async () => {
      db = await freshDb();
      const config = {
        redisUrl: REDIS_URL,
        rushLimits: { windowMs: 10_000, perUser: 1000, perIp: 3 },
      };
      a = await makeApp({ db, config });
      b = await makeApp({ db, config });
      url = addRushRoute(a.app);
      b.app.post(url, { preHandler: [b.app.authenticate, ...b.app.rushLimit] }, async () => ({
        ok: true,
      }));
      await a.app.ready();
      await b.app.ready();
      await new Promise((r) => setTimeout(r, 300)); // let both connect to Redis
    });
    afterAll(async () => {
      await a.close();
      await b.close();
      await db.close();
    });

    it('one address is let through 3 times across people and processes, then 429 with Retry-After', async () => {
      expect(a.app.rateLimitMode()).toBe('redis');
      const tokens = [];
      for (let i = 0; i < 4; i++)
        tokens.push(await login(a.app, `rl-ip-${crypto.randomBytes(3).toString('hex')}`));
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await fire(i % 2 ? b.app : a.app, url, tokens[i]!, '203.0.113.7')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const fifth = await fire(a.app, url, tokens[0]!, '203.0.113.7');
      expect(fifth.statusCode).toBe(429);
      expect(Number(fifth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // another address is counted apart
      expect((await fire(a.app, url, tokens[0]!, '203.0.113.8')).statusCode).toBe(200);
    });

    it('taps fired at once over both processes (their scripts pipelined to Redis together): exactly 3 through for one address', async () => {
      const tokens = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          login(a.app, `rl-burst-${i}-${crypto.randomBytes(3).toString('hex')}`),
        ),
      );
      const codes = await Promise.all(
        tokens.map(
          async (token, i) =>
            (await fire(i % 2 ? b.app : a.app, url, token, '203.0.113.30')).statusCode,
        ),
      );
      expect(codes.filter((c) => c === 200)).toHaveLength(3);
      expect(codes.filter((c) => c === 429)).toHaveLength(13);
    });

    it('a tap costs one Redis command (EVALSHA of one script counting IP and user), refused or not', async () => {
      const token = await login(a.app, `rl-one-trip-${crypto.randomBytes(3).toString('hex')}`);
      await fire(a.app, url, token, '203.0.113.20'); // the script is cached in Redis from here on
      const commands = await redisCommands(TEST_CONFIG.redisKeyPrefix!, async () => {
        for (let i = 0; i < 4; i++) await fire(b.app, url, token, '203.0.113.20');
      });
      expect(commands).toEqual(['evalsha', 'evalsha', 'evalsha', 'evalsha']);
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
