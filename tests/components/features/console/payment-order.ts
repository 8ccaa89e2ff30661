// One row of 收费订单 as GET /payments/admin/orders answers it (the phone already masked), for
// the console's payment tests; `over` changes what a test is about.
export const order = (id: number, over: object = {}) => ({
  id: String(id),
  createdAt: '2026-03-01 23:40',
  payer: '王*明',
  phone: '138****5678',
  offering: '粤语入门',
  site: '共青团上海市徐汇区委员会',
  amountFen: 50_000,
  paidFen: 50_000,
  refundedFen: 0,
  refundStatus: null,
  status: 'paid',
  flag: null,
  paidAt: '2026-03-02 00:00',
  outTradeNo: `yh-ns-${id}-abcd`,
  ...over,
});
