// The limit guards the real rush endpoints, not only a route made for the test: with 3 per person,
// the 4th tap of one person on enroll, book, apply or sign up is a 429 RATE_LIMITED with
// Retry-After — counted in Redis (several API processes) and in the process (no Redis).
import { DB_KIND, makeApp, type TestApp } from '../helper';
import { rushCases, rushClock } from '../rush-cases';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe.each([
  { store: 'local', redisUrl: null },
  { store: 'redis', redisUrl: REDIS_URL },
] as const)(`rush routes with 3 per person, counted $store (${DB_KIND})`, ({ store, redisUrl }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({
      now: rushClock.now,
      config: { redisUrl, rushLimits: { windowMs: 60_000, perUser: 3, perIp: 1000 } },
    });
    await t.app.ready();
    if (redisUrl) await new Promise((r) => setTimeout(r, 300)); // connect to Redis
  });
  afterAll(async () => t.close());

  it.each(rushCases)(
    '$name: the 4th tap of one person is 429 RATE_LIMITED with Retry-After',
    async ({ name, setup }) => {
      const c = await setup(t);
      expect(t.app.rateLimitMode()).toBe(store);
      const answers = [];
      // distinct keys: four taps, not one tap retried (a replay would not show the limit)
      for (let i = 0; i < 4; i++)
        answers.push(await c.send(`limit-${store}-${name.replace(/\W+/g, '-')}-${i}`.slice(0, 64)));
      expect(answers.slice(0, 3).map((r) => r.statusCode)).not.toContain(429);
      expect(answers[0]!.statusCode).toBe(201);
      const fourth = answers[3]!;
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json()).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^操作太频繁，请 \d+ 秒后再试$/),
      });
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(await c.stored()).toEqual({ rows: 1, counted: c.counted });
    },
  );
});
