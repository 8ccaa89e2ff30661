// Paying for childcare seats against the fake WeChat Pay (real signatures and encryption): a paid
// class's seat won in the rush is a 待支付 hold that counts as taken; siblings pay once, priced by
// their 减免; a lapsed hold goes to the waitlist's first family; a cancellation is refunded.
import { reducedFee } from '@/contract/fee-reductions';
import { bearer, DB_KIND, testClock, type TestApp } from '../helper';
import { expectError } from '../night-school/fixture';
import type { FakeWechatPay } from '../fake-wechatpay';
import {
  AFTER_OPEN,
  BEFORE_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
  type Catalogue,
  type Family,
} from '../childcare/fixtures';
import { payApp } from './fixture';

const MIN = 60_000;
const FEE = 40_000; // ¥400 for two weeks in Putuo

describe(`paying for childcare seats with WeChat Pay (${DB_KIND})`, () => {
  const clock = testClock(AFTER_OPEN);
  let t: TestApp;
  let fake: FakeWechatPay;
  let cat: Catalogue;
  beforeAll(async () => {
    ({ t, fake } = await payApp(clock));
    cat = await makeCatalogue(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  afterEach(() => clock.set(AFTER_OPEN));

  const pay = (f: Family, enrollmentId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/enrollments/${enrollmentId}/pay`,
      headers: bearer(f.token),
    });
  const act = (f: Family, enrollmentId: string, action: 'cancel' | 'accept' | 'decline') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/enrollments/${enrollmentId}/${action}`,
      headers: bearer(f.token),
    });
  const mine = async (f: Family) =>
    (
      await t.app.inject({ url: '/api/v1/childcare/enrollments/mine', headers: bearer(f.token) })
    ).json().items as Array<{ id: string; status: string; payment: unknown }>;
  const statuses = async (ids: string[]) =>
    (
      await t.db.query<{ status: string }>(
        'SELECT status FROM cc_enrollments WHERE id = ANY($1::bigint[]) ORDER BY id',
        [ids],
      )
    ).map((r) => r.status);
  const orderOf = async (enrollmentId: string) =>
    (
      await t.db.query<{
        id: string;
        status: string;
        out_trade_no: string;
        amount_fen: number;
        refunded_fen: number;
      }>(
        `SELECT o.id::text AS id, o.status, o.out_trade_no, o.amount_fen, o.refunded_fen
         FROM payment_orders o JOIN cc_enrollments e ON o.payable_kind = 'cc_hold' AND o.payable_id = e.pay_group
         WHERE e.id = $1`,
        [enrollmentId],
      )
    )[0];
  const classRow = async (id: string) =>
    (
      await t.db.query<{ taken: number; capacity: number }>(
        'SELECT taken, capacity FROM cc_classes WHERE id = $1',
        [id],
      )
    )[0]!;
  const titles = async (f: Family) =>
    (
      await t.db.query<{ title: string }>('SELECT title FROM messages WHERE user_id = $1', [
        f.userId,
      ])
    ).map((m) => m.title);
  /** An approved 减免 for a child, as the committee's decision leaves it. */
  const reduce = (f: Family, childId: string, percentOff: number) =>
    t.db.query(
      `INSERT INTO cc_fee_reductions (programme_id, child_id, applicant_id, category, status, percent_off, decided_at, created_at)
       VALUES ($1, $2, $3, 'dibao', 'approved', $4, $5, $5)`,
      [cat.programmeId, childId, f.userId, percentOff, AFTER_OPEN],
    );

  it('a seat won in the rush is 待支付 for 30 minutes on the server clock; paying makes it 已报名', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 2 });
    const [f] = await makeFamilies(t, 'ccp-one', 1);
    const res = await enrollReq(t, f!.token, cls, f!.childIds);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'held',
      message: '已为您保留名额，请在 30 分钟内完成支付，逾期名额将顺延给候补',
      holdExpiresAt: new Date(Date.parse(AFTER_OPEN) + 30 * MIN).toISOString(),
    });
    const [id] = res.json().enrollmentIds as string[];
    expect(await classRow(cls)).toMatchObject({ taken: 1 });
    expect((await mine(f!))[0]).toMatchObject({
      status: 'offered',
      payment: { state: 'hold', priceFen: FEE, amountFen: FEE },
    });
    // 确认 is not how a hold is kept: it asks for the payment
    expectError(await act(f!, id!, 'accept'), 409, 'PAYMENT_REQUIRED');

    clock.advance(5 * MIN);
    const started = await pay(f!, id!);
    expect(started.statusCode).toBe(200);
    expect(started.json().order).toMatchObject({
      status: 'pending',
      amountFen: FEE,
      secondsLeft: 25 * 60,
      description: expect.stringMatching(/^爱心暑托班·/),
    });
    expect(started.json().requestPayment.package).toMatch(/^prepay_id=/);
    const order = (await orderOf(id!))!;
    expect(order.out_trade_no).toMatch(/^yh-cc-/);
    expect(fake.orders.get(order.out_trade_no)!.request.amount.total).toBe(FEE);
    await fake.pay(order.out_trade_no);
    expect(await statuses([id!])).toEqual(['enrolled']);
    expect((await mine(f!))[0]).toMatchObject({
      status: 'enrolled',
      payment: { state: 'paid', priceFen: FEE, amountFen: FEE },
    });
    expect(await classRow(cls)).toMatchObject({ taken: 1 });
  });

  it('siblings pay once: one order for the group, each child priced by its approved 减免', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 3 });
    const [f] = await makeFamilies(t, 'ccp-sib', 1, 2);
    await reduce(f!, f!.childIds[1]!, 50);
    const res = await enrollReq(t, f!.token, cls, f!.childIds);
    expect(res.json().status).toBe('held');
    const ids = res.json().enrollmentIds as string[];
    // before anything is paid, each child's card shows the family's one amount
    expect((await mine(f!)).map((e) => e.payment)).toEqual([
      expect.objectContaining({
        state: 'hold',
        priceFen: FEE,
        amountFen: FEE + reducedFee(FEE, 50),
      }),
      expect.objectContaining({
        state: 'hold',
        priceFen: reducedFee(FEE, 50),
        amountFen: FEE + reducedFee(FEE, 50),
      }),
    ]);
    // 20 simultaneous taps on either child's 去支付 make the one order
    const taps = await Promise.all(Array.from({ length: 20 }, (_, i) => pay(f!, ids[i % 2]!)));
    expect(taps.map((r) => r.statusCode)).toEqual(taps.map(() => 200));
    expect(new Set(taps.map((r) => r.json().order.id)).size).toBe(1);
    const expected = FEE + reducedFee(FEE, 50);
    expect(taps[0]!.json().order.amountFen).toBe(expected);
    const rows = await t.db.query(
      `SELECT count(*)::int AS n FROM payment_orders WHERE payable_kind = 'cc_hold'
         AND payable_id IN (SELECT pay_group FROM cc_enrollments WHERE id = ANY($1::bigint[]))`,
      [ids],
    );
    expect(rows[0]).toEqual({ n: 1 });
    await fake.pay((await orderOf(ids[0]!))!.out_trade_no);
    expect(await statuses(ids)).toEqual(['enrolled', 'enrolled']);
    const view = await mine(f!);
    expect(view.map((e) => e.payment)).toEqual([
      { state: 'paid', priceFen: FEE, amountFen: expected, holdExpiresAt: null },
      { state: 'paid', priceFen: reducedFee(FEE, 50), amountFen: expected, holdExpiresAt: null },
    ]);
  });

  it('a child with a full 减免 pays nothing; a group free throughout is 已报名 at once, with no order', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 4 });
    const [mixed, free] = await makeFamilies(t, 'ccp-free', 2, 2);
    await reduce(mixed!, mixed!.childIds[0]!, 100);
    await reduce(free!, free!.childIds[0]!, 100);
    await reduce(free!, free!.childIds[1]!, 100);
    const all = await enrollReq(t, free!.token, cls, free!.childIds);
    expect(all.json()).toMatchObject({ status: 'enrolled', message: '报名成功' });
    const freeIds = all.json().enrollmentIds as string[];
    expect(await statuses(freeIds)).toEqual(['enrolled', 'enrolled']);
    expectError(await pay(free!, freeIds[0]!), 409, 'NOTHING_TO_PAY');
    expect((await mine(free!))[0]!.payment).toMatchObject({ state: 'free', priceFen: 0 });

    const part = await enrollReq(t, mixed!.token, cls, mixed!.childIds);
    expect(part.json().status).toBe('held');
    const started = await pay(mixed!, part.json().enrollmentIds[0]);
    expect(started.json().order.amountFen).toBe(FEE);
    expect(await classRow(cls)).toMatchObject({ taken: 4 });
  });

  it('a sibling basket across two classes is one pay group and one order', async () => {
    clock.set(BEFORE_OPEN);
    const young = await makeClass(t, cat, { feeFen: FEE, capacity: 2, gradeMin: 1, gradeMax: 3 });
    const old = await makeClass(t, cat, { feeFen: FEE, capacity: 2, gradeMin: 4, gradeMax: 6 });
    const [f] = await makeFamilies(t, 'ccp-basket', 1, 2);
    await t.db.query(`UPDATE children SET grade = '五年级' WHERE id = $1`, [f!.childIds[1]]);
    await reduce(f!, f!.childIds[1]!, 25);
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/childcare/programmes/${cat.programmeId}/basket`,
      headers: bearer(f!.token),
      payload: {
        mode: 'all',
        items: [
          { classId: young, childIds: [f!.childIds[0]] },
          { classId: old, childIds: [f!.childIds[1]] },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    clock.set(AFTER_OPEN);
    const tap = await t.app.inject({
      method: 'POST',
      url: '/api/v1/childcare/enrollments/basket',
      headers: bearer(f!.token),
      payload: { programmeId: cat.programmeId },
    });
    expect(tap.statusCode).toBe(201);
    expect(tap.json().items.map((i: { status: string }) => i.status)).toEqual(['held', 'held']);
    expect(tap.json().message).toBe('名额已保留，请在「我的托班」一次支付');
    const ids = tap.json().items.map((i: { enrollmentIds: string[] }) => i.enrollmentIds[0]);
    const groups = await t.db.query<{ pay_group: string }>(
      'SELECT DISTINCT pay_group::text AS pay_group FROM cc_enrollments WHERE id = ANY($1::bigint[])',
      [ids],
    );
    expect(groups).toHaveLength(1);
    const started = await pay(f!, ids[1]);
    expect(started.json().order.amountFen).toBe(FEE + reducedFee(FEE, 25));
    await fake.pay((await orderOf(ids[0]))!.out_trade_no);
    expect(await statuses(ids)).toEqual(['enrolled', 'enrolled']);
  });

  it('many parents at once for the last seats of a paid class: never oversold, holds counted as taken', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 5 });
    const families = await makeFamilies(t, 'ccp-rush', 40);
    const answers = await Promise.all(families.map((f) => enrollReq(t, f.token, cls, f.childIds)));
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 201));
    const by = (s: string) => answers.filter((r) => r.json().status === s).length;
    expect(by('held')).toBe(5);
    expect(by('waitlisted')).toBe(35);
    expect(by('enrolled')).toBe(0);
    expect(await classRow(cls)).toEqual({ taken: 5, capacity: 5 });
    const live = await t.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM cc_enrollments WHERE class_id = $1 GROUP BY status ORDER BY status`,
      [cls],
    );
    expect(live).toEqual([
      { status: 'offered', n: 5 },
      { status: 'waitlisted', n: 35 },
    ]);
    // the holders all pay at once; the seats stay five
    const holders = families.filter((_, i) => answers[i]!.json().status === 'held');
    const started = await Promise.all(
      holders.map((f, i) =>
        pay(f, answers[families.indexOf(f)]!.json().enrollmentIds[0]).then((r) => ({ f, r, i })),
      ),
    );
    for (const { r } of started) expect(r.statusCode).toBe(200);
    await Promise.all(
      started.map(async ({ r }) => {
        const [row] = await t.db.query<{ out_trade_no: string }>(
          'SELECT out_trade_no FROM payment_orders WHERE id = $1',
          [r.json().order.id],
        );
        await fake.pay(row!.out_trade_no);
      }),
    );
    expect(await classRow(cls)).toEqual({ taken: 5, capacity: 5 });
    const enrolled = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cc_enrollments WHERE class_id = $1 AND status = 'enrolled'`,
      [cls],
    );
    expect(enrolled[0]).toEqual({ n: 5 });
  });

  it('an unpaid hold lapses: the order is closed at WeChat first, then the seat goes to the first waiting family with a message', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 1 });
    const [holder, first, second] = await makeFamilies(t, 'ccp-lapse', 3);
    const held = await enrollReq(t, holder!.token, cls, holder!.childIds);
    const w1 = await enrollReq(t, first!.token, cls, first!.childIds);
    const w2 = await enrollReq(t, second!.token, cls, second!.childIds);
    expect([w1.json().status, w2.json().status]).toEqual(['waitlisted', 'waitlisted']);
    const id = held.json().enrollmentIds[0] as string;
    expect((await pay(holder!, id)).statusCode).toBe(200);
    const order = (await orderOf(id))!;

    clock.advance(31 * MIN);
    // the order may still be paid at WeChat: the offers job leaves the hold to the payments job
    await t.app.jobs.runJob('childcare-offers');
    expect(await statuses([id])).toEqual(['offered']);
    await t.app.jobs.runJob('payments.reconcile');
    expect(fake.orders.get(order.out_trade_no)!.state).toBe('CLOSED');
    expect((await orderOf(id))!.status).toBe('closed');
    await t.app.jobs.runJob('childcare-offers');
    expect(await statuses([id])).toEqual(['expired']);
    expect(await statuses(w1.json().enrollmentIds)).toEqual(['offered']);
    expect(await statuses(w2.json().enrollmentIds)).toEqual(['waitlisted']);
    expect(await titles(holder!)).toContain('托班名额未支付已释放');
    expect(await titles(first!)).toContain('托班候补有名额了');
    expect(await classRow(cls)).toMatchObject({ taken: 1 });
    expectError(await pay(holder!, id), 409, 'HOLD_EXPIRED');

    // the offer, accepted, is itself a 30-minute hold with its own order
    clock.advance(2 * 3600_000);
    const offered = w1.json().enrollmentIds[0] as string;
    expect((await mine(first!))[0]).toMatchObject({ payment: { state: 'offer' } });
    const accepted = await act(first!, offered, 'accept');
    expect(accepted.json()).toEqual({ id: offered, status: 'offered' });
    expect((await mine(first!))[0]).toMatchObject({
      payment: {
        state: 'hold',
        holdExpiresAt: new Date(clock.now().getTime() + 30 * MIN).toISOString(),
      },
    });
    const theirs = await pay(first!, offered);
    expect(theirs.json().order).toMatchObject({ status: 'pending', amountFen: FEE });
    await fake.pay((await orderOf(offered))!.out_trade_no);
    expect(await statuses([offered])).toEqual(['enrolled']);
  });

  it('a hold never taken to 去支付 lapses by the offers job alone, with nothing to close', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 1 });
    const [holder, next] = await makeFamilies(t, 'ccp-idle', 2);
    const held = await enrollReq(t, holder!.token, cls, holder!.childIds);
    const waiting = await enrollReq(t, next!.token, cls, next!.childIds);
    clock.advance(31 * MIN);
    await t.app.jobs.runJob('childcare-offers');
    expect(await statuses(held.json().enrollmentIds)).toEqual(['expired']);
    expect(await statuses(waiting.json().enrollmentIds)).toEqual(['offered']);
    expect(await orderOf(held.json().enrollmentIds[0])).toBeUndefined();
  });

  it('cancelling a paid seat before the period starts refunds that child’s share in full; the seat goes to the waitlist', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 2 });
    const [f, next] = await makeFamilies(t, 'ccp-refund', 2, 2);
    await reduce(f!, f!.childIds[1]!, 50);
    const res = await enrollReq(t, f!.token, cls, f!.childIds);
    const waiting = await enrollReq(t, next!.token, cls, [next!.childIds[0]!]);
    const ids = res.json().enrollmentIds as string[];
    await pay(f!, ids[0]!);
    const order = (await orderOf(ids[0]!))!;
    await fake.pay(order.out_trade_no);
    expect(await statuses(ids)).toEqual(['enrolled', 'enrolled']);

    const cancelled = await act(f!, ids[1]!, 'cancel');
    expect(cancelled.json()).toEqual({ id: ids[1], status: 'cancelled' });
    const refunds = await t.db.query<{ out_refund_no: string; amount_fen: number; reason: string }>(
      'SELECT out_refund_no, amount_fen, reason FROM payment_refunds WHERE order_id = $1',
      [order.id],
    );
    expect(refunds).toEqual([
      {
        out_refund_no: expect.any(String),
        amount_fen: reducedFee(FEE, 50),
        reason: '开班前取消，全额退款',
      },
    ]);
    expect(fake.refunds.get(refunds[0]!.out_refund_no)!.request).toMatchObject({
      out_trade_no: order.out_trade_no,
      amount: { refund: reducedFee(FEE, 50), total: order.amount_fen },
    });
    expect((await orderOf(ids[0]!))!.refunded_fen).toBe(reducedFee(FEE, 50));
    expect(await statuses(waiting.json().enrollmentIds)).toEqual(['offered']);
  });

  it('staff rosters read a hold as 待支付, a waitlist offer as 补位待确认; the offer says the fee follows', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 1 });
    const [holder, waiting] = await makeFamilies(t, 'ccp-roster', 2);
    const held = await enrollReq(t, holder!.token, cls, holder!.childIds);
    await enrollReq(t, waiting!.token, cls, waiting!.childIds);
    const roster = async () =>
      (
        await t.app.inject({
          url: `/api/v1/childcare/classes/${cls}/roster`,
          headers: bearer(cat.adminToken),
        })
      ).json().items as Array<{ status: string; awaitingPayment: boolean }>;
    const csv = async () =>
      (
        await t.app.inject({
          url: `/api/v1/childcare/classes/${cls}/roster.csv`,
          headers: bearer(cat.adminToken),
        })
      ).body;
    expect(await roster()).toMatchObject([
      { status: 'offered', awaitingPayment: true },
      { status: 'waitlisted', awaitingPayment: false },
    ]);
    expect(await csv()).toContain('待支付');
    expect(await csv()).not.toContain('补位待确认');
    // the console's roster table: its state and its filter
    const table = async (query: string) =>
      (
        await t.app.inject({
          url: `/api/v1/console/tables/childcare-roster?classId=${cls}${query}`,
          headers: bearer(cat.adminToken),
        })
      ).json().items as Array<{ status: string }>;
    expect((await table('&sort=waitlistNo')).map((r) => r.status)).toEqual(['held', 'waitlisted']);
    expect(await table('&status=held')).toHaveLength(1);
    expect(await table('&status=offered')).toHaveLength(0);

    // the holder gives the seat up: the waiting family's offer is not yet a hold
    await act(holder!, held.json().enrollmentIds[0], 'cancel');
    expect(await roster()).toMatchObject([{ status: 'offered', awaitingPayment: false }]);
    expect(await csv()).toContain('补位待确认');
    expect((await table('&status=offered')).map((r) => r.status)).toEqual(['offered']);
    const [offer] = await t.db.query<{ body: string }>(
      `SELECT body FROM messages WHERE user_id = $1 AND title = '托班候补有名额了'`,
      [waiting!.userId],
    );
    expect(offer!.body).toMatch(/前确认，逾期将顺延给下一位。接受后请在30分钟内缴费。$/);
  });

  it('a cancelled paid seat reads 退款中, then 已退款 with its own share once WeChat confirms', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 2 });
    const [f] = await makeFamilies(t, 'ccp-refunded', 1, 2);
    await reduce(f!, f!.childIds[1]!, 50);
    const ids = (await enrollReq(t, f!.token, cls, f!.childIds)).json().enrollmentIds as string[];
    await pay(f!, ids[0]!);
    await fake.pay((await orderOf(ids[0]!))!.out_trade_no);
    await act(f!, ids[1]!, 'cancel');
    const seat = async (id: string) => (await mine(f!)).find((e) => e.id === id)!;
    expect((await seat(ids[1]!)).payment).toMatchObject({
      state: 'refunding',
      refundFen: reducedFee(FEE, 50),
    });
    const [r] = await t.db.query<{ out_refund_no: string }>(
      'SELECT r.out_refund_no FROM payment_refunds r JOIN cc_enrollments e ON e.refund_id = r.id WHERE e.id = $1',
      [ids[1]],
    );
    await fake.finishRefund(r!.out_refund_no);
    expect((await seat(ids[1]!)).payment).toMatchObject({
      state: 'refunded',
      refundFen: reducedFee(FEE, 50),
    });
    // the sibling who stays is still paid, at its own price
    expect((await seat(ids[0]!)).payment).toMatchObject({ state: 'paid', priceFen: FEE });
  });

  it('cancelling one child of a hold whose order is open: that order lapses, the sibling gets a new one at its own price', async () => {
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 2 });
    const [f] = await makeFamilies(t, 'ccp-split', 1, 2);
    const ids = (await enrollReq(t, f!.token, cls, f!.childIds)).json().enrollmentIds as string[];
    const before = (await pay(f!, ids[0]!)).json().order;
    expect(before.amountFen).toBe(2 * FEE);
    expect((await act(f!, ids[0]!, 'cancel')).statusCode).toBe(200);
    const after = (await pay(f!, ids[1]!)).json().order;
    expect(after.id).not.toBe(before.id);
    expect(after.amountFen).toBe(FEE);
    // the first order's hold ended: the job closes it at WeChat
    await t.app.jobs.runJob('payments.reconcile');
    const [old] = await t.db.query<{ status: string }>(
      'SELECT status FROM payment_orders WHERE id = $1',
      [before.id],
    );
    expect(old).toEqual({ status: 'closed' });
    await fake.pay((await orderOf(ids[1]!))!.out_trade_no);
    expect(await statuses(ids)).toEqual(['cancelled', 'enrolled']);
  });

  it('the enroll statement prices a child as reducedFee() does, fen for fen', async () => {
    const fees = [0, 1, 2, 3, 99, 100, 101, 333, 40_000, 59_999, 2_000_000_000];
    const percents = [null, 1, 10, 25, 33, 50, 66, 99, 100];
    const cases = fees.flatMap((fee) => percents.map((p) => ({ fee, p })));
    const rows = await t.db.query<{ fen: number }>(
      `SELECT cc_reduced_fee(f, p) AS fen FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS x(f, p, i) ORDER BY i`,
      [cases.map((c) => c.fee), cases.map((c) => c.p)],
    );
    expect(rows.map((r) => r.fen)).toEqual(cases.map((c) => reducedFee(c.fee, c.p)));
  });
});
