// 手机号快速验证: the getPhoneNumber code goes through the WeChat adapter (here a local fake of
// api.weixin.qq.com); the number WeChat returns is stored encrypted and marked verified. Typing a
// number by hand (PUT /me) stays possible and clears the mark.
import { bearer, login, makeApp, type TestApp } from '../helper';
import { startFakeWechat, type FakeWechat } from '../fake-wechat';

const phoneInfo = (pure: string, countryCode = '86') => ({
  body: {
    errcode: 0,
    errmsg: 'ok',
    phone_info: {
      phoneNumber: countryCode === '86' ? pure : `+${countryCode}${pure}`,
      purePhoneNumber: pure,
      countryCode,
      watermark: { timestamp: 1, appid: 'wx-test-appid' },
    },
  },
});

describe('POST /api/v1/me/phone/wechat', () => {
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
          timeoutMs: 3000,
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

  const exchange = (token: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/phone/wechat',
      headers: bearer(token),
      payload,
    });
  const storedPhone = async (openid: string) =>
    (
      await t.db.query<{ phone: string | null; verified: boolean }>(
        `SELECT phone, phone_verified_at IS NOT NULL AS verified FROM users WHERE openid = $1`,
        [`dev:${openid}`],
      )
    )[0];

  it('stores the number WeChat verified, encrypted, and answers it masked', async () => {
    const token = await login(t.app, 'wxp-ok');
    wx.phoneAnswer('phone-code-ok', phoneInfo('13812345678'));
    const res = await exchange(token, { code: 'phone-code-ok' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phoneMasked: '138****5678', phoneVerified: true });
    expect(res.body).not.toContain('13812345678');

    const sent = wx.recorded.filter((r) => r.url.pathname === '/wxa/business/getuserphonenumber');
    expect(sent.at(-1)!.body).toEqual({ code: 'phone-code-ok' });
    expect(sent.at(-1)!.url.searchParams.get('access_token')).toBe('TOKEN-1');

    const row = await storedPhone('wxp-ok');
    expect(row.verified).toBe(true);
    expect(row.phone).toMatch(/^enc1:test:/);
    expect(row.phone).not.toContain('13812345678');
  });

  it('typed by hand, the number is no longer marked verified', async () => {
    const token = await login(t.app, 'wxp-typed');
    wx.phoneAnswer('phone-code-typed', phoneInfo('13900001111'));
    await exchange(token, { code: 'phone-code-typed' });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { phone: '13700002222' },
    });
    expect(put.json()).toMatchObject({ phoneMasked: '137****2222', phoneVerified: false });
    const row = await storedPhone('wxp-typed');
    expect([row.verified, row.phone!.startsWith('enc1:test:')]).toEqual([false, true]);
  });

  it('refuses a used or forged code, a number outside the mainland, and a malformed body', async () => {
    const token = await login(t.app, 'wxp-bad');
    const forged = await exchange(token, { code: 'never-issued' });
    expect([forged.statusCode, forged.json().code]).toEqual([400, 'WECHAT_PHONE_CODE_INVALID']);
    wx.phoneAnswer('phone-code-hk', phoneInfo('51234567', '852'));
    const hk = await exchange(token, { code: 'phone-code-hk' });
    expect([hk.statusCode, hk.json().code]).toEqual([400, 'PHONE_NOT_MAINLAND']);
    const empty = await exchange(token, { code: '' });
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await storedPhone('wxp-bad')).toEqual({ phone: null, verified: false });
  });

  it('fetches a new access token once when WeChat says the cached one is stale', async () => {
    const token = await login(t.app, 'wxp-stale');
    wx.phoneAnswer('phone-code-stale', phoneInfo('13655556666'));
    // another party refreshed the token: the one this app cached (earlier tests) is now refused
    const held = wx.currentToken;
    wx.revokeToken();
    const from = wx.recorded.length;
    const res = await exchange(token, { code: 'phone-code-stale' });
    expect(res.json()).toMatchObject({ phoneMasked: '136****6666', phoneVerified: true });
    expect(
      wx.recorded.slice(from).map((r) => [r.url.pathname, r.url.searchParams.get('access_token')]),
    ).toEqual([
      ['/wxa/business/getuserphonenumber', held],
      ['/cgi-bin/stable_token', null],
      ['/wxa/business/getuserphonenumber', wx.currentToken],
    ]);
  });

  it('answers 503 when WeChat does not answer in time', async () => {
    const token = await login(t.app, 'wxp-hang');
    wx.phoneAnswer('phone-code-hang', { hang: true });
    const res = await exchange(token, { code: 'phone-code-hang' });
    expect([res.statusCode, res.json().code]).toEqual([503, 'WECHAT_UNAVAILABLE']);
  });
});

describe('POST /api/v1/me/phone/wechat without WeChat configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('answers 503 WECHAT_NOT_CONFIGURED (the H5 build types the number instead)', async () => {
    const token = await login(t.app, 'wxp-none');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/phone/wechat',
      headers: bearer(token),
      payload: { code: 'any-code' },
    });
    expect([res.statusCode, res.json().code]).toEqual([503, 'WECHAT_NOT_CONFIGURED']);
  });
});
