import { makeApp, type TestApp } from './helper';
import { startFakeWechat, type FakeWechat } from './fake-wechat';

describe('POST /api/v1/auth/wechat', () => {
  let wx: FakeWechat;
  let t: TestApp;
  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await makeApp({
      config: {
        wechat: {
          appId: 'wx-test-appid',
          secret: 'wx-test-secret',
          apiBase: wx.baseUrl,
          timeoutMs: 300,
          templates: {},
          wxacodeEnv: 'develop',
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  const loginWith = (code: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code } });

  it('exchanges the code for an openid, creates the user and returns a session', async () => {
    wx.answer('code-ok', { body: { openid: 'o-wx-1', session_key: 'SESSIONKEY' } });
    const res = await loginWith('code-ok');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      user: { role: 'resident', orgIds: [], name: null, profileComplete: false },
    });
    expect(typeof s.token).toBe('string');
    expect(Date.parse(s.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(res.body).not.toContain('SESSIONKEY');
    const sent = wx.requests.at(-1)!;
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      appid: 'wx-test-appid',
      secret: 'wx-test-secret',
      js_code: 'code-ok',
      grant_type: 'authorization_code',
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(me.json().id).toBe(s.user.id);
  });

  it('reuses the same user when the same openid logs in again', async () => {
    wx.answer('code-a', { body: { openid: 'o-wx-2', session_key: 'k' } });
    wx.answer('code-b', { body: { openid: 'o-wx-2', session_key: 'k' } });
    const first = (await loginWith('code-a')).json();
    const second = (await loginWith('code-b')).json();
    expect(second.user.id).toBe(first.user.id);
  });

  it.each([
    [40029, 401, 'WECHAT_CODE_INVALID'],
    [45011, 429, 'WECHAT_RATE_LIMITED'],
    [40226, 403, 'WECHAT_USER_BLOCKED'],
    [-1, 503, 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat errcode %i to %i %s', async (errcode, status, code) => {
    wx.answer(`code-${errcode}`, { body: { errcode, errmsg: 'x' } });
    const res = await loginWith(`code-${errcode}`);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, code });
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('answers 503 WECHAT_UNAVAILABLE when WeChat returns a 5xx', async () => {
    wx.answer('code-500', { status: 502, body: 'bad gateway' });
    const res = await loginWith('code-500');
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('WECHAT_UNAVAILABLE');
  });

  it('gives up after the timeout when WeChat hangs, with 503 WECHAT_UNAVAILABLE', async () => {
    wx.answer('code-hang', { hang: true });
    const started = Date.now();
    const res = await loginWith('code-hang');
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('WECHAT_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers 503 WECHAT_NOT_CONFIGURED when appid/secret are not set', async () => {
    const bare = await makeApp();
    try {
      const res = await bare.app.inject({
        method: 'POST',
        url: '/api/v1/auth/wechat',
        payload: { code: 'x' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('WECHAT_NOT_CONFIGURED');
    } finally {
      await bare.close();
    }
  });

  it('refuses a missing code with VALIDATION_FAILED', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写「签到码」' });
  });
});
