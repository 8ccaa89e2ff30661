import { bearer, login, makeApp, type TestApp } from './helper';

describe('one error shape {statusCode, code, error, message}', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await makeApp();
    t.app.get('/api/v1/test/boom', async () => {
      throw new Error('relation "secret_table" does not exist at 10.0.0.5');
    });
    token = await login(t.app, 'errors-user');
  });
  afterAll(async () => t.close());

  const putRaw = (payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: { ...bearer(token), 'content-type': 'application/json', ...headers },
      payload,
    });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await putRaw('{"name": "张三",');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'INVALID_JSON',
      error: 'Bad Request',
      message: '请求内容不是有效的 JSON',
    });
  });

  it('answers an unknown field with 400 VALIDATION_FAILED naming it (not silently dropped)', async () => {
    const res = await putRaw(JSON.stringify({ name: '张三', isAdmin: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '不支持的字段：isAdmin',
    });
  });

  it('answers a wrong type with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await putRaw(JSON.stringify({ name: { first: '张' } }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '「名称」的类型不正确',
    });
  });

  it('does not quietly turn a number into a string: a numeric phone is a wrong type too', async () => {
    const res = await putRaw(JSON.stringify({ phone: 13812345678 }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '「手机号」的类型不正确',
    });
  });

  it('answers a wrong content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await putRaw('name=张三', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers an oversize body with 400 BODY_TOO_LARGE', async () => {
    const res = await putRaw(JSON.stringify({ name: 'x'.repeat(70 * 1024) }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE', message: '请求内容过大' });
  });

  it('answers an unknown API route with a JSON 404 NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      error: 'Not Found',
      message: '请求的内容不存在',
    });
  });

  it('hides the internals of a 500 behind INTERNAL and a generic Chinese message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      error: 'Internal Server Error',
      message: '服务器开小差了，请稍后再试',
    });
    expect(res.body).not.toContain('secret_table');
  });

  it('answers an invalid query value with VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs?kind=castle' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /docs/json (OpenAPI)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('is generated from the route schemas and lists /api/v1/me with its error responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/me'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/me'].put.responses['429']).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/auth/wechat',
        '/api/v1/me/children',
        '/api/v1/orgs',
      ]),
    );
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
