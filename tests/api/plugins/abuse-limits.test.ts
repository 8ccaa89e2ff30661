// Per-user and per-IP limits on the endpoints that cost or leak something on every call: profile
// edits (ID-number probing), WeChat login (a code2session each) and station proof uploads (an image
// each). A refusal is 429 RATE_LIMITED with Retry-After, and the refused request changes nothing.
import type { LightMyRequestResponse } from 'fastify';
import { bearer, login, makeApp, type TestApp } from '../helper';
import { startFakeWechat, type FakeWechat } from '../fake-wechat';
import { uploadFile } from '../files/upload';

// per user 2, per IP 4, in a window no test outlives
const tight = { windowMs: 10 * 60_000, perUser: 2, perIp: 4 };

function expectLimited(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.json()).toMatchObject({
    statusCode: 429,
    code: 'RATE_LIMITED',
    message: expect.stringMatching(/^操作太频繁，请 \d+ 秒后再试$/),
  });
}

describe('abuse limits', () => {
  let wx: FakeWechat;
  let t: TestApp;
  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await makeApp({
      config: {
        wechat: {
          appId: 'wx-rl-appid',
          secret: 'wx-rl-secret',
          apiBase: wx.baseUrl,
          timeoutMs: 1000,
          templates: {},
          wxacodeEnv: 'develop',
        },
      },
      abuseLimits: { profile: tight, login: tight, proof: tight },
    });
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  describe('PUT /me', () => {
    const putMe = (token: string, name: string, remoteAddress = '10.1.0.1') =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/me',
        headers: bearer(token),
        payload: { name },
        remoteAddress,
      });

    it('lets one person edit twice, then answers 429 with Retry-After and keeps the profile as it was', async () => {
      const token = await login(t.app, 'rl-me-a');
      expect((await putMe(token, '张一')).statusCode).toBe(200);
      expect((await putMe(token, '张二')).statusCode).toBe(200);
      expectLimited(await putMe(token, '张三'));
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json()
          .name,
      ).toBe('张二');
    });

    it('counts per IP across people: a second account from that address is refused after the 4th request', async () => {
      const other = await login(t.app, 'rl-me-b');
      // the address has been used 3 times above
      expect((await putMe(other, '李一')).statusCode).toBe(200);
      expectLimited(await putMe(other, '李二'));
      // the same account from another address still has its own allowance
      expect((await putMe(other, '李三', '10.1.0.2')).statusCode).toBe(200);
    });
  });

  describe('POST /auth/wechat', () => {
    const wechatLogin = (code: string, openid: string, remoteAddress: string) => {
      wx.answer(code, { body: { openid, session_key: 'k' } });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/wechat',
        payload: { code },
        remoteAddress,
      });
    };

    it('limits one WeChat account (per openid) whatever the address', async () => {
      expect((await wechatLogin('rl-c1', 'o-rl-same', '10.2.0.1')).statusCode).toBe(200);
      expect((await wechatLogin('rl-c2', 'o-rl-same', '10.2.0.2')).statusCode).toBe(200);
      expectLimited(await wechatLogin('rl-c3', 'o-rl-same', '10.2.0.3'));
    });

    it('limits one address across WeChat accounts, before asking WeChat at all', async () => {
      for (let i = 1; i <= 4; i++)
        expect((await wechatLogin(`rl-ip-${i}`, `o-rl-ip-${i}`, '10.3.0.1')).statusCode).toBe(200);
      const asked = wx.requests.length;
      expectLimited(await wechatLogin('rl-ip-5', 'o-rl-ip-5', '10.3.0.1'));
      expect(wx.requests.length).toBe(asked);
    });
  });

  describe('POST /stations/proofs', () => {
    // the image itself goes to POST /files (its own limit, tests/api/files); this is the proof record
    const upload = async (token: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/stations/proofs',
        headers: bearer(token),
        payload: { kind: 'interview', fileId: (await uploadFile(t.app, token)).json().id },
        remoteAddress,
      });
    const proofsOf = async (token: string) => {
      const id = (
        await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
      ).json().id;
      const [{ n }] = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM station_proofs WHERE user_id = $1',
        [id],
      );
      return n;
    };

    it('limits uploads per person (nothing stored when refused) and per address', async () => {
      const a = await login(t.app, 'rl-proof-a');
      expect((await upload(a, '10.4.0.1')).statusCode).toBe(201);
      expect((await upload(a, '10.4.0.2')).statusCode).toBe(201);
      expectLimited(await upload(a, '10.4.0.3'));
      expect(await proofsOf(a)).toBe(2);

      const b = await login(t.app, 'rl-proof-b');
      const c = await login(t.app, 'rl-proof-c');
      expect((await upload(b, '10.4.0.9')).statusCode).toBe(201);
      expect((await upload(b, '10.4.0.9')).statusCode).toBe(201);
      expect((await upload(c, '10.4.0.9')).statusCode).toBe(201);
      expect((await upload(c, '10.4.0.9')).statusCode).toBe(201);
      const d = await login(t.app, 'rl-proof-d');
      expectLimited(await upload(d, '10.4.0.9'));
      expect(await proofsOf(d)).toBe(0);
    });
  });
});
