import { Writable } from 'node:stream';
import { SLOW_REQUEST_MS } from '../../server/src/plugins/request-log';
import { bearer, IDS, login, makeApp, type TestApp } from './helper';

describe('logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    t = await makeApp({ logger: { level: 'trace', stream } });
    t.app.get('/api/v1/test/boom', async () => {
      throw new Error('relation "secret_table" does not exist');
    });
    t.app.get('/api/v1/test/slow', async () => {
      await new Promise((r) => setTimeout(r, SLOW_REQUEST_MS + 50));
      return { ok: true };
    });
  });
  const since = (from: number) =>
    lines.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);
  afterAll(async () => t.close());

  it('never contain ID numbers, phones or bearer tokens, even around a PUT /me that fails', async () => {
    const token = await login(t.app, 'log-user');
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { name: '陈青青', phone: '13987654321', idNumber: IDS.adultMale2 },
    });
    expect(ok.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { phone: '13987654322', idNumber: '310104198808085512' },
    });
    expect(bad.statusCode).toBe(400);
    const child = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/children',
      headers: bearer(token),
      payload: { name: '陈小小', idNumber: IDS.childFemale },
    });
    expect(child.statusCode).toBe(201);

    const log = lines.join('');
    for (const secret of [
      IDS.adultMale2,
      '310104198808085512',
      '13987654321',
      '13987654322',
      IDS.childFemale,
      token,
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('ID_NUMBER_INVALID'); // the rejection itself is logged, by code
  });

  it('writes no line for a request answered in time, at any level', async () => {
    const token = await login(t.app, 'log-quiet');
    const from = lines.length;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(since(from)).toEqual([]);
  });

  it('logs a 5xx at error with its stack, and a slow request at warn with its time, never the token', async () => {
    const token = await login(t.app, 'log-loud');
    let from = lines.length;
    const boom = await t.app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(boom.statusCode).toBe(500);
    const [failed] = since(from).filter((l) => l.msg === 'request failed');
    expect(failed).toMatchObject({ level: 50, reqId: boom.headers['x-request-id'] });
    expect((failed!.err as { stack: string }).stack).toContain('secret_table');

    from = lines.length;
    const slow = await t.app.inject({
      method: 'GET',
      url: '/api/v1/test/slow',
      headers: { ...bearer(token), 'idempotency-key': 'slow-key-12345678' },
    });
    expect(slow.statusCode).toBe(200);
    const logged = since(from);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'slow request',
        reqId: slow.headers['x-request-id'],
        req: expect.objectContaining({ method: 'GET', url: '/api/v1/test/slow' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    expect(logged[0]!.responseTime).toBeGreaterThanOrEqual(SLOW_REQUEST_MS);
    const text = lines.slice(from).join('');
    expect(text).not.toContain(token);
    expect(text).not.toContain('slow-key-12345678');
  });
});
