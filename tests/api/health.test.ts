import { DB_KIND, makeApp, type TestApp } from './helper';

describe('GET /api/v1/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it(`says ok and names the database kind (${DB_KIND})`, async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', db: { kind: DB_KIND, ok: true } });
    expect(typeof body.db.latencyMs).toBe('number');
  });

  it('answers 503 degraded when the database does not answer', async () => {
    const broken = await makeApp();
    const query = broken.db.query.bind(broken.db);
    broken.db.query = async (sql: string, params?: unknown[]) => {
      if (sql.startsWith('SELECT 1')) throw new Error('connection refused');
      return query(sql, params);
    };
    try {
      const res = await broken.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', db: { kind: DB_KIND, ok: false } });
    } finally {
      await broken.close();
    }
  });
});
