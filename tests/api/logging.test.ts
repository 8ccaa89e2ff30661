import { Writable } from 'node:stream';
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
  });
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
    expect(lines.length).toBeGreaterThan(5); // the logger really was writing
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
});
