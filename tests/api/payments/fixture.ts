// Story setup for the payment tests: an app wired to the fake WeChat Pay (callbacks injected into
// the app), a first-come term open on the test clock, and paid courses in it.
import type { LightMyRequestResponse } from 'fastify';
import { makeApp, testClock, bearer, type TestApp } from '../helper';
import { startFakeWechatPay, type FakeWechatPay, type Notification } from '../fake-wechatpay';
import { apply, createCourse, createTerm, organizer, residents } from '../night-school/fixture';

// Window: 2026-03-01 10:00 – 2026-03-05 22:00 Shanghai; courses start Tuesday 10 March 19:00.
export const OPENS = '2026-03-01T02:00:00.000Z';
export const CLOSES = '2026-03-05T14:00:00.000Z';
export const FEE = 50_000; // ¥500 for 12 sessions, the citizen night school's price

export interface PayWorld {
  t: TestApp;
  fake: FakeWechatPay;
  clock: ReturnType<typeof testClock>;
  staff: string;
  termId: string;
  /** A paid course (capacity as asked). */
  course(capacity?: number, over?: Record<string, unknown>): Promise<{ id: string }>;
  /** Residents who each applied to the course, in that order. */
  applicants(
    courseId: string,
    n: number,
  ): Promise<Array<{ id: string; token: string; applicationId: string; status: string }>>;
  pay(token: string, applicationId: string): Promise<LightMyRequestResponse>;
  refresh(token: string, orderId: string): Promise<LightMyRequestResponse>;
  /** A callback as WeChat would POST it. */
  notify(n: Notification): Promise<LightMyRequestResponse>;
  application(id: string): Promise<{ status: string; offer_expires_at: string | null }>;
  order(applicationId: string): Promise<any>;
  close(): Promise<void>;
}

let people = 0;

/** An app on `clock` wired to a fresh fake WeChat Pay whose callbacks are injected into it. */
export async function payApp(clock: ReturnType<typeof testClock>): Promise<{
  t: TestApp;
  fake: FakeWechatPay;
  notify: (n: Notification) => Promise<LightMyRequestResponse>;
}> {
  const fake = await startFakeWechatPay({ now: clock.now });
  const t = await makeApp({
    now: clock.now,
    config: {
      wechat: {
        appId: fake.config.appId,
        secret: 'wx-test-secret',
        apiBase: 'http://127.0.0.1:1',
        timeoutMs: 500,
        templates: {},
        wxacodeEnv: 'develop',
      },
      wechatPay: fake.config,
    },
  });
  const notify = (n: Notification) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/wechat/notify',
      headers: n.headers,
      payload: n.body,
    });
  fake.deliver = async (n) => (await notify(n)).statusCode;
  return { t, fake, notify };
}

export async function payWorld(): Promise<PayWorld> {
  const clock = testClock('2026-03-01T02:00:01.000Z');
  const { t, fake, notify } = await payApp(clock);
  const staff = await organizer(t);
  const termId = (
    await createTerm(t, staff, { allocation: 'first_come', opensAt: OPENS, closesAt: CLOSES })
  ).id;
  let courses = 0;
  return {
    t,
    fake,
    clock,
    staff,
    termId,
    course: (capacity = 1, over = {}) =>
      createCourse(t, staff, termId, {
        title: `粤语入门${++courses}`,
        capacity,
        feeFen: FEE,
        ...over,
      }),
    async applicants(courseId, n) {
      const list = await residents(t, n, `payer${++people}-`);
      const out = [];
      for (const p of list) {
        const res = await apply(t, p.token, courseId);
        if (res.statusCode !== 201) throw new Error(`apply: ${res.statusCode} ${res.body}`);
        out.push({ ...p, applicationId: res.json().id, status: res.json().status });
      }
      return out;
    },
    pay: (token, applicationId) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/night-school/applications/${applicationId}/pay`,
        headers: bearer(token),
      }),
    refresh: (token, orderId) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/payments/orders/${orderId}/refresh`,
        headers: bearer(token),
      }),
    notify,
    async application(id) {
      const [row] = await t.db.query<{ status: string; offer_expires_at: string | null }>(
        'SELECT status, offer_expires_at FROM ns_applications WHERE id = $1',
        [id],
      );
      return row;
    },
    async order(applicationId) {
      const [row] = await t.db.query(
        `SELECT id::text AS id, status, out_trade_no, prepay_id, amount_fen, paid_fen, flag, refunded_fen,
           hold_expires_at, paid_at
         FROM payment_orders WHERE payable_kind = 'ns_application' AND payable_id = $1`,
        [applicationId],
      );
      return row;
    },
    async close() {
      await t.close();
      await fake.close();
    },
  };
}
