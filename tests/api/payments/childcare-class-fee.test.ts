// A 托班 class with a fee opens only where WeChat Pay is configured: without WECHATPAY_* staff are
// told why (409 PAYMENTS_NOT_CONFIGURED) whether they create the class or set its fee, and nothing
// is kept; free classes, and edits that leave the fee alone, go on as before.
import { bearer, DB_KIND, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import { expectError } from '../night-school/fixture';
import type { FakeWechatPay } from '../fake-wechatpay';
import { AFTER_OPEN, makeCatalogue, makeClass, type Catalogue } from '../childcare/fixtures';
import { payApp } from './fixture';

const FEE = 40_000; // ¥400 for two weeks in Putuo
const REFUSAL = '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员';

function classApi(t: TestApp, token: string) {
  return {
    create: (cat: Catalogue, name: string, feeFen: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/childcare/classes',
        headers: bearer(token),
        payload: {
          periodId: cat.periodId,
          siteId: cat.siteId,
          name,
          capacity: 30,
          gradeMin: 1,
          gradeMax: 3,
          feeFen,
        },
      }),
    update: (id: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/childcare/classes/${id}`,
        headers: bearer(token),
        payload,
      }),
  };
}

describe(`a paid 托班 class without WeChat Pay (${DB_KIND})`, () => {
  let t: TestApp;
  let cat: Catalogue;
  let api: ReturnType<typeof classApi>;
  beforeAll(async () => {
    t = await makeApp({ now: testClock(AFTER_OPEN).now }); // no WECHATPAY_* configured
    cat = await makeCatalogue(t);
    api = classApi(t, await loginStaff(t, 'cc-fee-staff', [cat.siteId]));
  });
  afterAll(async () => t.close());

  const feeOf = async (id: string) =>
    (
      await t.db.query<{ fee_fen: number }>('SELECT fee_fen FROM cc_classes WHERE id = $1', [id])
    )[0]!.fee_fen;

  it('refuses to create it, saying why, and keeps nothing', async () => {
    const res = await api.create(cat, '收费班', FEE);
    expectError(res, 409, 'PAYMENTS_NOT_CONFIGURED');
    expect(res.json().message).toBe(REFUSAL);
    expect(
      await t.db.query('SELECT id FROM cc_classes WHERE period_id = $1 AND name = $2', [
        cat.periodId,
        '收费班',
      ]),
    ).toEqual([]);
  });

  it('refuses to put a fee on a free class, and leaves its fee and things to bring alone', async () => {
    const id = await makeClass(t, cat, { capacity: 30 });
    const res = await api.update(id, { feeFen: FEE, whatToBring: '防晒帽' });
    expectError(res, 409, 'PAYMENTS_NOT_CONFIGURED');
    expect(res.json().message).toBe(REFUSAL);
    const [row] = await t.db.query<{ fee_fen: number; what_to_bring: string }>(
      'SELECT fee_fen, what_to_bring FROM cc_classes WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ fee_fen: 0, what_to_bring: '水杯、午睡毯' });
  });

  it('creates a free class, and edits a class without touching its fee, as before', async () => {
    const res = await api.create(cat, '免费班', 0);
    expect(res.statusCode).toBe(201);
    expect(res.json().feeFen).toBe(0);
    // a class priced while WeChat Pay was configured keeps its capacity editable
    const id = await makeClass(t, cat, { capacity: 30 });
    await t.db.query('UPDATE cc_classes SET fee_fen = $2 WHERE id = $1', [id, FEE]);
    const edit = await api.update(id, { capacity: 32, whatToBring: '水杯' });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ capacity: 32, feeFen: FEE, whatToBring: '水杯' });
    // and may be made free
    expect((await api.update(id, { feeFen: 0 })).json().feeFen).toBe(0);
    expect(await feeOf(id)).toBe(0);
  });
});

describe(`a paid 托班 class with WeChat Pay configured (${DB_KIND})`, () => {
  let t: TestApp;
  let fake: FakeWechatPay;
  let cat: Catalogue;
  let api: ReturnType<typeof classApi>;
  beforeAll(async () => {
    ({ t, fake } = await payApp(testClock(AFTER_OPEN)));
    cat = await makeCatalogue(t);
    api = classApi(t, await loginStaff(t, 'cc-fee-staff-pay', [cat.siteId]));
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('creates it with its fee, and lets staff change the fee', async () => {
    const res = await api.create(cat, '收费班', FEE);
    expect(res.statusCode).toBe(201);
    expect(res.json().feeFen).toBe(FEE);
    const edit = await api.update(res.json().id, { feeFen: 45_000 });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().feeFen).toBe(45_000);
  });
});
