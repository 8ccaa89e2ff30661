// A phone that retries: the app sends a rush request again with the same Idempotency-Key when it
// hears 503/429 (up to 3 times) or when the user taps 重试 after a timeout, and the first send may
// still be in flight. On every rush endpoint, the tap and its 3 retries arriving together create
// one row, count one seat, and all four get the same 201 answer.
import { DB_KIND, makeApp, type TestApp } from './helper';
import { one, rushCases, rushClock } from './rush-cases';

describe(`a tap and its 3 retries with one Idempotency-Key, all at once (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: rushClock.now });
  });
  afterAll(async () => t.close());

  it.each(rushCases)(
    '$name: creates one row, counts it once, and answers the same 201 four times',
    async ({ name, setup }) => {
      const c = await setup(t);
      const key = `retry-${name.replace(/\W+/g, '-')}`.slice(0, 64);
      const answers = await Promise.all([0, 1, 2, 3].map(() => c.send(key)));
      expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(new Set(answers.map((r) => r.body)).size).toBe(1);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
      expect(await c.stored()).toEqual({ rows: 1, counted: c.counted });
      expect(
        await one(t, 'SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]),
      ).toBe(1);
    },
  );
});
