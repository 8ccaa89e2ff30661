// A paid night-school course (¥500) in Chromium against the real server, which pays against the
// local fake WeChat Pay as `npm start` does. A browser cannot open WeChat's payment sheet, so the
// H5 build opens the fake's 模拟支付 sheet; the fake checks the signed parameters and sends the
// signed callback like WeChat. Four learners apply to a course of two seats: the first pays and
// reads 已报名; the second opens the sheet, closes it, and lets the 30-minute hold run out (the
// server's clock is moved: DEV_CLOCK); WeChat's order is closed, the seat passes to the first on
// the waitlist, who is offered it to pay; the first cancels and sees the refund arrive.
const path = require('node:path');
const fs = require('node:fs');
const { startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 number for a person born on 1997-05-<day>. */
function idNumber(seq) {
  const body = `310104199705${String(10 + seq).padStart(2, '0')}${String(200 + seq).slice(-3)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}
// The course starts on the first Tuesday at least three weeks away (Shanghai): cancelling is
// before the start, so the refund is in full.
const shanghaiToday = new Date(Date.now() + 8 * 3_600_000);
const start = new Date(
  Date.UTC(
    shanghaiToday.getUTCFullYear(),
    shanghaiToday.getUTCMonth(),
    shanghaiToday.getUTCDate() + 21,
  ),
);
start.setUTCDate(start.getUTCDate() + ((2 - start.getUTCDay() + 7) % 7));

const HOLD_MS = 30 * 60_000;

describe('H5: paid night-school seat — hold → 模拟支付 → 已报名; a lapsed hold → waitlist offer; cancel → refund', () => {
  let server;
  let browser;
  let page;
  let api;
  let course;
  const pageErrors = [];
  const learners = {}; // name → { session, applicationId }

  const shot = (name) =>
    page.screenshot({ path: path.join(shots, `payments-${name}.png`), fullPage: true });
  const open = async (route) => {
    await page.goto(`${server.base}/#/${route}`);
    await page.reload();
  };
  const mine = () => open('features/night-school/pages/mine/index');
  const card = (who) => page.locator(`[data-testid="my-${learners[who].applicationId}"]`);
  /** Signs in on the login page as the learner, then opens 我的夜校. */
  const as = async (who) => {
    await open('pages/login/index');
    await page.locator('#login-openid input').fill(`e2e-pay-${who}`);
    await page.locator('#login-dev').click();
    await page.waitForURL((u) => !u.hash.includes('pages/login'));
    await mine();
    await card(who).waitFor();
  };
  const statusOf = async (who) => {
    const mineNow = await api('GET', '/night-school/me', learners[who].session.token);
    return mineNow.items.find((i) => i.application.id === learners[who].applicationId);
  };

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer({ devClock: true, payments: true });
    api = async (method, url, token, body) => {
      const res = await fetch(`${server.base}/api/v1${url}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      if (res.status >= 300)
        throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const started = await startBrowser();
    browser = started.browser;
    page = await started.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));

    // first come, first served, open now; ¥500 for 12 sessions, two seats
    const staff = (
      await api('POST', '/auth/dev', null, { openid: 'e2e-pay-organizer', role: 'organizer' })
    ).token;
    const me = await api('GET', '/me', staff);
    const now = Date.now();
    const term = await api('POST', '/night-school/admin/terms', staff, {
      orgId: me.orgIds[0],
      name: '2026冬季市民夜校·收费班',
      allocation: 'first_come',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    course = await api('POST', `/night-school/admin/terms/${term.id}/courses`, staff, {
      title: '市民英语口语（12次课）',
      category: '语言',
      teacher: '林老师',
      description: '日常与职场口语，12次课。',
      venueName: '“半马苏河”青年服务阵地旗舰店',
      venueAddress: '上海市普陀区光复西路2899号',
      district: '普陀区',
      lat: 31.2262,
      lng: 121.4012,
      weekday: 2,
      startTime: '19:00',
      endTime: '20:30',
      startDate: start.toISOString().slice(0, 10),
      sessions: 12,
      capacity: 2,
      feeFen: 50_000,
    });
    // in this order: two win a seat (待支付), two wait
    const names = { a: '陈一鸣', b: '李二娜', c: '张三丰', d: '赵四海' };
    for (const [i, who] of ['a', 'b', 'c', 'd'].entries()) {
      const session = await api('POST', '/auth/dev', null, { openid: `e2e-pay-${who}` });
      await api('PUT', '/me', session.token, { name: names[who], idNumber: idNumber(i + 1) });
      const application = await api('POST', '/night-school/applications', session.token, {
        courseId: course.id,
      });
      learners[who] = { session, applicationId: application.id, status: application.status };
    }
    await page.goto(server.base);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the first two win a seat held as 待支付; the others wait', () => {
    expect(['a', 'b', 'c', 'd'].map((w) => learners[w].status)).toEqual([
      'offered',
      'offered',
      'waitlisted',
      'waitlisted',
    ]);
  });

  it('a winner sees 待支付 with the fee and a countdown on the server clock', async () => {
    await as('a');
    await expect(card('a').getByTestId('my-status').textContent()).resolves.toBe('待支付');
    const deadline = card('a').getByTestId('pay-deadline');
    const text = await deadline.textContent();
    expect(text).toContain('学费 ¥500.00');
    expect(text).toMatch(/剩 (29|30):\d\d/);
    await shot('pending');
  });

  it('去支付 opens the 模拟支付 sheet; 确认支付 pays through the fake, and the seat reads 已报名', async () => {
    await card('a').getByText('去支付', { exact: true }).click();
    const sheet = page.getByTestId('demo-pay-sheet');
    await sheet.waitFor();
    expect(await page.getByTestId('demo-pay-amount').textContent()).toBe('¥500.00');
    expect(await sheet.textContent()).toContain('青年夜校·市民英语口语（12次课）');
    await shot('sheet');
    await page.getByTestId('demo-pay-confirm').click();
    await sheet.waitFor({ state: 'detached' });
    await card('a').getByText('已报名', { exact: true }).waitFor();
    await page.getByText('支付成功，报名成功').waitFor({ state: 'hidden' });
    expect(await card('a').getByTestId('my-payment').textContent()).toContain('已支付学费 ¥500.00');
    await shot('paid');
    const item = await statusOf('a');
    expect(item.application.status).toBe('confirmed');
    expect(item.payment).toMatchObject({ status: 'paid', paidFen: 50_000, refundedFen: 0 });
  });

  it('the second closes the sheet without paying: the hold keeps running', async () => {
    await as('b');
    await card('b').getByText('去支付', { exact: true }).click();
    await page.getByTestId('demo-pay-sheet').waitFor();
    await page.getByTestId('demo-pay-cancel').click();
    await page.getByText('未完成支付，名额在支付时限内为你保留').waitFor();
    expect(await card('b').getByTestId('my-status').textContent()).toBe('待支付');
    expect((await statusOf('b')).payment).toMatchObject({ status: 'pending' });
  });

  it('when the hold runs out, WeChat’s order is closed and the seat goes to the first on the waitlist', async () => {
    await server.advanceClock(HOLD_MS + 60_000);
    // the payments job closes the lapsed order at WeChat; only then does the expiry pass the seat on
    await server.runJob('payments.reconcile');
    await server.runJob('night-school.expire-offers');
    const b = await statusOf('b');
    expect(b.application.status).toBe('expired');
    expect(b.payment.status).toBe('closed');
    expect((await statusOf('c')).application.status).toBe('offered');
    expect((await statusOf('d')).application.status).toBe('waitlisted');

    await mine();
    await card('b').getByText('逾期未支付', { exact: true }).waitFor();
    expect(await card('b').textContent()).toContain('未在支付时限内完成支付，名额已顺延给候补');
    await shot('hold-expired');

    await as('c');
    await expect(card('c').getByTestId('my-status').textContent()).resolves.toBe('待支付');
    expect(await card('c').getByTestId('pay-deadline').textContent()).toContain('学费 ¥500.00');
    await shot('waitlist-offer');
  });

  it('the paid learner cancels before the start and sees the fee refunded in full', async () => {
    await as('a');
    await card('a').getByText('取消报名', { exact: true }).click();
    await page.getByText('取消报名？').waitFor();
    await page.getByText('确定', { exact: true }).click();
    await card('a').getByText('已取消', { exact: true }).waitFor();
    // WeChat finishes a refund on its own time and says so in a callback: look again until it did
    for (let i = 0; i < 20; i++) {
      if ((await statusOf('a')).payment.refundedFen === 50_000) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await mine();
    const money = card('a').getByTestId('my-payment');
    await money.getByText('已退款 ¥500.00（原路退回微信）').waitFor();
    await shot('refunded');
    expect((await statusOf('a')).payment).toMatchObject({
      status: 'paid',
      paidFen: 50_000,
      refundedFen: 50_000,
      refundingFen: 0,
    });
    // the freed seat went down the waitlist too
    expect((await statusOf('d')).application.status).toBe('offered');
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
