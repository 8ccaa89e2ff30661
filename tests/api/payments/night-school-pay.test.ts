// Paying for a night-school seat against the fake WeChat Pay (real signatures and encryption):
// the hold, the order, the callbacks (valid, forged, replayed, wrong amount, late), the query on
// return and from the job, and the close when a hold lapses.
import { createPublicKey, createVerify } from 'node:crypto';
import { bearer, DB_KIND } from '../helper';
import { expectError } from '../night-school/fixture';
import { FEE, payWorld, type PayWorld } from './fixture';

const MIN = 60_000;

describe(`paying for a night-school seat with WeChat Pay (${DB_KIND})`, () => {
  let w: PayWorld;
  beforeAll(async () => {
    w = await payWorld();
  });
  afterAll(async () => w.close());

  it('a seat won first come in a paid course is held as an offer for 30 minutes, and 确认 asks for payment', async () => {
    const course = await w.course(1);
    expect(course).toMatchObject({ feeFen: FEE });
    const [p] = await w.applicants(course.id, 1);
    expect(p.status).toBe('offered');
    const a = await w.application(p.applicationId);
    expect(new Date(a.offer_expires_at!).getTime() - w.clock.now().getTime()).toBe(30 * MIN);
    const confirm = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/night-school/applications/${p.applicationId}/confirm`,
      headers: bearer(p.token),
    });
    expectError(confirm, 409, 'PAYMENT_REQUIRED');
  });

  it('去支付 creates the WeChat order from server amounts and signs requestPayment with the merchant key', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    const res = await w.pay(p.token, p.applicationId);
    expect(res.statusCode).toBe(200);
    const { order, requestPayment } = res.json();
    expect(order).toMatchObject({
      status: 'pending',
      amountFen: FEE,
      secondsLeft: 30 * 60,
      flagged: false,
    });
    const row = await w.order(p.applicationId);
    const sent = w.fake.orders.get(row.out_trade_no)!;
    expect(sent.request).toMatchObject({
      appid: w.fake.config.appId,
      mchid: w.fake.config.mchId,
      amount: { total: FEE, currency: 'CNY' },
      payer: { openid: expect.stringMatching(/^payer/) },
      notify_url: w.fake.config.notifyUrl,
    });
    // the order lapses at WeChat when the hold does: 2026-03-01 10:30:01 Beijing
    expect(sent.request.time_expire).toBe('2026-03-01T10:30:01+08:00');
    expect(w.fake.requests.every((r) => r.signed)).toBe(true);
    expect(requestPayment.package).toBe(`prepay_id=${sent.prepayId}`);
    expect(requestPayment.signType).toBe('RSA');
    const merchantPublic = createPublicKey(w.fake.config.privateKeyPem);
    const signed = `${w.fake.config.appId}\n${requestPayment.timeStamp}\n${requestPayment.nonceStr}\n${requestPayment.package}\n`;
    expect(
      createVerify('RSA-SHA256')
        .update(signed)
        .verify(merchantPublic, requestPayment.paySign, 'base64'),
    ).toBe(true);
  });

  it('20 simultaneous 去支付 taps for one hold make one order with one out_trade_no and one prepay_id', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => w.pay(p.token, p.applicationId)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
    const packages = new Set(answers.map((r) => r.json().requestPayment.package));
    expect(packages.size).toBe(1);
    expect(new Set(answers.map((r) => r.json().order.id)).size).toBe(1);
    const rows = await w.t.db.query(
      `SELECT count(*)::int AS n FROM payment_orders WHERE payable_id = $1`,
      [p.applicationId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    const row = await w.order(p.applicationId);
    expect([...w.fake.orders.keys()].filter((k) => k === row.out_trade_no)).toHaveLength(1);
  });

  it('a valid callback confirms the seat; a replay changes nothing', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    const n = await w.fake.pay(row.out_trade_no);
    expect(w.fake.deliveries.at(-1)).toBe(204);
    expect(await w.application(p.applicationId)).toMatchObject({
      status: 'confirmed',
      offer_expires_at: null,
    });
    const paid = await w.order(p.applicationId);
    expect(paid).toMatchObject({ status: 'paid', paid_fen: FEE, flag: null });
    w.clock.advance(5 * MIN);
    expect((await w.notify(n)).statusCode).toBe(204);
    expect(await w.order(p.applicationId)).toEqual(paid);
    expect((await w.application(p.applicationId)).status).toBe('confirmed');
  });

  it('a callback not signed by the platform key, or altered after signing, is refused and changes nothing', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    const resource = {
      appid: w.fake.config.appId,
      mchid: w.fake.config.mchId,
      out_trade_no: row.out_trade_no,
      transaction_id: '4200000000000000000000000001',
      trade_state: 'SUCCESS',
      amount: { total: FEE },
    };
    expectError(
      await w.notify(w.fake.forged('TRANSACTION.SUCCESS', resource)),
      401,
      'PAYMENT_NOTIFY_INVALID',
    );
    const genuine = w.fake.notification('TRANSACTION.SUCCESS', resource);
    const altered = { ...genuine, body: genuine.body.replace('"summary"', '"summary" ') };
    expectError(await w.notify(altered), 401, 'PAYMENT_NOTIFY_INVALID');
    // a genuine callback held back past five minutes is a replay of an old message
    w.clock.advance(6 * MIN);
    expectError(await w.notify(genuine), 401, 'PAYMENT_NOTIFY_INVALID');
    expect((await w.order(p.applicationId)).status).toBe('pending');
    expect((await w.application(p.applicationId)).status).toBe('offered');
  });

  it('a callback whose amount differs from the order is recorded and flagged, and gives no seat', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    await w.fake.pay(row.out_trade_no, { paidFen: 1 });
    expect(w.fake.deliveries.at(-1)).toBe(204);
    expect(await w.order(p.applicationId)).toMatchObject({
      status: 'paid',
      paid_fen: 1,
      flag: 'amount_mismatch',
    });
    expect((await w.application(p.applicationId)).status).toBe('offered');
    const view = await w.refresh(p.token, row.id);
    expect(view.json()).toMatchObject({ status: 'paid', flagged: true });
  });

  it('with the callback lost, the query on return from the phone settles it; the late callback then changes nothing', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    const started = (await w.pay(p.token, p.applicationId)).json();
    const row = await w.order(p.applicationId);
    const late = await w.fake.pay(row.out_trade_no, { notify: false });
    const back = await w.refresh(p.token, started.order.id);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'paid', secondsLeft: 0 });
    expect((await w.application(p.applicationId)).status).toBe('confirmed');
    const settled = await w.order(p.applicationId);
    expect((await w.notify(late)).statusCode).toBe(204);
    expect(await w.order(p.applicationId)).toEqual(settled);
    // someone else's order answers like a missing one
    const [other] = await w.applicants((await w.course(1)).id, 1);
    expectError(await w.refresh(other.token, started.order.id), 404, 'ORDER_NOT_FOUND');
  });

  it('with the callback lost and nobody back on the page, the job queries the order and settles it', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    await w.fake.pay(row.out_trade_no, { notify: false });
    w.clock.advance(2 * MIN);
    await w.t.app.jobs.runJob('payments.reconcile');
    expect((await w.order(p.applicationId)).status).toBe('paid');
    expect((await w.application(p.applicationId)).status).toBe('confirmed');
  });

  it('paid just before the hold lapsed, callback lost: the expiry job keeps the seat until the query settles it', async () => {
    const course = await w.course(1);
    const [p, next] = await w.applicants(course.id, 2);
    expect(next.status).toBe('waitlisted');
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    w.clock.advance(29 * MIN);
    await w.fake.pay(row.out_trade_no, { notify: false });
    w.clock.advance(2 * MIN);
    await w.t.app.jobs.runJob('night-school.expire-offers');
    expect((await w.application(p.applicationId)).status).toBe('offered');
    await w.t.app.jobs.runJob('payments.reconcile');
    expect((await w.application(p.applicationId)).status).toBe('confirmed');
    expect((await w.application(next.applicationId)).status).toBe('waitlisted');
  });

  it('an unpaid hold that lapses is closed at WeChat and its seat goes to the head of the waitlist with a message', async () => {
    const course = await w.course(1);
    const [p, first, second] = await w.applicants(course.id, 3);
    await w.pay(p.token, p.applicationId);
    const row = await w.order(p.applicationId);
    w.clock.advance(31 * MIN);
    await w.t.app.jobs.runJob('payments.reconcile');
    expect(w.fake.orders.get(row.out_trade_no)!.state).toBe('CLOSED');
    expect((await w.order(p.applicationId)).status).toBe('closed');
    await w.t.app.jobs.runJob('night-school.expire-offers');
    expect((await w.application(p.applicationId)).status).toBe('expired');
    expect((await w.application(first.applicationId)).status).toBe('offered');
    expect((await w.application(second.applicationId)).status).toBe('waitlisted');
    const messages = await w.t.db.query<{ title: string }>(
      'SELECT title FROM messages WHERE user_id = $1 ORDER BY id',
      [first.id],
    );
    expect(messages.map((m) => m.title)).toContain('夜校候补递补成功');
    // the payer is told it lapsed for want of paying, not of 确认
    const [lapsed] = await w.t.db.query<{ reason: string }>(
      'SELECT reason FROM ns_applications WHERE id = $1',
      [p.applicationId],
    );
    expect(lapsed.reason).toBe('未在支付时限内完成支付，名额已顺延给候补');
    const [told] = await w.t.db.query<{ body: string }>(
      "SELECT body FROM messages WHERE user_id = $1 AND title = '夜校名额已过期'",
      [p.id],
    );
    expect(told.body).toBe('录取名额未在支付时限内完成支付，已顺延给候补学员。');
    expectError(await w.pay(p.token, p.applicationId), 409, 'HOLD_EXPIRED');
    // the seat passed on is itself a paid offer: its own hold, its own order
    const theirs = await w.pay(first.token, first.applicationId);
    expect(theirs.json().order).toMatchObject({ status: 'pending', amountFen: FEE });
  });

  it('an offer never taken to 去支付 lapses by the ordinary expiry, with nothing to close', async () => {
    const course = await w.course(1);
    const [p, next] = await w.applicants(course.id, 2);
    w.clock.advance(31 * MIN);
    await w.t.app.jobs.runJob('night-school.expire-offers');
    expect((await w.application(p.applicationId)).status).toBe('expired');
    expect((await w.application(next.applicationId)).status).toBe('offered');
    expect(await w.order(p.applicationId)).toBeUndefined();
  });

  it('WeChat down at 去支付: 503 PAYMENT_UNAVAILABLE, and the next tap makes the same order', async () => {
    const course = await w.course(1);
    const [p] = await w.applicants(course.id, 1);
    w.fake.failNext(1, 500);
    expectError(await w.pay(p.token, p.applicationId), 503, 'PAYMENT_UNAVAILABLE');
    const first = await w.order(p.applicationId);
    expect(first.prepay_id).toBeNull();
    const again = await w.pay(p.token, p.applicationId);
    expect(again.statusCode).toBe(200);
    expect((await w.order(p.applicationId)).out_trade_no).toBe(first.out_trade_no);
  });

  it('a free course needs no payment: 409 PAYMENT_NOT_REQUIRED, and its seat is confirmed at once', async () => {
    const course = await w.course(1, { feeFen: 0 });
    const [p] = await w.applicants(course.id, 1);
    expect(p.status).toBe('confirmed');
    expectError(await w.pay(p.token, p.applicationId), 409, 'PAYMENT_NOT_REQUIRED');
  });
});
