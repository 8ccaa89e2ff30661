// 电脑工作台 · 收费与对账 at 1280×800, against the API process wired to the fake WeChat Pay (real
// signatures; the fake's callbacks reach the server over HTTP): residents pay for night-school
// seats — one with the wrong amount, one after giving the seat up, one not yet — staff refund
// one in part and WeChat refuses another refund. The committee's staff see the orders, the day's
// totals and the differences; each view screenshotted.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');
const { startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

/**
 * The one fake WeChat Pay (TypeScript, node built-ins and its own sibling files), compiled here:
 * the browser tests run untransformed JavaScript, and jest's module system follows no require
 * hooks, so its relative imports are compiled the same way.
 */
function loadTs(file) {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const local = (spec) =>
    spec.startsWith('.') ? loadTs(`${path.resolve(path.dirname(file), spec)}.ts`) : require(spec);
  const mod = { exports: {} };
  new Function('require', 'module', 'exports', outputText)(local, mod, mod.exports);
  return mod.exports;
}
const { startFakeWechatPay } = loadTs(
  path.join(__dirname, '../../server/dev/fake-wechatpay/fake-wechatpay.ts'),
);

/** A valid GB 11643 number from its first 17 digits (the check digit computed). */
function idNumber(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

describe('电脑工作台 · 收费与对账 at 1280×800', () => {
  let fake;
  let server;
  let browser;
  let context;
  let keys;
  let staff;
  /** A paid ¥300 order nobody refunded yet: staff refund it by hand in the last story. */
  let unrefunded;
  const pageErrors = [];

  const api = async (token, method, url, body) => {
    const res = await fetch(`${server.base}/api/v1${url}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const newestOrderNo = () => [...fake.orders.keys()].at(-1);

  beforeAll(async () => {
    fake = await startFakeWechatPay();
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-e2e-pay-'));
    fs.writeFileSync(path.join(keys, 'merchant.pem'), fake.config.privateKeyPem);
    fs.writeFileSync(path.join(keys, 'platform.pem'), fake.config.platformPublicKeyPem);
    server = await startServer({
      env: {
        WECHAT_APPID: fake.config.appId,
        WECHATPAY_MCHID: fake.config.mchId,
        WECHATPAY_SERIAL: fake.config.serial,
        WECHATPAY_PRIVATE_KEY_PATH: path.join(keys, 'merchant.pem'),
        WECHATPAY_APIV3_KEY: fake.config.apiV3Key,
        WECHATPAY_PLATFORM_PUBLIC_KEY_PATH: path.join(keys, 'platform.pem'),
        WECHATPAY_PLATFORM_PUBLIC_KEY_ID: fake.config.platformPublicKeyId,
        WECHATPAY_API_BASE: fake.baseUrl,
      },
    });
    // callbacks go to the server as WeChat would send them
    fake.deliver = async (n) =>
      (
        await fetch(`${server.base}/api/v1/payments/wechat/notify`, {
          method: 'POST',
          headers: n.headers,
          body: n.body,
        })
      ).status;

    staff = (await api(null, 'POST', '/auth/dev', { openid: 'e2e-pay-staff', role: 'organizer' }))
      .body;
    const committee = (await api(null, 'GET', '/orgs?kind=committee')).body.items[0];
    const now = Date.parse((await api(null, 'GET', '/time')).body.now);
    const term = await api(staff.token, 'POST', '/night-school/admin/terms', {
      orgId: committee.id,
      name: '2027春季青年夜校',
      allocation: 'first_come',
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: new Date(now + 3 * 86400_000).toISOString(),
    });
    expect(term.status).toBe(201);
    const start = new Date(now + 10 * 86400_000).toISOString().slice(0, 10);
    const course = async (title, feeFen) => {
      const res = await api(
        staff.token,
        'POST',
        `/night-school/admin/terms/${term.body.id}/courses`,
        {
          title,
          category: '语言',
          teacher: '陈老师',
          description: '',
          venueName: '徐汇青年活动中心',
          venueAddress: '上海市徐汇区漕溪北路336号',
          district: '徐汇区',
          lat: 31.1886,
          lng: 121.4371,
          weekday: 2,
          startTime: '19:00',
          endTime: '20:30',
          startDate: start,
          sessions: 12,
          capacity: 20,
          feeFen,
        },
      );
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const cantonese = await course('粤语入门', 50_000);
    const pottery = await course('陶艺入门：手捏与拉坯', 30_000);

    const names = ['陈思远', '刘佳宁', '周子涵', '王小青', '李安然', '张一鸣', '赵静怡'];
    const people = [];
    for (const [i, name] of names.entries()) {
      const r = (await api(null, 'POST', '/auth/dev', { openid: `e2e-payer-${i}` })).body;
      const me = await api(r.token, 'PUT', '/me', {
        name,
        phone: `1391234561${i}`,
        idNumber: idNumber(`31010419980501${101 + i * 2}`),
      });
      expect(me.status).toBe(200);
      const applied = await api(r.token, 'POST', '/night-school/applications', {
        courseId: i % 3 === 2 ? pottery : cantonese,
      });
      expect(applied.status).toBe(201);
      const paying = await api(
        r.token,
        'POST',
        `/night-school/applications/${applied.body.id}/pay`,
      );
      expect(paying.status).toBe(200);
      people.push({
        token: r.token,
        applicationId: applied.body.id,
        orderId: paying.body.order.id,
        no: newestOrderNo(),
      });
    }
    const [p0, p1, p2, p3, p4, p5] = people;
    unrefunded = p2.orderId;
    await fake.pay(p0.no);
    await fake.pay(p1.no);
    await fake.pay(p2.no);
    // WeChat says ¥400 came for a ¥500 order: flagged, no seat given
    await fake.pay(p3.no, { paidFen: 40_000 });
    // gives the seat up with the payment sheet open, then pays: refunded in full automatically
    const gaveUp = await api(
      p4.token,
      'POST',
      `/night-school/applications/${p4.applicationId}/withdraw`,
    );
    expect(gaveUp.status).toBe(200);
    await fake.pay(p4.no);
    await fake.pay(p5.no);
    // the last payer has not paid yet (待支付)

    const refund = async (orderId, amountFen, reason) => {
      const res = await api(staff.token, 'POST', `/payments/admin/orders/${orderId}/refunds`, {
        amountFen,
        reason,
      });
      expect(res.status).toBe(201);
      return [...fake.refunds.keys()].at(-1);
    };
    await fake.finishRefund(await refund(p1.orderId, 10_000, '缺席两次课，按规则退还部分学费'));
    await fake.finishRefund(await refund(p5.orderId, 30_000, '课程取消'), { status: 'ABNORMAL' });

    const started = await startBrowser({ width: 1280, height: 800, mobile: false });
    browser = started.browser;
    context = started.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
    if (keys) fs.rmSync(keys, { recursive: true, force: true });
  });

  async function signedInPage(session) {
    const value = JSON.stringify({
      state: { token: session.token, expiresAt: session.expiresAt, user: session.user },
      version: 0,
    });
    const page = await context.newPage();
    await page.addInitScript(
      (v) => localStorage.setItem('youth-hub/session', JSON.stringify({ data: v })),
      value,
    );
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    return page;
  }
  const shot = (page, name) => page.screenshot({ path: path.join(shots, `console-${name}.png`) });

  /** Every column fits a 1,280 px screen: none hides behind a sideways scroll. */
  const hiddenWidth = (table) =>
    table.evaluate((el) => {
      const box = el.querySelector('.console-table__scroll');
      return box.scrollWidth - box.clientWidth;
    });

  it('shows the committee its orders, the day’s totals and what differs from WeChat', async () => {
    const page = await signedInPage(staff);
    await page.goto(`${server.base}/#/features/console/pages/index/index?s=payments`);
    const orders = page.locator('[data-testid="table-payments"]');
    await orders.getByTestId('table-total').getByText('共 7 条').waitFor();
    expect(await hiddenWidth(orders)).toBe(0);
    const text = await orders.textContent();
    // payers masked, money in yuan, states in Chinese
    expect(text).toContain('陈*远');
    expect(text).not.toContain('陈思远');
    expect(text).toContain('金额不符');
    expect(text).toContain('部分退款');
    expect(text).toContain('待支付');
    await shot(page, 'payments');

    await page.getByTestId('filter-status').selectOption('flagged');
    await orders.getByTestId('table-total').getByText('共 2 条').waitFor();
    await page.getByTestId('filter-status').selectOption('');

    await page.getByTestId('tab-payments-daily').click();
    const daily = page.locator('[data-testid="table-payments-daily"]');
    await daily.getByTestId('table-total').getByText('共 1 条').waitFor();
    // six paid (¥500 ×3, ¥300 ×2 and the ¥400 that came for a ¥500 order), ¥100 refunded and
    // confirmed: the released seat's refund (still processing) and the refused one are not money out
    expect(await daily.locator('[data-testid="table-row"]').textContent()).toContain(
      '¥2,500.006¥100.001¥2,400.00',
    );
    expect(await hiddenWidth(daily)).toBe(0);
    await shot(page, 'payments-daily');

    await page.getByTestId('tab-payments-reconciliation').click();
    const recon = page.locator('[data-testid="table-payments-reconciliation"]');
    await recon.getByTestId('table-total').getByText('共 3 条').waitFor();
    const differences = await recon.textContent();
    expect(differences).toContain('实收金额不符');
    expect(differences).toContain('退款失败');
    expect(await hiddenWidth(recon)).toBe(0);
    await shot(page, 'payments-reconciliation');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('lets staff refund an order by hand: what is left, a reason, a second look', async () => {
    const page = await signedInPage(staff);
    await page.goto(`${server.base}/#/features/console/pages/index/index?s=payments`);
    const orders = page.locator('[data-testid="table-payments"]');
    await orders.getByTestId('table-total').getByText('共 7 条').waitFor();
    await page.getByTestId(`row-dialog-${unrefunded}`).click();
    const dialog = page.getByTestId('refund-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('refund-left').textContent()).toBe('¥300.00');
    expect(await page.getByTestId('refund-amount').inputValue()).toBe('300.00');
    await page.getByTestId('refund-reason').fill('课程因场地原因取消，全额退款');
    await shot(page, 'payments-refund');
    await page.getByTestId('refund-next').click();
    expect(await page.getByTestId('refund-confirm-text').textContent()).toContain('¥300.00');
    await shot(page, 'payments-refund-confirm');
    await page.getByTestId('refund-send').click();
    const outcome = await page.getByTestId('bulk-outcome').textContent();
    expect(outcome).toContain(`订单 #${unrefunded} 已提交退款 ¥300.00`);
    // the row, read again: the whole ¥300 counted as refunded, on its way at WeChat
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('[data-testid="table-row"]')].some(
          (tr) => tr.firstChild?.textContent === id && /¥300\.00退款中已退款/.test(tr.textContent),
        ),
      unrefunded,
    );
    expect(await page.getByTestId(`row-dialog-${unrefunded}`).count()).toBe(0);
    expect(await hiddenWidth(orders)).toBe(0);
    await shot(page, 'payments-refunded-by-staff');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
