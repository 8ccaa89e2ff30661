// The access token is shared by every API process: two apps against one (fake) WeChat get the
// same token from /cgi-bin/stable_token and neither revokes the other's, even under concurrent
// sends; each process asks for it once and caches it.
import { makeApp, type TestApp } from '../helper';
import { startFakeWechat, type FakeWechat } from '../fake-wechat';

describe('WeChat access token: one stable token shared by all API processes', () => {
  let wx: FakeWechat;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    wx = await startFakeWechat();
    const config = {
      wechat: {
        appId: 'wx-app',
        secret: 'wx-secret',
        apiBase: wx.baseUrl,
        timeoutMs: 2000,
        templates: {},
        wxacodeEnv: 'develop' as const,
      },
    };
    [a, b] = [await makeApp({ config }), await makeApp({ config })];
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await wx.close();
  });

  const send = (t: TestApp, i: number) =>
    t.app.wechat.sendSubscribe({
      openid: `openid-${i}`,
      templateId: 'TPL',
      data: { thing1: { value: `第${i}条` } },
    });
  const paths = (p: string) => wx.recorded.filter((r) => r.url.pathname === p);

  it('gives both processes the same token, and sends from both never meet a revoked token', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? a : b, i)));
    await send(a, 100);
    await send(b, 101);
    const sends = paths('/cgi-bin/message/subscribe/send');
    expect(sends).toHaveLength(22); // no send was refused and retried
    expect(new Set(sends.map((r) => r.url.searchParams.get('access_token')))).toEqual(
      new Set([wx.currentToken]),
    );
    // one token request per process, however many sends were waiting for it; never forced
    expect(paths('/cgi-bin/stable_token').map((r) => r.body)).toEqual([
      expect.objectContaining({ grant_type: 'client_credential', force_refresh: false }),
      expect.objectContaining({ grant_type: 'client_credential', force_refresh: false }),
    ]);
    expect(paths('/cgi-bin/token')).toHaveLength(0);
  });

  it('after a forced refresh elsewhere, each process picks up the new token once and goes on', async () => {
    wx.recorded.length = 0;
    const revoked = wx.currentToken;
    wx.revokeToken();
    await Promise.all([send(a, 1), send(b, 2), send(a, 3), send(b, 4)]);
    const sends = paths('/cgi-bin/message/subscribe/send');
    expect(sends.filter((r) => r.url.searchParams.get('access_token') === revoked)).toHaveLength(4);
    expect(
      sends.filter((r) => r.url.searchParams.get('access_token') === wx.currentToken),
    ).toHaveLength(4);
    expect(paths('/cgi-bin/stable_token')).toHaveLength(2);
  });
});
