// Refunds against the fake WeChat Pay: a cancellation before the start refunds in full, after it
// by the rule; the refund callback is handled like the payment's (verified, idempotent); staff
// refund with a reason, audited, never above what was paid, even when asked many times at once.
import { bearer, DB_KIND, loginStaff } from '../helper';
import { expectError } from '../night-school/fixture';
import { FEE, payWorld, type PayWorld } from './fixture';

// Courses start Tuesday 10 March 19:00 Beijing, 8 weekly sessions: session 5 (7 April) is the midpoint.
const BEFORE_START = '2026-03-09T02:00:00.000Z';
const AFTER_START = '2026-03-10T11:30:00.000Z';
const AFTER_MIDPOINT = '2026-04-07T11:00:00.000Z';

describe(`refunds (${DB_KIND})`, () => {
  let w: PayWorld;
  beforeAll(async () => {
    w = await payWorld();
  });
  afterAll(async () => w.close());

  /** A resident holding a paid, confirmed seat (and one person waiting behind them). */
  async function paidSeat() {
    w.clock.set('2026-03-01T02:00:01.000Z');
    const course = await w.course(1);
    const [p, next] = await w.applicants(course.id, 2);
    const started = (await w.pay(p.token, p.applicationId)).json();
    const row = await w.order(p.applicationId);
    await w.fake.pay(row.out_trade_no);
    expect((await w.application(p.applicationId)).status).toBe('confirmed');
    return { p, next, orderId: started.order.id as string, outTradeNo: row.out_trade_no };
  }

  const withdraw = (token: string, applicationId: string) =>
    w.t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/applications/${applicationId}/withdraw`,
      headers: bearer(token),
    });

  const refundsOf = (orderId: string) =>
    w.t.db.query<{ out_refund_no: string; amount_fen: number; status: string; reason: string }>(
      'SELECT out_refund_no, amount_fen, status, reason, settled_at FROM payment_refunds WHERE order_id = $1 ORDER BY id',
      [orderId],
    );

  it('cancelling before the course starts refunds in full; the refund callback settles it once', async () => {
    const s = await paidSeat();
    w.clock.set(BEFORE_START);
    expect((await withdraw(s.p.token, s.p.applicationId)).statusCode).toBe(200);
    const [r] = await refundsOf(s.orderId);
    expect(r).toMatchObject({
      amount_fen: FEE,
      status: 'processing',
      reason: '开课前取消，全额退款',
    });
    expect(w.fake.refunds.get(r.out_refund_no)!.request).toMatchObject({
      out_trade_no: s.outTradeNo,
      amount: { refund: FEE, total: FEE, currency: 'CNY' },
    });
    // the seat passed down the waitlist as any withdrawal's does
    expect((await w.application(s.next.applicationId)).status).toBe('offered');
    const n = await w.fake.finishRefund(r.out_refund_no);
    expect(w.fake.deliveries.at(-1)).toBe(204);
    const [done] = await refundsOf(s.orderId);
    expect(done.status).toBe('success');
    w.clock.advance(60_000);
    expect((await w.notify(n)).statusCode).toBe(204);
    expect(await refundsOf(s.orderId)).toEqual([done]);
    expect((await w.order(s.p.applicationId)).refunded_fen).toBe(FEE);
  });

  it('after the start and before the midpoint, the rule refunds 50%', async () => {
    const s = await paidSeat();
    w.clock.set(AFTER_START);
    await withdraw(s.p.token, s.p.applicationId);
    const [r] = await refundsOf(s.orderId);
    expect(r).toMatchObject({ amount_fen: FEE / 2, reason: '开课后取消，按规则退还50%' });
  });

  it('from the midpoint on, the rule refunds nothing and no refund is asked for', async () => {
    const s = await paidSeat();
    w.clock.set(AFTER_MIDPOINT);
    expect((await withdraw(s.p.token, s.p.applicationId)).statusCode).toBe(200);
    expect(await refundsOf(s.orderId)).toEqual([]);
  });

  it('WeChat down at the cancellation: the refund waits as requested and the job sends it', async () => {
    const s = await paidSeat();
    w.clock.set(BEFORE_START);
    w.fake.failNext(1, 500);
    expect((await withdraw(s.p.token, s.p.applicationId)).statusCode).toBe(200);
    expect((await refundsOf(s.orderId))[0].status).toBe('requested');
    await w.t.app.jobs.runJob('payments.reconcile');
    const [r] = await refundsOf(s.orderId);
    expect(r.status).toBe('processing');
    // the callback is lost too: the next pass queries the refund
    await w.fake.finishRefund(r.out_refund_no, { notify: false });
    await w.t.app.jobs.runJob('payments.reconcile');
    expect((await refundsOf(s.orderId))[0].status).toBe('success');
  });

  it('a refund WeChat closes gives its amount back to what may still be refunded', async () => {
    const s = await paidSeat();
    w.clock.set(BEFORE_START);
    await withdraw(s.p.token, s.p.applicationId);
    const [r] = await refundsOf(s.orderId);
    await w.fake.finishRefund(r.out_refund_no, { status: 'CLOSED' });
    expect((await refundsOf(s.orderId))[0].status).toBe('closed');
    expect((await w.order(s.p.applicationId)).refunded_fen).toBe(0);
  });

  it('staff refund any amount with a reason, audited; never above what is left; other staff see no order', async () => {
    const s = await paidSeat();
    const refund = (token: string, amountFen: number, reason = '学员因病无法上课，酌情退款') =>
      w.t.app.inject({
        method: 'POST',
        url: `/api/v1/payments/admin/orders/${s.orderId}/refunds`,
        headers: bearer(token),
        payload: { amountFen, reason },
      });
    const res = await refund(w.staff, 30_000);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ amountFen: 30_000, status: 'processing' });
    const [trail] = await w.t.db.query<{ after: any }>(
      `SELECT after FROM audit_log WHERE action = 'payment.refund' AND entity_id = $1`,
      [s.orderId],
    );
    expect(trail.after).toEqual({ refundFen: 30_000, reason: '学员因病无法上课，酌情退款' });
    expectError(await refund(w.staff, 20_001), 409, 'REFUND_TOO_LARGE');
    const stranger = await loginStaff(w.t, 'pay-other-org-staff', []);
    expectError(await refund(stranger, 100), 404, 'ORDER_NOT_FOUND');
    expect((await refund(s.p.token, 100)).statusCode).toBe(403);
    expectError(await refund(w.staff, 100, ''), 400, 'VALIDATION_FAILED');
  });

  it('20 simultaneous staff refunds of ¥100 on a ¥500 order: exactly 5 go through', async () => {
    const s = await paidSeat();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        w.t.app.inject({
          method: 'POST',
          url: `/api/v1/payments/admin/orders/${s.orderId}/refunds`,
          headers: bearer(w.staff),
          payload: { amountFen: 10_000, reason: '分次退款' },
        }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(15);
    const refunds = await refundsOf(s.orderId);
    expect(refunds.reduce((sum, r) => sum + r.amount_fen, 0)).toBe(FEE);
    expect((await w.order(s.p.applicationId)).refunded_fen).toBe(FEE);
  });

  it('a staff refund sent again with its Idempotency-Key (重试 after a lost answer) is the same refund', async () => {
    const s = await paidSeat();
    const send = (key: string, amountFen = 20_000) =>
      w.t.app.inject({
        method: 'POST',
        url: `/api/v1/payments/admin/orders/${s.orderId}/refunds`,
        headers: { ...bearer(w.staff), 'idempotency-key': key },
        payload: { amountFen, reason: '课程取消，退还部分学费' },
      });
    const first = await send('console-refund-0001');
    expect(first.statusCode).toBe(201);
    const again = await send('console-refund-0001');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await refundsOf(s.orderId)).map((r) => r.amount_fen)).toEqual([20_000]);
    expect((await w.order(s.p.applicationId)).refunded_fen).toBe(20_000);
    const [{ n }] = await w.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'payment.refund' AND entity_id = $1`,
      [s.orderId],
    );
    expect(n).toBe(1);
    // the same key for another amount is refused; a new confirmation (new key) is a new refund
    expect((await send('console-refund-0001', 10_000)).statusCode).toBe(422);
    expect((await send('console-refund-0002', 10_000)).statusCode).toBe(201);
    expect((await w.order(s.p.applicationId)).refunded_fen).toBe(30_000);
  });

  it('money that arrives after its seat was given up is refunded in full and the order flagged', async () => {
    w.clock.set('2026-03-01T02:00:01.000Z');
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    // the payer gives the seat up with the payment sheet still open, then pays anyway
    expect((await withdraw(p.token, p.applicationId)).statusCode).toBe(200);
    await w.fake.pay(row.out_trade_no);
    expect(w.fake.deliveries.at(-1)).toBe(204);
    expect(await w.order(p.applicationId)).toMatchObject({
      status: 'paid',
      flag: 'paid_after_release',
      refunded_fen: FEE,
    });
    expect((await w.application(p.applicationId)).status).toBe('withdrawn');
    const [r] = await refundsOf(row.id);
    expect(r).toMatchObject({ amount_fen: FEE, status: 'processing' });
  });
});
