import { DB_KIND, freshDb, makeApp, testClock, type TestApp } from './helper';

describe('GET /api/v1/time', () => {
  const clock = testClock('2026-07-01T08:59:57+08:00');
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  it('answers the server clock, uncached, so countdowns do not trust the phone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/time' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ now: '2026-07-01T00:59:57.000Z' });
    clock.advance(3000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/time' })).json().now).toBe(
      '2026-07-01T01:00:00.000Z',
    );
  });
});

describe('job runner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('runs a registered job once per call, inside a transaction, with the app clock', async () => {
    const seen: string[] = [];
    t.app.jobs.register({
      name: 'test-echo',
      everyMs: 60_000,
      run: async (tx, now) => {
        const [row] = await tx.query<{ n: number }>('SELECT 1 + 1 AS n');
        seen.push(`${row.n}@${now.getFullYear()}`);
        return 1;
      },
    });
    expect(await t.app.jobs.runJob('test-echo')).toBe(1);
    expect(seen).toEqual([`2@${new Date().getFullYear()}`]);
    await expect(t.app.jobs.runJob('no-such-job')).rejects.toThrow('unknown job');
  });

  it('refuses to register two jobs under one name', () => {
    const job = { name: 'dup', everyMs: 1000, run: async () => 0 };
    t.app.jobs.register(job);
    expect(() => t.app.jobs.register(job)).toThrow('registered twice');
  });
});

describe('job runner with two API processes on one database', () => {
  let db: Awaited<ReturnType<typeof freshDb>>;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    db = await freshDb();
    a = await makeApp({ db });
    b = await makeApp({ db });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  it('lets one process do a pass while the other skips it (per-job advisory lock)', async () => {
    const slowPass = {
      name: 'two-process-pass',
      everyMs: 60_000,
      run: async (tx: { query: (sql: string) => Promise<unknown[]> }) => {
        await tx.query('SELECT pg_sleep(0.3)');
        return 1;
      },
    };
    a.app.jobs.register(slowPass);
    b.app.jobs.register(slowPass);
    const [x, y] = await Promise.all([
      a.app.jobs.runJob('two-process-pass'),
      b.app.jobs.runJob('two-process-pass'),
    ]);
    // PostgreSQL: the second pass finds the lock taken and does nothing. PGlite is one process by
    // design (a second opener is refused), and its transactions run one after the other: both pass.
    expect(x + y).toBe(DB_KIND === 'postgres' ? 1 : 2);
  });
});
