import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Mine from '@/pages/mine/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../platform';

describe('我的 (pages/mine) — 退出登录', () => {
  const signIn = () =>
    useSession.setState({
      token: 'tok-1',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '1', role: 'resident', orgIds: [], name: '李青', profileComplete: true },
    });

  it('asks the server to revoke the token (with that token), then shows the signed-out page', async () => {
    silenceUi();
    signIn();
    const sent = scriptRequests((method, url) =>
      method === 'POST' && url.endsWith('/api/v1/auth/logout')
        ? { statusCode: 204, data: '' }
        : { statusCode: 200, data: {} },
    );
    render(<Mine />);
    await act(async () => fireEvent.click(screen.getByText('退出登录')));
    const logout = sent.find((r) => r.url.endsWith('/api/v1/auth/logout'));
    expect(logout).toMatchObject({ method: 'POST', header: { Authorization: 'Bearer tok-1' } });
    await waitFor(() => expect(screen.getByText('尚未登录')).toBeTruthy());
    expect(useSession.getState().token).toBeNull();
  });

  it('signs out on this phone even when the server cannot be reached', async () => {
    silenceUi();
    signIn();
    scriptRequests(() => ({
      statusCode: 503,
      data: {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: 'Service Unavailable',
        message: '服务暂时不可用，请稍后再试',
      },
    }));
    render(<Mine />);
    await act(async () => fireEvent.click(screen.getByText('退出登录')));
    await waitFor(() => expect(useSession.getState().token).toBeNull());
  });
});
