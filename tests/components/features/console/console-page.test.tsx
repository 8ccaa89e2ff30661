// The console page: the desktop layout from 1,024 px (navigation by service, the admin's sections
// for admins only, 数据看板 opening the dashboards), and a pointer to the phone pages below it.
import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import type { Role } from '@/contract/account';
import { useSession } from '@/lib/session';
import ConsolePage from '@/features/console/pages/index/index';
import { scriptRequests, silenceUi } from '../../platform';

function signInAs(role: Role) {
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds: ['3'], name: '李青', profileComplete: true },
  });
}
const widen = (px: number) =>
  Object.defineProperty(window, 'innerWidth', { value: px, configurable: true });
const empty = {
  statusCode: 200,
  data: { items: [], total: 0, page: 1, pageSize: 20, sort: 'id', date: '' },
};

describe('console page', () => {
  beforeEach(() => silenceUi());
  afterEach(() => {
    widen(1024);
    jest.restoreAllMocks();
  });

  it('below 1,024 px points to the phone’s organizer pages instead of a squeezed table', () => {
    widen(800);
    signInAs('organizer');
    const sent = scriptRequests(() => empty);
    render(<ConsolePage />);
    expect(screen.getByText('请在电脑上使用工作台')).toBeTruthy();
    expect(screen.queryByTestId('console')).toBeNull();
    expect(sent).toEqual([]);
    expect(document.documentElement.classList.contains('console-wide')).toBe(false);
  });

  it('at 1,280 px shows the services on the left and lifts the phone column', async () => {
    widen(1280);
    signInAs('organizer');
    scriptRequests(() => empty);
    render(<ConsolePage />);
    expect(screen.getByTestId('console')).toBeTruthy();
    expect(document.documentElement.classList.contains('console-wide')).toBe(true);
    for (const s of ['station', 'childcare', 'night-school', 'volunteer'])
      expect(screen.getByTestId(`nav-${s}`)).toBeTruthy();
    expect(screen.queryByTestId('nav-roles')).toBeNull();
    const go = jest
      .spyOn(Taro, 'navigateTo')
      .mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    fireEvent.click(screen.getByTestId('nav-dashboard'));
    expect(go).toHaveBeenCalledWith({ url: '/features/dashboard/pages/index/index' });
    fireEvent.click(screen.getByTestId('nav-night-school'));
    expect(screen.getByTestId('tab-night-school-appeals')).toBeTruthy();
    fireEvent.click(screen.getByTestId('tab-night-school-appeals'));
    expect(screen.getByTestId('table-night-school-appeals')).toBeTruthy();
    expect(await screen.findByText('共 0 条')).toBeTruthy();
  });

  it('gives the admin the roles and the audit log', async () => {
    widen(1280);
    signInAs('admin');
    scriptRequests(() => empty);
    render(<ConsolePage />);
    fireEvent.click(screen.getByTestId('nav-audit'));
    expect(screen.getByTestId('table-audit')).toBeTruthy();
    expect(screen.getByTestId('nav-roles')).toBeTruthy();
    expect(await screen.findByText('共 0 条')).toBeTruthy();
  });
});
