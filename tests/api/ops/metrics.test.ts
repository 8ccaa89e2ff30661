// /metrics: a scrape after a little traffic shows the counters moved, and strangers cannot read it.
import { DB_KIND, makeApp, type TestApp } from '../helper';

function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe(`GET /metrics (${DB_KIND})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('counts requests per route and status, with latency, 404s and the rate-limit mode', async () => {
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'GET', url: '/api/v1/time' });
    await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    const route = { method: 'GET', route: '/api/v1/time', status: '200' };
    expect(sample(text, 'youth_hub_http_requests_total', route)).toBe(5);
    expect(sample(text, 'youth_hub_http_request_duration_seconds_count', route)).toBe(5);
    expect(
      sample(text, 'youth_hub_http_requests_total', { route: 'unmatched', status: '404' }),
    ).toBe(1);
    expect(sample(text, 'youth_hub_rate_limit_mode', { mode: 'local' })).toBe(1);
    expect(sample(text, 'youth_hub_outbox_pending')).toEqual(expect.any(Number));
    if (DB_KIND === 'postgres')
      expect(sample(text, 'youth_hub_db_pool_connections')).toBeGreaterThan(0);
  });

  it('reports job failures and time since the last good pass', async () => {
    const [name] = t.app.jobs.names();
    await t.app.jobs.runJob(name!);
    const transaction = t.db.transaction.bind(t.db);
    t.db.transaction = async () => {
      throw new Error('database gone');
    };
    await expect(t.app.jobs.runJob(name!)).rejects.toThrow('database gone');
    t.db.transaction = transaction;
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'youth_hub_job_failures', { job: name! })).toBe(1);
    expect(
      sample(text, 'youth_hub_job_seconds_since_success', { job: name! }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('answers only to loopback without a token, and only to the bearer token when one is set', async () => {
    const outside = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
    });
    expect(outside.statusCode).toBe(404);
    const guarded = await makeApp({ config: { metricsToken: 'metrics-token-for-tests' } });
    try {
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const wrong = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.statusCode).toBe(404);
      const ok = await guarded.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.7',
        headers: { authorization: 'Bearer metrics-token-for-tests' },
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
