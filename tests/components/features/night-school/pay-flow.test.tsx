import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MyApplication } from '@/contract/night-school';
import MyNightSchoolPage from '@/features/night-school/pages/mine/index';
import { useNightSchool } from '@/features/night-school/store';
import { useSession } from '@/lib/session';
import { silenceUi } from '../../platform';
import { until } from './until';
import { course, scriptNightSchool } from './fixtures';

const cantonese = course({ id: '12', title: '粤语入门', feeFen: 50_000 });
// the server's clock: 10:00:00 Beijing; the hold ends at 10:30:00
const SERVER_NOW = '2026-12-05T02:00:00.000Z';
const HOLD_END = '2026-12-05T02:30:00.000Z';

const held: MyApplication = {
  application: {
    id: '601',
    courseId: '12',
    termId: '1',
    status: 'offered',
    reason: null,
    waitPosition: null,
    offerExpiresAt: HOLD_END,
    createdAt: '2026-12-05T01:59:00.000Z',
  },
  course: cantonese,
  attendance: [],
};
const paid: MyApplication = {
  ...held,
  application: { ...held.application, status: 'confirmed', offerExpiresAt: null },
};

const order = (status: 'pending' | 'paid') => ({
  id: '90',
  status,
  description: '青年夜校·粤语入门',
  amountFen: 50_000,
  refundedFen: 0,
  holdExpiresAt: HOLD_END,
  secondsLeft: status === 'pending' ? 1800 : 0,
  serverNow: SERVER_NOW,
  flagged: false,
});
const params = {
  timeStamp: '1796436000',
  nonceStr: 'N0NCE',
  package: 'prepay_id=wx123',
  signType: 'RSA',
  paySign: 'c2lnbg==',
};

describe('去支付 in 我的夜校 (features/night-school/pages/mine)', () => {
  beforeEach(() => {
    useNightSchool.getState().reset();
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
    });
  });
  afterEach(() => jest.restoreAllMocks());

  function script(pay: () => void) {
    let state = held;
    const sent = scriptNightSchool((method, url) => {
      if (url.endsWith('/time')) return { statusCode: 200, data: { now: SERVER_NOW } };
      if (url.endsWith('/applications/601/pay'))
        return { statusCode: 200, data: { order: order('pending'), requestPayment: params } };
      if (url.endsWith('/payments/orders/90/refresh')) {
        pay();
        state = paid;
        return { statusCode: 200, data: order('paid') };
      }
      if (method === 'GET') return { statusCode: 200, data: { items: [state], barred: null } };
      return { statusCode: 404, data: {} };
    });
    return sent;
  }

  it('shows the fee and a countdown on the server’s clock, pays with the signed parameters, then shows 已录取', async () => {
    // the phone's clock is 10 minutes fast: the countdown must not follow it
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse(SERVER_NOW) + 10 * 60_000);
    const requestPayment = jest
      .spyOn(Taro, 'requestPayment')
      .mockResolvedValue({ errMsg: 'requestPayment:ok' } as never);
    const sent = script(() => undefined);
    const { toast } = silenceUi();
    render(<MyNightSchoolPage />);
    const deadline = await until(() => screen.queryByTestId('pay-deadline'));
    expect(deadline.textContent).toContain('学费 ¥500.00');
    await until(() =>
      screen.getByTestId('pay-deadline').textContent?.includes('剩 30:00') ? true : null,
    );
    expect(screen.getByText('待支付')).toBeTruthy();
    expect(screen.queryByText('确认上课')).toBeNull();
    await act(async () => fireEvent.click(screen.getByText('去支付')));
    await until(() => screen.queryByText('已录取'));
    expect(requestPayment).toHaveBeenCalledWith(params);
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      expect.stringMatching(/\/night-school\/applications\/601\/pay$/),
      expect.stringMatching(/\/payments\/orders\/90\/refresh$/),
    ]);
    expect(toast).toHaveBeenCalledWith({ title: '支付成功，报名成功', icon: 'none' });
  });

  it('closing the payment sheet keeps the hold and says so, without asking the server again', async () => {
    jest.spyOn(Taro, 'requestPayment').mockRejectedValue({ errMsg: 'requestPayment:fail cancel' });
    const sent = script(() => {
      throw new Error('no refresh expected');
    });
    const { toast } = silenceUi();
    render(<MyNightSchoolPage />);
    await until(() => screen.queryByText('去支付'));
    await act(async () => fireEvent.click(screen.getByText('去支付')));
    expect(toast).toHaveBeenCalledWith({
      title: '未完成支付，名额在支付时限内为你保留',
      icon: 'none',
    });
    expect(sent.some((r) => r.url.endsWith('/refresh'))).toBe(false);
    expect(screen.getByText('待支付')).toBeTruthy();
  });
});
