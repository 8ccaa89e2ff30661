import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Message } from '@/contract/messages';
import Messages from '@/pages/messages/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../platform';

const msg = (id: string, read: boolean, link: string | null = null): Message => ({
  id,
  kind: 'booking',
  title: `预约已通过 ${id}`,
  body: '请于 14:00–22:00 凭码入住',
  link,
  createdAt: '2026-07-01T01:00:00.000Z',
  read,
});

function signIn() {
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '1', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
  });
}

describe('消息 (pages/messages)', () => {
  it('asks a signed-out visitor to log in instead of showing an empty list', () => {
    render(<Messages />);
    expect(screen.getByText('登录后查看消息')).toBeTruthy();
  });

  it('lists messages with the unread ones marked, in Beijing time, and sets the tab badge', async () => {
    signIn();
    silenceUi();
    const badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
    scriptRequests(() => ({
      statusCode: 200,
      data: { items: [msg('2', false), msg('1', true)], unread: 1, next: null },
    }));
    render(<Messages />);
    await waitFor(() => expect(screen.getAllByTestId('message-item')).toHaveLength(2));
    expect(screen.getByText('1 条未读')).toBeTruthy();
    expect(screen.getAllByText('7月1日 09:00')).toHaveLength(2);
    expect(document.querySelectorAll('.message-item--unread')).toHaveLength(1);
    expect(badge).toHaveBeenCalledWith({ index: 1, text: '1' });
  });

  it('opening an unread message marks it read on the server and follows its link', async () => {
    signIn();
    const { navigate } = silenceUi();
    jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
    const sent = scriptRequests((method) =>
      method === 'GET'
        ? {
            statusCode: 200,
            data: {
              items: [msg('5', false, '/features/station/pages/index/index')],
              unread: 1,
              next: null,
            },
          }
        : { statusCode: 200, data: { ok: true } },
    );
    render(<Messages />);
    await waitFor(() => expect(screen.getByTestId('message-item')).toBeTruthy());
    await act(async () => fireEvent.click(screen.getByTestId('message-item')));
    expect(sent.some((r) => r.method === 'POST' && r.url.endsWith('/api/v1/messages/5/read'))).toBe(
      true,
    );
    expect(navigate).toHaveBeenCalledWith({ url: '/features/station/pages/index/index' });
    expect(screen.getByText('全部已读')).toBeTruthy();
    expect(document.querySelectorAll('.message-item--unread')).toHaveLength(0);
  });
});
