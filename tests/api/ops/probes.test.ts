// /livez, /readyz and request ids: what a balancer and an operator reading logs rely on.
import { DB_KIND, makeApp, type TestApp } from '../helper';

describe(`probes and request ids (${DB_KIND})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('/livez answers without touching the database', async () => {
    t.db.query = async () => {
      throw new Error('database gone');
    };
    const res = await t.app.inject({ method: 'GET', url: '/livez' });
    expect(res.statusCode).toBe(200);
  });

  it('/readyz is 200 when the database answers and the schema is current', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('/readyz is 503 when the database does not answer', async () => {
    t.db.query = async () => {
      throw new Error('connection refused');
    };
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toMatchObject({ database: false });
  });

  it('/readyz is 503 when a migration is missing', async () => {
    await t.db.exec(
      'DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations)',
    );
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ database: true, migrations: false });
  });

  it('gives every response a UUID request id, and ignores a client-sent one when no proxy is trusted', async () => {
    const a = await t.app.inject({
      method: 'GET',
      url: '/api/v1/time',
      headers: { 'x-request-id': 'forged-by-client-123' },
    });
    expect(a.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const b = await t.app.inject({ method: 'GET', url: '/api/v1/time' });
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });

  it('behind a trusted proxy, keeps the id the proxy sent so both logs join', async () => {
    const proxied = await makeApp({ config: { trustProxy: 1 } });
    try {
      const id = '3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b';
      const res = await proxied.app.inject({
        method: 'GET',
        url: '/api/v1/time',
        headers: { 'x-request-id': id },
      });
      expect(res.headers['x-request-id']).toBe(id);
      const bad = await proxied.app.inject({
        method: 'GET',
        url: '/api/v1/time',
        headers: { 'x-request-id': 'x\nInjected: 1' },
      });
      expect(bad.headers['x-request-id']).not.toContain('Injected');
    } finally {
      await proxied.close();
    }
  });
});
