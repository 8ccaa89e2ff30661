// The staff's side of payments in the console, against the fake WeChat Pay: the orders table
// (masked payer, derived states, filters, an organizer's own organizations only), its CSV export,
// the daily totals per site on Beijing days, and the reconciliation finding each kind of
// difference between WeChat and our records, with 向微信查询 settling what it can.
import { bearer, DB_KIND, login, loginStaff } from '../helper';
import { expectError } from '../night-school/fixture';
import { FEE, payWorld, type PayWorld } from './fixture';

// Beijing 23:40 on 1 March: the orders are opened on the 1st, some paid either side of midnight
const T0 = '2026-03-01T15:40:00.000Z';
const BEFORE_MIDNIGHT = '2026-03-01T15:59:59.000Z';
const MIDNIGHT = '2026-03-01T16:00:00.000Z';
// the holds (30 minutes from T0) lapsed at 16:10Z; the reconciliation's grace is 10 minutes
const LATER = '2026-03-01T16:25:00.000Z';

type Row = Record<string, string | number | boolean | null>;

describe(`console payments (${DB_KIND})`, () => {
  let w: PayWorld;
  let admin: string;
  let stranger: string;
  let courseA: string;
  let courseB: string;
  let otherOrgOrder: string;
  const p: Record<string, { token: string; applicationId: string; orderId: string }> = {};

  const get = (token: string, url: string, query: Record<string, string | number> = {}) =>
    w.t.app.inject({
      method: 'GET',
      url,
      query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
      headers: bearer(token),
    });
  const table = async (
    token: string,
    name: string,
    query: Record<string, string | number> = {},
  ) => {
    const res = await get(token, `/api/v1/console/tables/${name}`, { pageSize: 100, ...query });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Row[]; total: number };
  };
  const orderNo = async (applicationId: string) => (await w.order(applicationId)).out_trade_no;
  const staffRefund = (orderId: string, amountFen: number) =>
    w.t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/admin/orders/${orderId}/refunds`,
      headers: bearer(w.staff),
      payload: { amountFen, reason: '部分课程未参加' },
    });
  const query = (token: string, orderId: string) =>
    w.t.app.inject({
      method: 'POST',
      url: `/api/v1/console/payments/orders/${orderId}/query`,
      headers: bearer(token),
    });
  const kinds = async (token = w.staff) =>
    (await table(token, 'payments-reconciliation')).items
      .map((r) => `${r.kind}:${r.orderId}`)
      .sort();

  beforeAll(async () => {
    w = await payWorld();
    admin = await login(w.t.app, 'pay-console-admin', 'admin');
    const [other] = await w.t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM organizations WHERE kind = 'station' ORDER BY id LIMIT 1`,
    );
    stranger = await loginStaff(w.t, 'pay-console-stranger', [other.id]);

    w.clock.set(T0);
    courseA = (await w.course(10)).id;
    // a title typed by staff that Excel would run as a formula
    courseB = (await w.course(10, { title: '=HYPERLINK("http://x")粤语' })).id;
    const people = await w.applicants(courseA, 7);
    const [b1] = await w.applicants(courseB, 1);
    for (const [name, who] of [
      ...people.map((x, i) => [`a${i + 1}`, x] as const),
      ['b1', b1] as const,
    ]) {
      const res = await w.pay(who.token, who.applicationId);
      expect(res.statusCode).toBe(200);
      p[name] = {
        token: who.token,
        applicationId: who.applicationId,
        orderId: res.json().order.id,
      };
    }

    // a1 pays a second before Beijing midnight, the others at midnight or after
    w.clock.set(BEFORE_MIDNIGHT);
    await w.fake.pay(await orderNo(p.a1.applicationId));
    w.clock.set(MIDNIGHT);
    await w.fake.pay(await orderNo(p.a2.applicationId));
    // a3: WeChat reports another amount than the server priced → flagged, no seat
    await w.fake.pay(await orderNo(p.a3.applicationId), { paidFen: 40_000 });
    // a4 withdraws with the payment sheet open, then pays: the money finds no seat → refunded
    const withdrawn = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/applications/${p.a4.applicationId}/withdraw`,
      headers: bearer(p.a4.token),
    });
    expect(withdrawn.statusCode).toBe(200);
    await w.fake.pay(await orderNo(p.a4.applicationId));
    // a5 pays, then our seat row disagrees (as if a release had run over it)
    await w.fake.pay(await orderNo(p.a5.applicationId));
    await w.t.db.query(`UPDATE ns_applications SET status = 'expired' WHERE id = $1`, [
      p.a5.applicationId,
    ]);
    // a6 never pays: its hold lapses and (the job not having run) its order stays open
    // a7 pays and staff refund ¥100, which WeChat confirms
    await w.fake.pay(await orderNo(p.a7.applicationId));
    await w.fake.pay(await orderNo(p.b1.applicationId));
    w.clock.set('2026-03-01T16:01:00.000Z');
    expect((await staffRefund(p.a7.orderId, 10_000)).statusCode).toBe(201);
    const [a7refund] = await w.t.db.query<{ out_refund_no: string }>(
      'SELECT out_refund_no FROM payment_refunds WHERE order_id = $1',
      [p.a7.orderId],
    );
    w.clock.set('2026-03-01T16:02:00.000Z');
    await w.fake.finishRefund(a7refund.out_refund_no);
    // a2: staff refund ¥50 while WeChat is down: it stays asked-for, not sent
    w.fake.failNext(1);
    expect((await staffRefund(p.a2.orderId, 5_000)).statusCode).toBe(201);

    // another organization's paid order whose seat we cannot find
    const [u] = await w.t.db.query<{ id: string }>(
      `INSERT INTO users (openid, role, name) VALUES ('pay-console-b', 'resident', '欧阳娜娜') RETURNING id::text AS id`,
    );
    const [station] = await w.t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM organizations WHERE kind = 'station' ORDER BY id LIMIT 1`,
    );
    [{ id: otherOrgOrder }] = await w.t.db.query<{ id: string }>(
      `INSERT INTO payment_orders (payable_kind, payable_id, user_id, org_id, description, amount_fen,
         out_trade_no, hold_expires_at, status, paid_fen, paid_at, transaction_id, created_at)
       VALUES ('ns_application', 999999, $1, $2, '青年夜校·别处的课', 30000, 'yh-ns-elsewhere',
         $3, 'paid', 30000, $3, '4200elsewhere', $3) RETURNING id::text AS id`,
      [u.id, station.id, MIDNIGHT],
    );
    w.clock.set(LATER);
  });
  afterAll(async () => w.close());

  describe('GET /api/v1/console/tables/payments', () => {
    it('lists the organizer’s orders with the payer masked and each order’s state', async () => {
      const page = await table(w.staff, 'payments');
      expect(page.total).toBe(8);
      const byId = new Map(page.items.map((r) => [r.id, r]));
      expect(byId.get(p.a1.orderId)).toMatchObject({
        payer: expect.stringMatching(/^学\*\d$/),
        offering: expect.stringMatching(/^粤语入门/),
        site: '共青团上海市徐汇区委员会',
        amountFen: FEE,
        paidFen: FEE,
        refundedFen: 0,
        refundStatus: null,
        status: 'paid',
        flag: null,
        paidAt: '2026-03-01 23:59',
      });
      // the 已退 amount counts a refund once asked for; refundStatus says where it stands
      expect(byId.get(p.a2.orderId)).toMatchObject({
        status: 'partly_refunded',
        refundedFen: 5_000,
        refundStatus: 'requested',
      });
      expect(byId.get(p.a3.orderId)).toMatchObject({ paidFen: 40_000, flag: 'amount_mismatch' });
      expect(byId.get(p.a4.orderId)).toMatchObject({
        status: 'refunded',
        flag: 'paid_after_release',
      });
      expect(byId.get(p.a6.orderId)).toMatchObject({ status: 'pending', paidFen: null });
      expect(byId.get(p.a7.orderId)).toMatchObject({
        status: 'partly_refunded',
        refundStatus: 'success',
      });
      // no column carries the payer's name or full phone
      expect(JSON.stringify(page.items)).not.toMatch(/学员\d/);
    });

    it('filters by state (flagged cuts across), offering, site and Beijing dates, and pages', async () => {
      const ids = async (q: Record<string, string | number>) =>
        (await table(w.staff, 'payments', q)).items.map((r) => r.id).sort();
      expect(await ids({ status: 'flagged' })).toEqual([p.a3.orderId, p.a4.orderId].sort());
      expect(await ids({ status: 'pending' })).toEqual([p.a6.orderId]);
      expect(await ids({ status: 'refunded' })).toEqual([p.a4.orderId]);
      expect(await ids({ status: 'partly_refunded' })).toEqual([p.a2.orderId, p.a7.orderId].sort());
      expect(await ids({ offering: `ns_course:${courseB}` })).toEqual([p.b1.orderId]);
      // opened at 23:40 Beijing on the 1st: on that day, not on the 2nd
      expect(
        (await table(w.staff, 'payments', { from: '2026-03-01', to: '2026-03-01' })).total,
      ).toBe(8);
      expect((await table(w.staff, 'payments', { from: '2026-03-02' })).total).toBe(0);
      const first = await table(w.staff, 'payments', { pageSize: 3, sort: 'id' });
      const third = await table(w.staff, 'payments', { pageSize: 3, page: 3, sort: 'id' });
      expect(first.items).toHaveLength(3);
      expect(third.items).toHaveLength(2);
      // a WeChat bill line finds its order by out_trade_no
      const no = await orderNo(p.a5.applicationId);
      expect(await ids({ q: no })).toEqual([p.a5.orderId]);
      expectError(
        await get(w.staff, '/api/v1/console/tables/payments', { status: 'lost' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('shows staff of another organization none of them; the admin sees every site', async () => {
      expect((await table(stranger, 'payments')).total).toBe(1);
      expect((await table(stranger, 'payments')).items[0].id).toBe(otherOrgOrder);
      expect((await table(admin, 'payments')).total).toBe(9);
      const [resident] = Object.values(p);
      expect((await get(resident.token, '/api/v1/console/tables/payments')).statusCode).toBe(403);
    });

    it('is on the audit trail as a read of a list of people', async () => {
      const [row] = await w.t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'payments.orders.view'`,
      );
      expect(row.n).toBeGreaterThan(0);
    });
  });

  describe('GET /api/v1/console/payments.csv', () => {
    it('exports the filtered orders for Excel, formulas neutralised, payers masked', async () => {
      const res = await get(w.staff, '/api/v1/console/payments.csv', { status: 'paid' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.body.split('\r\n');
      expect(lines[0]).toBe(
        '\uFEFF订单编号,商户订单号,下单时间,付款人,手机号,项目,点位,应付（元）,实付（元）,已退（元）,状态,异常,支付时间',
      );
      const b1 = lines.find((l) => l.startsWith(`${p.b1.orderId},`))!;
      // the formula-looking title is written as text
      expect(b1).toContain(`"'=HYPERLINK(""http://x"")粤语"`);
      expect(b1).toContain('500.00,500.00,0.00,已支付');
      expect(res.body).not.toMatch(/学员\d/);
      const audit = await w.t.db.query(
        `SELECT 1 FROM audit_log WHERE action = 'payments.orders.export'`,
      );
      expect(audit).toHaveLength(1);
      // the stranger's export holds their own organization's order only
      const theirs = await get(stranger, '/api/v1/console/payments.csv');
      expect(theirs.body.split('\r\n').filter((l) => /^\d/.test(l))).toHaveLength(1);
    });

    it('lists the offerings with orders in scope for the offering filter', async () => {
      const res = await get(w.staff, '/api/v1/console/payments/offerings');
      expect(
        res
          .json()
          .items.map((o: { value: string }) => o.value)
          .sort(),
      ).toEqual([`ns_course:${courseA}`, `ns_course:${courseB}`].sort());
      expect((await get(stranger, '/api/v1/console/payments/offerings')).json().items).toEqual([]);
    });
  });

  describe('GET /api/v1/console/tables/payments-daily', () => {
    it('adds money up per site and Beijing day: a second before midnight is the day before', async () => {
      const page = await table(w.staff, 'payments-daily', { sort: 'day' });
      expect(page.items.map(({ id: _id, ...r }) => r)).toEqual([
        {
          day: '2026-03-01',
          site: '共青团上海市徐汇区委员会',
          paidFen: FEE,
          paidCount: 1,
          refundedFen: 0,
          refundCount: 0,
          netFen: FEE,
        },
        {
          day: '2026-03-02',
          site: '共青团上海市徐汇区委员会',
          // a2, a3 (¥400 taken), a4, a5, a7, b1
          paidFen: 5 * FEE + 40_000,
          paidCount: 6,
          // only a7's refund is confirmed; a2's was never sent, a4's is still processing
          refundedFen: 10_000,
          refundCount: 1,
          netFen: 5 * FEE + 40_000 - 10_000,
        },
      ]);
      expect((await table(w.staff, 'payments-daily', { from: '2026-03-02' })).total).toBe(1);
      expect((await table(w.staff, 'payments-daily', { to: '2026-03-01' })).total).toBe(1);
      const theirs = await table(stranger, 'payments-daily');
      expect(theirs.items.map((r) => [r.day, r.paidFen])).toEqual([['2026-03-02', 30_000]]);
    });
  });

  describe('GET /api/v1/console/tables/payments-reconciliation', () => {
    it('finds each kind of difference between WeChat and our records, in the organizer’s scope', async () => {
      const [a4refund] = await w.t.db.query<{ id: string }>(
        'SELECT id::text AS id FROM payment_refunds WHERE order_id = $1',
        [p.a4.orderId],
      );
      expect(await kinds()).toEqual(
        [
          `amount_mismatch:${p.a3.orderId}`,
          `paid_after_release:${p.a4.orderId}`,
          `refund_unconfirmed:${p.a4.orderId}`,
          `seat_not_held:${p.a5.orderId}`,
          `hold_not_closed:${p.a6.orderId}`,
          `refund_not_sent:${p.a2.orderId}`,
        ].sort(),
      );
      const page = await table(w.staff, 'payments-reconciliation', { kind: 'refund_unconfirmed' });
      expect(page.items).toEqual([
        expect.objectContaining({
          id: `r${a4refund.id}`,
          refundFen: FEE,
          seat: 'given_up',
          payer: expect.stringMatching(/^学\*\d$/),
        }),
      ]);
      expect(await kinds(stranger)).toEqual([`seat_not_held:${otherOrgOrder}`]);
      expect((await table(admin, 'payments-reconciliation')).total).toBe(7);
    });

    it('waits out the job’s grace before a lapsed hold or an unconfirmed refund is a person’s', async () => {
      // the holds lapsed at 16:10: five minutes on, still the job's
      w.clock.set('2026-03-01T16:15:00.000Z');
      expect((await kinds()).filter((k) => k.startsWith('hold_not_closed'))).toEqual([]);
      // the refunds were asked for from 16:00 on: nine minutes later, still the job's
      w.clock.set('2026-03-01T16:09:00.000Z');
      expect((await kinds()).filter((k) => k.startsWith('refund_'))).toEqual([]);
      w.clock.set(LATER);
    });

    it('drops a released seat’s payment once WeChat confirms its refund', async () => {
      const [r] = await w.t.db.query<{ out_refund_no: string }>(
        'SELECT out_refund_no FROM payment_refunds WHERE order_id = $1',
        [p.a4.orderId],
      );
      await w.fake.finishRefund(r.out_refund_no);
      const now = await kinds();
      expect(now.filter((k) => k.endsWith(`:${p.a4.orderId}`))).toEqual([]);
      // and the refund is money out on the day WeChat confirmed it
      const day = (await table(w.staff, 'payments-daily', { from: '2026-03-02' })).items[0];
      expect(day).toMatchObject({ refundedFen: 10_000 + FEE, refundCount: 2 });
    });
  });

  describe('POST /api/v1/console/payments/orders/:id/query (向微信查询)', () => {
    it('closes a lapsed order WeChat never saw paid, which ends that difference', async () => {
      const res = await query(w.staff, p.a6.orderId);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        tradeState: 'CLOSED',
        wechatPaidFen: FEE,
        order: { id: p.a6.orderId, status: 'closed' },
      });
      expect((await kinds()).filter((k) => k.startsWith('hold_not_closed'))).toEqual([]);
      const [entry] = await w.t.db.query<{ after: { tradeState: string } }>(
        `SELECT after FROM audit_log WHERE action = 'payment.query' AND entity_id = $1`,
        [p.a6.orderId],
      );
      expect(entry.after.tradeState).toBe('CLOSED');
    });

    it('sends a refund WeChat never received; it is then unconfirmed until WeChat says so', async () => {
      const res = await query(w.staff, p.a2.orderId);
      expect(res.statusCode).toBe(200);
      expect(res.json().refunds).toEqual([
        expect.objectContaining({ amountFen: 5_000, status: 'processing' }),
      ]);
      const ofA2 = async () => (await kinds()).filter((k) => k.endsWith(`:${p.a2.orderId}`));
      expect(await ofA2()).toEqual([`refund_unconfirmed:${p.a2.orderId}`]);
      const [r] = await w.t.db.query<{ out_refund_no: string }>(
        'SELECT out_refund_no FROM payment_refunds WHERE order_id = $1',
        [p.a2.orderId],
      );
      // WeChat finished it and its callback was lost: the next query finds it done
      await w.fake.finishRefund(r.out_refund_no, { notify: false });
      expect((await query(w.staff, p.a2.orderId)).json().refunds[0].status).toBe('success');
      expect(await ofA2()).toEqual([]);
    });

    it('settles an order WeChat took money for whose callback was lost', async () => {
      w.clock.set('2026-03-01T16:30:00.000Z');
      const [late] = await w.applicants(courseA, 1);
      const started = (await w.pay(late.token, late.applicationId)).json();
      await w.fake.pay(await orderNo(late.applicationId), { notify: false });
      expect((await w.order(late.applicationId)).status).toBe('pending');
      const res = await query(w.staff, started.order.id);
      expect(res.json()).toMatchObject({ tradeState: 'SUCCESS', order: { status: 'paid' } });
      expect((await w.application(late.applicationId)).status).toBe('confirmed');
    });

    it('answers another organization’s order as missing, and residents not at all', async () => {
      expectError(await query(stranger, p.a1.orderId), 404, 'ORDER_NOT_FOUND');
      expect((await query(p.a1.token, p.a1.orderId)).statusCode).toBe(403);
      expectError(await query(w.staff, '999999'), 404, 'ORDER_NOT_FOUND');
    });
  });

  describe('GET /api/v1/me/data-export (个人数据导出)', () => {
    it('includes the person’s own payments and refunds, and no one else’s', async () => {
      const res = await w.t.app.inject({
        method: 'GET',
        url: '/api/v1/me/data-export',
        headers: bearer(p.a7.token),
      });
      expect(res.statusCode).toBe(200);
      const { payments, refunds } = res.json();
      expect(payments).toEqual([
        expect.objectContaining({
          id: p.a7.orderId,
          offering: expect.stringMatching(/^粤语入门/),
          amountFen: FEE,
          paidFen: FEE,
          refundedFen: 10_000,
          status: 'paid',
          outTradeNo: await orderNo(p.a7.applicationId),
          transactionId: expect.stringMatching(/^42000/),
        }),
      ]);
      expect(refunds).toEqual([
        expect.objectContaining({
          orderId: p.a7.orderId,
          amountFen: 10_000,
          reason: '部分课程未参加',
          status: 'success',
        }),
      ]);
      // which staff member refunded is not the payer's data
      expect(JSON.stringify(refunds)).not.toMatch(/requested|By/);
    });
  });

  describe('GET /api/v1/console/payments.csv, past its bound', () => {
    it('refuses an export of more than 20,000 orders rather than cut it short', async () => {
      const [{ org, user }] = await w.t.db.query<{ org: string; user: string }>(
        `SELECT org_id::text AS org, user_id::text AS user FROM payment_orders WHERE id = $1`,
        [otherOrgOrder],
      );
      await w.t.db.query(
        `INSERT INTO payment_orders (payable_kind, payable_id, user_id, org_id, description, amount_fen,
           out_trade_no, hold_expires_at, created_at)
         SELECT 'ns_application', 1000000 + g, $1, $2, '青年夜校·别处的课', 30000, 'yh-bulk-' || g, $3, $3
           FROM generate_series(1, 20000) g`,
        [user, org, MIDNIGHT],
      );
      expectError(await get(stranger, '/api/v1/console/payments.csv'), 400, 'EXPORT_TOO_LARGE');
      // narrowed by a filter, it fits
      const narrowed = await get(stranger, '/api/v1/console/payments.csv', { status: 'paid' });
      expect(narrowed.statusCode).toBe(200);
      expect(narrowed.body.split('\r\n').filter((l) => /^\d/.test(l))).toHaveLength(1);
    });
  });
});
