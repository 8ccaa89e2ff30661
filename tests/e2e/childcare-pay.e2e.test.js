// A paid 托班 class (¥400) in Chromium against the real server paying the local fake WeChat Pay,
// as `npm start` does; the H5 build opens the fake's 模拟支付 sheet in place of WeChat's. A parent
// enrolls on the class page and pays the 待支付 hold; a second parent's hold runs out (the server's
// clock is moved: DEV_CLOCK), WeChat's order is closed and the seat goes to the waiting family,
// who is offered it with the fee; the first cancels before the period and sees 已退款. A parent of
// two pays once for both.
const path = require('node:path');
const fs = require('node:fs');
const { signIn, startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

const FEE = 40_000;
const HOLD_MS = 30 * 60_000;

describe('H5: paid 托班 seat — 待支付 → 模拟支付 → 已报名 · 已支付; a lapsed hold → waitlist offer; cancel → 已退款; siblings pay once', () => {
  let server;
  let browser;
  let page;
  let admin;
  let programmeId;
  let classId;
  let siblingsClassId;
  const families = {}; // who → { token, session, childIds, enrollmentIds }
  const pageErrors = [];

  const api = async (method, url, token, body) => {
    const res = await fetch(`${server.base}/api/v1${url}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : method === 'POST' ? '{}' : undefined,
    });
    const json = await res.json().catch(() => null);
    if (res.status >= 400)
      throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const shot = (name) =>
    page.screenshot({ path: path.join(shots, `childcare-pay-${name}.png`), fullPage: true });
  const open = async (route) => {
    await page.goto(`${server.base}/#/${route}`);
    await page.reload();
  };
  const mine = () => open('features/childcare/pages/mine/index');
  const card = (id) => page.locator(`[data-testid="cc-mine-${id}"]`);
  const status = (id) => card(id).locator('.cc-mine__status');
  const as = async (who) => {
    await page.goto(server.base);
    await signIn(page, families[who].session);
    await mine();
  };
  const seat = async (who, id) =>
    (await api('GET', '/childcare/enrollments/mine', families[who].token)).items.find(
      (e) => e.id === id,
    );

  /** A parent with children (ID numbers valid for 2018/2015 births) who agreed to 家长须知. */
  const family = async (who, children) => {
    const session = await api('POST', '/auth/dev', null, { openid: `e2e-ccpay-${who}` });
    const childIds = [];
    for (const c of children)
      childIds.push((await api('POST', '/me/children', session.token, c)).id);
    await api('POST', `/childcare/programmes/${programmeId}/notice-acceptance`, session.token);
    families[who] = { session, token: session.token, childIds };
  };
  const enroll = async (who, cls) => {
    const r = await api('POST', '/childcare/enrollments', families[who].token, {
      classId: cls,
      childIds: families[who].childIds,
    });
    families[who].enrollmentIds = r.enrollmentIds;
    return r;
  };

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer({ devClock: true, payments: true });
    const started = await startBrowser();
    browser = started.browser;
    page = await started.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));

    admin = (await api('POST', '/auth/dev', null, { openid: 'e2e-ccpay-admin', role: 'admin' }))
      .token;
    const t0 = Date.parse((await api('GET', '/time')).now);
    const day = (d) => new Date(t0 + d * 86_400_000).toISOString().slice(0, 10);
    const programme = await api('POST', '/childcare/programmes', admin, {
      name: '寒假爱心托班',
      season: 'winter',
      prefillOpensAt: new Date(t0 - 7_200_000).toISOString(),
      registrationOpensAt: new Date(t0 - 60_000).toISOString(),
      registrationClosesAt: new Date(t0 + 7 * 86_400_000).toISOString(),
      notice: '每日 8:00–8:30 入园，17:00–17:30 接走。',
    });
    programmeId = programme.id;
    const period = await api('POST', `/childcare/programmes/${programmeId}/periods`, admin, {
      seq: 1,
      name: '第一期',
      startsOn: day(30),
      endsOn: day(43),
    });
    const site = (await api('GET', '/orgs?kind=site')).items.find((o) =>
      o.name.includes('爱心暑托班'),
    );
    const cls = (name, capacity, gradeMin, gradeMax) =>
      api('POST', '/childcare/classes', admin, {
        periodId: period.id,
        siteId: site.id,
        name,
        capacity,
        gradeMin,
        gradeMax,
        feeFen: FEE,
      });
    classId = (await cls('低年级班', 2, 1, 3)).id;
    siblingsClassId = (await cls('综合班', 5, 1, 6)).id;

    const child = (name, idNumber, grade) => ({ name, idNumber, school: '长风小学', grade });
    await family('a', [child('陈小雨', '310104201809010014', '二年级')]);
    await family('b', [child('李朵朵', '310104201809010022', '二年级')]);
    await family('c', [child('张乐乐', '310104201809010049', '一年级')]);
    await family('sib', [
      child('王小明', '310104201809010030', '二年级'),
      child('王小红', '310104201509010311', '五年级'),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a parent enrolls on the class page and sees 待支付 with the countdown and the amount', async () => {
    await page.goto(server.base);
    await signIn(page, families.a.session);
    await open(`features/childcare/pages/class/index?id=${classId}`);
    const pick = page.locator(`[data-testid="cc-pick-${families.a.childIds[0]}"]`);
    await pick.waitFor();
    await pick.click();
    await pick.getByText('☑').waitFor();
    await page.getByText('立即报名', { exact: true }).click();
    const result = page.locator('[data-testid="cc-enroll-result"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('请在 30 分钟内完成支付');
    await shot('held');
    await page.locator('[data-testid="cc-go-pay"]').click();
    families.a.enrollmentIds = (
      await api('GET', '/childcare/enrollments/mine', families.a.token)
    ).items.map((e) => e.id);
    const id = families.a.enrollmentIds[0];
    await card(id).waitFor();
    expect(await status(id).textContent()).toBe('待支付');
    const deadline = await card(id).getByTestId('pay-deadline').textContent();
    expect(deadline).toContain('托班费 ¥400.00');
    expect(deadline).toMatch(/剩 (29|30):\d\d/);
    await shot('pending');
  });

  it('去支付 opens the 模拟支付 sheet; paying makes the seat 已报名 · 已支付', async () => {
    const id = families.a.enrollmentIds[0];
    await card(id).getByText('去支付', { exact: true }).click();
    const sheet = page.getByTestId('demo-pay-sheet');
    await sheet.waitFor();
    expect(await page.getByTestId('demo-pay-amount').textContent()).toBe('¥400.00');
    await shot('sheet');
    await page.getByTestId('demo-pay-confirm').click();
    await sheet.waitFor({ state: 'detached' });
    await status(id).getByText('已报名 · 已支付').waitFor();
    await page.getByText('支付成功，报名成功').waitFor({ state: 'hidden' });
    expect(await card(id).getByTestId('cc-paid').textContent()).toBe('本孩子托班费 ¥400.00');
    await shot('paid');
    expect((await seat('a', id)).payment).toMatchObject({ state: 'paid', priceFen: FEE });
  });

  it('a second hold runs out: WeChat’s order is closed and the waiting family is offered the seat, with the fee', async () => {
    await enroll('b', classId);
    expect((await enroll('c', classId)).status).toBe('waitlisted');
    // b opens the order and never pays
    await api(
      'POST',
      `/childcare/enrollments/${families.b.enrollmentIds[0]}/pay`,
      families.b.token,
    );
    await server.advanceClock(HOLD_MS + 60_000);
    await server.runJob('payments.reconcile');
    await server.runJob('childcare-offers');
    expect((await seat('b', families.b.enrollmentIds[0])).status).toBe('expired');
    const offer = await seat('c', families.c.enrollmentIds[0]);
    expect(offer).toMatchObject({ status: 'offered', payment: { state: 'offer', priceFen: FEE } });

    await as('b');
    await status(families.b.enrollmentIds[0]).getByText('补位已过期').waitFor();
    await as('c');
    const id = families.c.enrollmentIds[0];
    await status(id).getByText('补位待确认').waitFor();
    expect(await card(id).textContent()).toContain('托班费 ¥400.00，确认后请在支付时限内完成支付');
    // the offer is given up with its own 放弃, not a second 取消报名
    expect(await card(id).locator('[data-testid="cc-cancel"]').count()).toBe(0);
    await shot('waitlist-offer');
    const messages = await api('GET', '/messages', families.c.token);
    expect(JSON.stringify(messages)).toContain('接受后请在30分钟内缴费');
  });

  it('the paid parent cancels before the period starts and sees 已退款', async () => {
    await as('a');
    const id = families.a.enrollmentIds[0];
    await card(id).locator('[data-testid="cc-cancel"]').click();
    await page.getByText('确定', { exact: true }).click();
    await status(id).getByText('已取消').waitFor();
    // WeChat finishes a refund on its own time and says so in a callback: look until it did
    for (let i = 0; i < 20; i++) {
      if ((await seat('a', id)).payment?.state === 'refunded') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await mine();
    await card(id).getByText('已退款 ¥400.00（原路退回微信）').waitFor();
    await shot('refunded');
  });

  it('a parent of two pays once for both: one family amount, both 已报名 · 已支付', async () => {
    const r = await enroll('sib', siblingsClassId);
    expect(r.status).toBe('held');
    await as('sib');
    const [first, second] = families.sib.enrollmentIds;
    for (const id of [first, second]) {
      expect(await status(id).textContent()).toBe('待支付');
      expect(await card(id).getByTestId('pay-deadline').textContent()).toContain(
        '全家托班费 ¥800.00',
      );
    }
    await shot('siblings-pending');
    await card(first).getByText('去支付', { exact: true }).click();
    await page.getByTestId('demo-pay-sheet').waitFor();
    expect(await page.getByTestId('demo-pay-amount').textContent()).toBe('¥800.00');
    await page.getByTestId('demo-pay-confirm').click();
    await page.getByTestId('demo-pay-sheet').waitFor({ state: 'detached' });
    await status(first).getByText('已报名 · 已支付').waitFor();
    await status(second).getByText('已报名 · 已支付').waitFor();
    await page.getByText('支付成功，报名成功').waitFor({ state: 'hidden' });
    for (const id of [first, second])
      expect(await card(id).getByTestId('cc-paid').textContent()).toBe(
        '本孩子托班费 ¥400.00（全家合计 ¥800.00，已一次付清）',
      );
    await shot('siblings-paid');
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
