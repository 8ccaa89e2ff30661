import type { ComponentType } from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import Home from '@/pages/home/index';
import Messages from '@/pages/messages/index';
import Mine from '@/pages/mine/index';
import Login from '@/pages/login/index';
import ProfilePage from '@/features/account/pages/profile/index';
import { useCareMode } from '@/lib/care-mode';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from './platform';

const me = {
  id: '7',
  role: 'resident',
  orgIds: [],
  name: '王阿姨',
  phoneMasked: '138****5678',
  idNumberMasked: '310104********123X',
  birthDate: '1966-03-07',
  age: 60,
  gender: 'female',
  profileComplete: true,
};

function signIn() {
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '王阿姨', profileComplete: true },
  });
}

const pages: [string, ComponentType, string][] = [
  ['首页', Home, '青年驿站'],
  ['消息', Messages, '暂无消息'],
  ['我的', Mine, '关怀模式'],
  ['登录', Login, '演示登录'],
  ['实名资料', ProfilePage, '身份证号'],
];

describe('关怀模式 (care mode) across the main pages', () => {
  beforeEach(() => {
    signIn();
    silenceUi();
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
    jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' } as never);
    scriptRequests((_m, url) => ({
      statusCode: 200,
      data: url.includes('/messages')
        ? { items: [], unread: 0, next: null, ...(url.includes('unread') ? { unread: 0 } : {}) }
        : me,
    }));
  });

  describe.each(pages)('%s', (_name, Page, landmark) => {
    it.each([
      [false, 'renders at the normal size'],
      [true, 'renders everything scaled up under the care class'],
    ])('care=%s: %s', async (care) => {
      useCareMode.setState({ on: care });
      const { container } = render(<Page />);
      await waitFor(() => expect(screen.getAllByText(landmark).length).toBeGreaterThan(0));
      const root = container.querySelector('.page');
      expect(root).not.toBeNull();
      expect(root!.classList.contains('care')).toBe(care);
    });
  });

  it('is switched on in 我的 and remembered on this phone', async () => {
    render(<Mine />);
    const input = await waitFor(() => {
      const found = document.querySelector<HTMLInputElement>('#care-mode input');
      if (!found) throw new Error('no switch yet');
      return found;
    });
    act(() => {
      input.click();
    });
    await waitFor(() => expect(useCareMode.getState().on).toBe(true));
    expect(JSON.parse(Taro.getStorageSync('youth-hub/care-mode'))).toMatchObject({
      state: { on: true },
    });
    expect(document.querySelector('.page')!.classList.contains('care')).toBe(true);
  });
});
