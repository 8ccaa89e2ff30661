// The console's payments read a childcare pay group (siblings paying once) like a night-school
// seat: its class as the offering, its site as the scope, and its seats' state for the
// reconciliation.
import { bearer, DB_KIND, loginStaff, testClock, type TestApp } from '../helper';
import type { FakeWechatPay } from '../fake-wechatpay';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from '../childcare/fixtures';
import { payApp } from './fixture';

const FEE = 40_000; // ¥400 for two weeks in Putuo

describe(`console payments of childcare pay groups (${DB_KIND})`, () => {
  const clock = testClock(AFTER_OPEN);
  let t: TestApp;
  let fake: FakeWechatPay;
  beforeAll(async () => {
    ({ t, fake } = await payApp(clock));
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const table = async (token: string, name: string, query: Record<string, string> = {}) => {
    const res = await t.app.inject({
      url: `/api/v1/console/tables/${name}`,
      query,
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Array<Record<string, unknown>>; total: number };
  };

  it('lists a sibling group’s one order under its class and site, to that site’s staff only', async () => {
    const cat = await makeCatalogue(t);
    const cls = await makeClass(t, cat, { feeFen: FEE, capacity: 3 });
    const [f] = await makeFamilies(t, 'ccc-sib', 1, 2);
    const held = await enrollReq(t, f!.token, cls, f!.childIds);
    expect(held.json().status).toBe('held');
    const ids = held.json().enrollmentIds as string[];
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/enrollments/${ids[0]}/pay`,
      headers: bearer(f!.token),
    });
    expect(started.statusCode).toBe(200);
    const orderId = started.json().order.id as string;
    await fake.pay([...fake.orders.keys()].at(-1)!);

    const siteStaff = await loginStaff(t, 'ccc-site-staff', [cat.siteId]);
    const otherStaff = await loginStaff(t, 'ccc-other-staff', [cat.otherSiteId]);
    const [{ name }] = await t.db.query<{ name: string }>(
      'SELECT name FROM cc_classes WHERE id = $1',
      [cls],
    );
    const page = await table(siteStaff, 'payments');
    expect(page.items).toEqual([
      expect.objectContaining({
        id: orderId,
        offering: name,
        amountFen: 2 * FEE,
        status: 'paid',
      }),
    ]);
    expect((await table(siteStaff, 'payments', { offering: `cc_class:${cls}` })).total).toBe(1);
    expect((await table(otherStaff, 'payments')).total).toBe(0);
    expect((await table(siteStaff, 'payments-reconciliation')).total).toBe(0);

    // our seats no longer the family's, though they neither paid less nor gave them up
    await t.db.query(`UPDATE cc_enrollments SET status = 'expired' WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
    expect((await table(siteStaff, 'payments-reconciliation')).items).toEqual([
      expect.objectContaining({ kind: 'seat_not_held', orderId, seat: 'not_held' }),
    ]);
  });
});
