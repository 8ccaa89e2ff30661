import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import Home from '@/pages/home/index';
import { useSession } from '@/lib/session';
import { silenceUi } from '../platform';

describe('首页 (pages/home)', () => {
  it('shows the four services as entries, each opening its own subpackage page', () => {
    const { navigate } = silenceUi();
    render(<Home />);
    for (const name of ['青年夜校', '青年驿站', '爱心托班', '志愿服务']) {
      expect(screen.getByText(name)).toBeTruthy();
    }
    fireEvent.click(screen.getByTestId('service-station'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/station/pages/index/index' });
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('greets a signed-in resident by name', () => {
    useSession.setState({
      token: 't',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '1', role: 'resident', orgIds: [], name: '李青', profileComplete: true },
    });
    render(<Home />);
    expect(screen.getByText('李青，你好')).toBeTruthy();
  });
});
