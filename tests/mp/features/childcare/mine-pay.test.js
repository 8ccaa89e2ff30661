// Smoke test of the REAL WeChat output of 我的托班 (dist/features/childcare/pages/mine) with a paid
// class's held seat: it reads 待支付 with the family's one amount and the countdown, and 去支付 calls
// the pay route, wx.requestPayment with the server's parameters, then the order refresh.
const { answer, bootWeapp, waitFor } = require('../../weapp-host');

const PAGE = 'features/childcare/pages/mine/index';
const SERVER_NOW = '2026-12-01T02:00:00.000Z';
const HOLD_END = '2026-12-01T02:30:00.000Z';

const SESSION = JSON.stringify({
  state: {
    token: 'parent-token',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '王建国', profileComplete: true },
  },
  version: 0,
});

const HELD = {
  id: '77',
  status: 'offered',
  position: null,
  offerExpiresAt: HOLD_END,
  childId: '5',
  childName: '王小明',
  class: {
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
  },
  programmeName: '2027爱心寒托班',
  notice: null,
  pickupCodes: [],
  attendance: [],
  notices: [],
  payment: { state: 'hold', priceFen: 40000, amountFen: 60000, holdExpiresAt: HOLD_END },
  createdAt: '2026-12-01T01:59:00.000Z',
};
const PARAMS = {
  timeStamp: '1796436000',
  nonceStr: 'N0NCE',
  package: 'prepay_id=wx123',
  signType: 'RSA',
  paySign: 'c2lnbg==',
};
const ORDER = {
  id: '90',
  status: 'pending',
  description: '爱心暑托班·2027爱心寒托班',
  amountFen: 60000,
  refundedFen: 0,
  holdExpiresAt: HOLD_END,
  secondsLeft: 1800,
  serverNow: SERVER_NOW,
  flagged: false,
};

describe('weapp build: features/childcare/pages/mine (待支付)', () => {
  const requests = [];
  const payments = [];
  let host;
  beforeAll(() => {
    host = bootWeapp({
      route: PAGE,
      wx: {
        getStorageSync: (key) => (key === 'youth-hub/session' ? SESSION : ''),
        showToast: (opts = {}) => answer(opts, { errMsg: 'showToast:ok' }),
        requestPayment: (opts = {}) => {
          payments.push(opts);
          return answer(opts, { errMsg: 'requestPayment:ok' });
        },
        request: (opts) => {
          requests.push(opts);
          let data = null;
          if (opts.url.endsWith('/api/v1/childcare/enrollments/mine'))
            data = { items: [HELD], serverNow: SERVER_NOW };
          else if (opts.url.endsWith('/api/v1/childcare/enrollments/77/pay'))
            data = { order: ORDER, requestPayment: PARAMS };
          else if (opts.url.endsWith('/api/v1/payments/orders/90/refresh'))
            data = { ...ORDER, status: 'paid', secondsLeft: 0 };
          return answer(
            opts,
            data
              ? { statusCode: 200, data, header: {}, errMsg: 'request:ok' }
              : { statusCode: 404, data: {}, header: {}, errMsg: 'request:ok' },
          );
        },
      },
    });
  });
  afterAll(() => host?.close());

  it('shows 待支付 with the family’s amount, and 去支付 pays with the server’s parameters', async () => {
    const page = host.open(PAGE);
    const text = () => page.dom.textContent;
    await waitFor(() => {
      expect(text()).toContain('待支付');
      expect(text()).toContain('全家托班费 ¥600.00');
    }, 'the held seat to render');
    expect(text()).toContain('去支付');
    expect(text()).toContain('逾期名额将顺延给候补');

    const button = page.querySelectorAll('.pay-hold__pay')[0];
    button.dispatchEvent('tap');
    await waitFor(() => expect(payments).toHaveLength(1), 'wx.requestPayment to be called');
    expect(payments[0]).toMatchObject(PARAMS);
    await waitFor(
      () => expect(requests.some((r) => r.url.endsWith('/payments/orders/90/refresh'))).toBe(true),
      'the order to be asked about on return',
    );
    expect(requests.find((r) => r.url.endsWith('/enrollments/77/pay')).method).toBe('POST');
  });
});
