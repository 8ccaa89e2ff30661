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

describe('我的 — 即将开始', () => {
  const signIn = () =>
    useSession.setState({
      token: 'tok-2',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '2', role: 'resident', orgIds: [], name: '王青', profileComplete: true },
    });
  const items = [
    {
      kind: 'stay',
      key: 'stay-7',
      title: '青年人才驿站·漕河泾合作酒店',
      place: '上海市徐汇区宜山路889号',
      startsAt: '2027-01-21T06:00:00.000Z',
      endsAt: '2027-01-23T04:00:00.000Z',
      url: '/features/station/pages/mine/index',
    },
    {
      kind: 'session',
      key: 'session-3-2',
      title: '摄影入门 · 第2次课',
      place: '徐汇青年活动中心',
      startsAt: '2027-01-26T11:00:00.000Z',
      endsAt: '2027-01-26T12:30:00.000Z',
      url: '/features/night-school/pages/mine/index',
    },
  ];

  it('lists what is coming, in Beijing time, each with 加入日历', async () => {
    silenceUi();
    signIn();
    scriptRequests((_m, url) =>
      url.endsWith('/api/v1/me/upcoming')
        ? { statusCode: 200, data: { items } }
        : { statusCode: 200, data: {} },
    );
    render(<Mine />);
    await waitFor(() => expect(screen.getAllByTestId('upcoming-item')).toHaveLength(2));
    expect(screen.getByText('1月21日 周四 至 1月23日')).toBeTruthy();
    expect(screen.getByText('1月26日 周二 19:00–20:30')).toBeTruthy();
    expect(screen.getAllByText('加入日历')).toHaveLength(2);
  });

  it('says when nothing is coming, and shows a failed load as a failure with 重试', async () => {
    silenceUi();
    signIn();
    let fail = true;
    scriptRequests((_m, url) => {
      if (!url.endsWith('/api/v1/me/upcoming')) return { statusCode: 200, data: {} };
      return fail
        ? { statusCode: 200, data: { unexpected: true } } // a malformed answer
        : { statusCode: 200, data: { items: [] } };
    });
    render(<Mine />);
    await waitFor(() => expect(screen.getByTestId('load-failed')).toBeTruthy());
    fail = false;
    await act(async () => fireEvent.click(screen.getByText('重试')));
    await waitFor(() =>
      expect(screen.getByText('30天内没有安排。报名、预订后会显示在这里。')).toBeTruthy(),
    );
  });
});
