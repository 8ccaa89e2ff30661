// 我的托班 with a paid class's seat: 待支付 with the family's one amount and a countdown on the
// server's clock, 去支付 through the shared pay flow, then 已报名 · 已支付; a cancelled paid seat's
// refund.
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MyEnrollment } from '@/contract/childcare';
import MinePage from '@/features/childcare/pages/mine/index';
import { useChildcare } from '@/features/childcare/store';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';
import { until } from '../night-school/until';

// the server's clock: 10:00:00 Beijing; the hold ends at 10:30:00
const SERVER_NOW = '2026-12-01T02:00:00.000Z';
const HOLD_END = '2026-12-01T02:30:00.000Z';

const cls = {
  id: '31',
  name: '低年级班',
  periodId: '11',
  periodName: '第一期',
  programmeName: '2027爱心寒托班',
  startsOn: '2027-01-25',
  endsOn: '2027-02-05',
  siteId: '5',
  siteName: '2026爱心暑托班·长风新村街道社区中心',
  siteAddress: '上海市普陀区天山路1718号',
  siteLatitude: null,
  siteLongitude: null,
  capacity: 35,
  taken: 35,
  remaining: 0,
  waiting: 0,
  gradeMin: 1,
  gradeMax: 2,
  feeFen: 40000,
  whatToBring: '水杯',
};
// two siblings, the second with 减免50%: one order of ¥600 for both
const held: MyEnrollment = {
  id: '77',
  status: 'offered',
  position: null,
  offerExpiresAt: HOLD_END,
  childId: '5',
  childName: '王小明',
  class: cls,
  programmeName: '2027爱心寒托班',
  notice: null,
  pickupCodes: [],
  attendance: [],
  notices: [],
  payment: { state: 'hold', priceFen: 40000, amountFen: 60000, holdExpiresAt: HOLD_END },
  createdAt: '2026-12-01T01:59:00.000Z',
};
const paid: MyEnrollment = {
  ...held,
  status: 'enrolled',
  offerExpiresAt: null,
  payment: { state: 'paid', priceFen: 40000, amountFen: 60000, holdExpiresAt: null },
};
const order = (status: 'pending' | 'paid') => ({
  id: '90',
  status,
  description: '爱心暑托班·2027爱心寒托班',
  amountFen: 60000,
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

describe('待支付 in 我的托班 (features/childcare/pages/mine)', () => {
  beforeEach(() => {
    useChildcare.setState({ mine: [], serverOffset: 0 });
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: null, profileComplete: true },
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env.TARO_ENV = 'h5';
  });

  it('shows the family’s one amount and a countdown on the server’s clock; 去支付 pays, then 已报名 · 已支付', async () => {
    // the mini-program's way: WeChat's own sheet (a browser pays only with the demo's fake)
    process.env.TARO_ENV = 'weapp';
    // the phone's clock is 10 minutes fast: the countdown must not follow it
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse(SERVER_NOW) + 10 * 60_000);
    const requestPayment = jest
      .spyOn(Taro, 'requestPayment')
      .mockResolvedValue({ errMsg: 'requestPayment:ok' } as never);
    let state = held;
    const sent = scriptRequests((method, url) => {
      if (url.endsWith('/enrollments/77/pay'))
        return { statusCode: 200, data: { order: order('pending'), requestPayment: params } };
      if (url.endsWith('/payments/orders/90/refresh')) {
        state = paid;
        return { statusCode: 200, data: order('paid') };
      }
      if (method === 'GET')
        return { statusCode: 200, data: { items: [state], serverNow: SERVER_NOW } };
      return { statusCode: 404, data: {} };
    });
    const { toast } = silenceUi();
    render(<MinePage />);
    const deadline = await until(() => screen.queryByTestId('pay-deadline'));
    expect(deadline.textContent).toContain('全家托班费 ¥600.00');
    await until(() =>
      screen.getByTestId('pay-deadline').textContent?.includes('剩 30:00') ? true : null,
    );
    expect(screen.getByText('待支付')).toBeTruthy();
    expect(screen.queryByTestId('cc-accept')).toBeNull();
    await act(async () => fireEvent.click(screen.getByText('去支付')));
    await until(() => screen.queryByText('已报名 · 已支付'));
    expect(screen.getByTestId('cc-paid').textContent).toBe(
      '本孩子托班费 ¥400.00（全家合计 ¥600.00，已一次付清）',
    );
    expect(requestPayment).toHaveBeenCalledWith(params);
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      expect.stringMatching(/\/childcare\/enrollments\/77\/pay$/),
      expect.stringMatching(/\/payments\/orders\/90\/refresh$/),
    ]);
    expect(toast).toHaveBeenCalledWith({ title: '支付成功，报名成功', icon: 'none' });
  });

  it('a cancelled paid seat reads 退款中, then 已退款 with that child’s own share', async () => {
    const cancelled = (state: 'refunding' | 'refunded'): MyEnrollment => ({
      ...paid,
      status: 'cancelled',
      payment: { state, priceFen: 40000, amountFen: null, holdExpiresAt: null, refundFen: 40000 },
    });
    let state = cancelled('refunding');
    scriptRequests(() => ({ statusCode: 200, data: { items: [state], serverNow: SERVER_NOW } }));
    silenceUi();
    const { unmount } = render(<MinePage />);
    expect((await until(() => screen.queryByTestId('cc-refund'))).textContent).toBe(
      '退款中 ¥400.00（原路退回微信）',
    );
    expect(screen.getByText('已取消')).toBeTruthy();
    expect(screen.queryByTestId('cc-cancel')).toBeNull();
    unmount();
    state = cancelled('refunded');
    render(<MinePage />);
    await until(() => screen.queryByText('已退款 ¥400.00（原路退回微信）'));
  });
});
