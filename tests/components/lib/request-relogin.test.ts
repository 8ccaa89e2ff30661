// A 401 in WeChat: one silent wx.login re-login and the request again, before the login page.
// Only the platform's HTTP call and wx.login are scripted; request() and the session store run.
import Taro from '@tarojs/taro';
import { request } from '@/lib/request';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../platform';

const REVOKED = {
  statusCode: 401,
  data: {
    statusCode: 401,
    code: 'SESSION_REVOKED',
    error: 'Unauthorized',
    message: '登录已失效，请重新登录',
  },
};
const USER = { id: '7', role: 'resident', profileComplete: true, orgIds: [] };
const freshSession = {
  statusCode: 200,
  data: { token: 'new', expiresAt: '2999-01-01T00:00:00Z', user: USER },
};
const ME = { statusCode: 200, data: { id: '7', name: '王小青' } };

const signedInAs = (token: string) =>
  useSession.setState({ token, expiresAt: '2999-01-01T00:00:00Z', user: null });

describe('request() on a 401 in the weapp', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('signs in again with wx.login, then sends the request once more with the new token', async () => {
    signedInAs('old');
    const { navigate } = silenceUi();
    const login = jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'c1', errMsg: 'login:ok' });
    const sent = scriptRequests((method, url, data) => {
      if (url.endsWith('/api/v1/auth/wechat')) {
        expect(data).toEqual({ code: 'c1' });
        return freshSession;
      }
      return sent[sent.length - 1].header.Authorization === 'Bearer new' ? ME : REVOKED;
    });

    await expect(request('/api/v1/me')).resolves.toEqual({ id: '7', name: '王小青' });
    expect(login).toHaveBeenCalledTimes(1);
    expect(sent.map((r) => `${r.method} ${r.url} ${r.header.Authorization}`)).toEqual([
      'GET /api/v1/me Bearer old',
      'POST /api/v1/auth/wechat Bearer old',
      'GET /api/v1/me Bearer new',
    ]);
    expect(useSession.getState().token).toBe('new');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('three requests meeting a 401 together share one wx.login', async () => {
    signedInAs('old');
    silenceUi();
    const login = jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'c1', errMsg: 'login:ok' });
    const sent = scriptRequests((method, url) => {
      if (url.endsWith('/api/v1/auth/wechat')) return freshSession;
      return sent[sent.length - 1].header.Authorization === 'Bearer new' ? ME : REVOKED;
    });
    await Promise.all([request('/api/v1/me'), request('/api/v1/me'), request('/api/v1/me')]);
    expect(login).toHaveBeenCalledTimes(1);
    expect(sent.filter((r) => r.url.endsWith('/auth/wechat'))).toHaveLength(1);
  });

  it('shows the login page when the request is refused again after the re-login (once, no loop)', async () => {
    signedInAs('old');
    const { navigate } = silenceUi();
    const login = jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'c1', errMsg: 'login:ok' });
    const sent = scriptRequests((method, url) =>
      url.endsWith('/api/v1/auth/wechat') ? freshSession : REVOKED,
    );
    await expect(request('/api/v1/me')).rejects.toMatchObject({ code: 'SESSION_REVOKED' });
    expect(login).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(3);
    expect(useSession.getState().token).toBeNull();
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('shows the login page when wx.login itself fails', async () => {
    signedInAs('old');
    const { navigate } = silenceUi();
    jest.spyOn(Taro, 'login').mockRejectedValue({ errMsg: 'login:fail' });
    const sent = scriptRequests(() => REVOKED);
    await expect(request('/api/v1/me')).rejects.toMatchObject({ code: 'SESSION_REVOKED' });
    expect(sent).toHaveLength(1);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('never signs in someone who had no session: straight to the login page', async () => {
    const { navigate } = silenceUi();
    const login = jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'c1', errMsg: 'login:ok' });
    const sent = scriptRequests(() => REVOKED);
    await expect(request('/api/v1/me')).rejects.toMatchObject({ code: 'SESSION_REVOKED' });
    expect(login).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});

describe('request() on a 401 in H5 (no wx.login)', () => {
  it('keeps the session-ended path: forget the token, open the login page, no re-login', async () => {
    signedInAs('old');
    const { navigate } = silenceUi();
    const login = jest.spyOn(Taro, 'login');
    const sent = scriptRequests(() => REVOKED);
    await expect(request('/api/v1/me')).rejects.toMatchObject({ code: 'SESSION_REVOKED' });
    expect(login).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});
