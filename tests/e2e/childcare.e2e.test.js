// 爱心暑托班 in Chromium against the real server: a parent adds a child and a guardian, waits on
// the class page for the opening instant (countdown on server time), enrolls into a class that
// another family has just filled, is told honestly "已满，您在候补第 1 位", and when that family
// cancels, accepts the offer on 我的托班 and sees the pick-up code.
const path = require('node:path');
const fs = require('node:fs');
const { signIn, startServer, startBrowser } = require('./harness');

const { shots } = require('./shots');
const OPENS_IN_MS = 25_000;

describe('H5: 爱心暑托班 — add child → wait for opening → full → waitlist → offer → accept', () => {
  let server;
  let browser;
  let page;
  let classId;
  let other; // the family that takes the only seat first
  let opensAt;
  let admin;
  let programmeId;
  let siteId; // the class's site: its staff is the one who logs in below
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
  const devLogin = async (openid, role) =>
    (await api('POST', '/auth/dev', null, { openid, role })).token;

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const started = await startBrowser();
    browser = started.browser;
    page = await started.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));

    // The committee opens a one-seat class a few seconds from now (server time).
    admin = await devLogin('e2e-cc-admin', 'admin');
    const { now } = await api('GET', '/time');
    const t0 = Date.parse(now);
    opensAt = t0 + OPENS_IN_MS;
    const day = (d) => new Date(t0 + d * 86400_000).toISOString().slice(0, 10);
    const programme = await api('POST', '/childcare/programmes', admin, {
      name: 'E2E爱心托班',
      season: 'winter',
      prefillOpensAt: new Date(t0 - 3600_000).toISOString(),
      registrationOpensAt: new Date(opensAt).toISOString(),
      registrationClosesAt: new Date(t0 + 7 * 86400_000).toISOString(),
      notice: '每日 8:00–8:30 入园，17:00–17:30 接走，须由授权接送人出示接送码。',
    });
    const period = await api('POST', `/childcare/programmes/${programme.id}/periods`, admin, {
      seq: 1,
      name: '第一期',
      startsOn: day(30),
      endsOn: day(41),
    });
    const sites = (await api('GET', '/orgs?kind=site')).items.filter((o) =>
      o.name.includes('爱心暑托班'),
    );
    const cls = await api('POST', '/childcare/classes', admin, {
      periodId: period.id,
      siteId: sites[0].id,
      name: '低年级班',
      capacity: 1,
      gradeMin: 1,
      gradeMax: 3,
      feeFen: 0,
      whatToBring: '水杯、午睡小毯子、换洗衣物',
    });
    classId = cls.id;
    programmeId = programme.id;
    siteId = sites[0].id;

    const token = await devLogin('e2e-cc-other-parent');
    const child = await api('POST', '/me/children', token, {
      name: '李朵朵',
      idNumber: '310104201809010022',
      school: '长风小学',
      grade: '二年级',
    });
    await api('POST', `/childcare/programmes/${programme.id}/notice-acceptance`, token);
    other = { token, childId: child.id };
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (name) =>
    page.screenshot({ path: path.join(shots, `childcare-${name}.png`), fullPage: true });
  const open = (route) => page.goto(`${server.base}/#/${route}`);

  it('shows the programmes and classes on the landing page', async () => {
    await open('features/childcare/pages/index/index');
    await page.locator('[data-testid="page-childcare"] .cc-class').first().waitFor();
    expect(await page.locator('[data-testid="page-childcare"]').textContent()).toContain(
      '爱心暑托班',
    );
    await shot('home');
  });

  it('signs in, adds a child with school and grade, and an authorized guardian (phone masked)', async () => {
    await open('pages/mine/index');
    await page.getByText('登录 / 注册').click();
    await page.locator('#login-openid input').fill('e2e-cc-parent');
    await page.locator('#login-dev').click();
    await page.getByText('完成实名后即可预约床位、报名课程和活动').waitFor();

    await open('features/childcare/pages/children/index');
    await page.locator('[data-testid="cc-add-child"]').click();
    await page.locator('[data-testid="cc-child-name"] input').fill('王小明');
    await page.locator('[data-testid="cc-child-id"] input').fill('310104201809010030');
    await page.locator('[data-testid="cc-child-school"] input').fill('田林第三小学');
    await page.locator('[data-testid="cc-child-grade"] input').fill('二年级');
    await page.locator('[data-testid="cc-child-save"]').click();
    const card = page.locator('[data-testid^="cc-child-"]').filter({ hasText: '王小明' }).first();
    await card.waitFor();
    const childId = (await card.getAttribute('data-testid')).replace('cc-child-', '');
    await page.locator(`[data-testid="cc-g-name-${childId}"] input`).fill('王建国');
    await page.locator(`[data-testid="cc-g-rel-${childId}"] input`).fill('祖父');
    await page.locator(`[data-testid="cc-g-phone-${childId}"] input`).fill('13812345678');
    await page.locator(`[data-testid="cc-g-save-${childId}"]`).click();
    await page.getByText('王建国（祖父）138****5678').waitFor();
    expect(await page.content()).not.toContain('13812345678');
    expect(await page.content()).not.toContain('310104201809010030');
    await shot('children');
  });

  it('a relative adding the same ID number sends a request, which the parent answers in 孩子资料', async () => {
    const grandpa = await devLogin('e2e-cc-grandpa');
    await api('PUT', '/me', grandpa, { name: '王建国', phone: '13812345678' });
    const asked = await api('POST', '/me/children', grandpa, {
      name: '王小明',
      idNumber: '310104201809010030',
    });
    expect(asked).toEqual({ status: 'requested', message: '已提交，等待孩子的监护人确认' });
    await page.reload();
    const requests = page.locator('[data-testid="cc-guardian-requests"]');
    await requests.waitFor();
    expect(await requests.textContent()).toContain('王*国（138****5678）申请关联孩子：王小明');
    await shot('guardian-request');
    await requests.getByText('拒绝', { exact: true }).click();
    await requests.waitFor({ state: 'detached' });
  });

  it(
    'before opening the parent agrees to 家长须知, sees a countdown and a disabled button; at the instant the button opens',
    async () => {
      await open(`features/childcare/pages/class/index?id=${classId}`);
      await page.locator('[data-testid="cc-notice-agree"]').click();
      await page.locator('[data-testid="cc-notice-agreed"]').waitFor();
      // pick the child once the page has its data (a tap before the children load is lost)
      const pick = page.locator('[data-testid^="cc-pick-"]').filter({ hasText: '王小明' });
      await pick.waitFor();
      await pick.click();
      await pick.getByText('☑').waitFor();
      await page.locator('[data-testid="cc-countdown"]').waitFor();
      expect(await page.locator('[data-testid="cc-enroll-button"]').textContent()).toBe(
        '报名尚未开始',
      );
      await shot('countdown');
      await page.getByText('立即报名', { exact: true }).waitFor({ timeout: OPENS_IN_MS + 15_000 });
    },
    OPENS_IN_MS + 30_000,
  );

  it('when another family took the only seat first, answers honestly: 已满，您在候补第 1 位', async () => {
    const first = await api('POST', '/childcare/enrollments', other.token, {
      classId,
      childIds: [other.childId],
    });
    expect(first.status).toBe('enrolled');
    other.enrollmentId = first.enrollmentIds[0];
    await page.getByText('立即报名', { exact: true }).click();
    const result = page.locator('[data-testid="cc-enroll-result"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('已满，您在候补第 1 位');
    await shot('waitlisted');
  });

  it('when that family cancels, the seat is offered at once; accepting it shows what comes next and the pick-up code', async () => {
    await api('POST', `/childcare/enrollments/${other.enrollmentId}/cancel`, other.token);
    await open('features/childcare/pages/mine/index');
    await page.getByText('补位待确认').waitFor();
    await shot('offer');
    await page.locator('[data-testid="cc-accept"]').click();
    await page.getByText('已报名', { exact: true }).waitFor();
    await page.getByText('入班指南').waitFor();
    expect(await page.locator('[data-testid="cc-guide"]').textContent()).toMatch(/前可在本页取消/);
    await page.getByText('王建国（祖父）出示接送码 ›').click();
    await page.locator('.cc-mine__qr').waitFor();
    await page.getByText('已确认入班').waitFor({ state: 'hidden' });
    await shot('mine');
    expect(pageErrors).toEqual([]);
  });

  it('报名统计, linked from the landing page, counts the seat that went from the waitlist', async () => {
    await open('features/childcare/pages/index/index');
    await page.locator('[data-testid="cc-stats-link"]').waitFor();
    await open(`features/childcare/pages/stats/index?programmeId=${programmeId}`);
    const stats = page.locator('[data-testid="round-stats"]');
    await stats.waitFor();
    const text = await stats.textContent();
    expect(text).toContain('E2E爱心托班');
    // the seat the other family gave back went to this family, from the waitlist
    expect(text).toMatch(/[1-9]\d*候补递补/);
    await shot('stats');
  });

  it('兄弟姐妹一起报名: a younger and an older child, one class each, saved and enrolled with one tap', async () => {
    const { now } = await api('GET', '/time');
    const t0 = Date.parse(now);
    const day = (d) => new Date(t0 + d * 86400_000).toISOString().slice(0, 10);
    const programme = await api('POST', '/childcare/programmes', admin, {
      name: 'E2E兄弟姐妹托班',
      season: 'winter',
      prefillOpensAt: new Date(t0 - 7200_000).toISOString(),
      registrationOpensAt: new Date(t0 - 60_000).toISOString(),
      registrationClosesAt: new Date(t0 + 7 * 86400_000).toISOString(),
    });
    const period = await api('POST', `/childcare/programmes/${programme.id}/periods`, admin, {
      seq: 1,
      name: '第一期',
      startsOn: day(30),
      endsOn: day(41),
    });
    const band = (name, gradeMin, gradeMax) =>
      api('POST', '/childcare/classes', admin, {
        periodId: period.id,
        siteId,
        name,
        capacity: 5,
        gradeMin,
        gradeMax,
        feeFen: 0,
      });
    const young = await band('低年级班', 1, 3);
    const old = await band('高年级班', 4, 6);
    // the parent signed in on the page adds an older child (another session of the same account)
    const { token } = await api('POST', '/auth/dev', null, { openid: 'e2e-cc-parent' });
    const older = await api('POST', '/me/children', token, {
      name: '王小红',
      idNumber: '310104201509010311',
      school: '田林第三小学',
      grade: '五年级',
    });

    await open(`features/childcare/pages/basket/index?programmeId=${programme.id}`);
    const olderCard = page.locator(`[data-testid="cc-basket-child-${older.id}"]`);
    await olderCard.waitFor();
    expect(await olderCard.textContent()).not.toContain('低年级班');
    await olderCard.locator(`[data-testid="cc-basket-option-${older.id}-${old.id}"]`).click();
    await page.locator(`[data-testid^="cc-basket-option-"][data-testid$="-${young.id}"]`).click();
    await page.locator('[data-testid="cc-basket-mode-all"]').click();
    await page.locator('[data-testid="cc-basket-save"]').click();
    await page.locator('[data-testid="cc-basket-saved"]').waitFor();
    await shot('basket');
    await page.getByText('一键报名（2 个孩子）').click();
    const result = page.locator('[data-testid="cc-basket-result"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('全部报名成功');
    expect(await result.textContent()).toContain('王小红 · 高年级班 · 已报名');
    expect(await result.textContent()).toContain('王小明 · 低年级班 · 已报名');
    await shot('basket-done');
    expect(pageErrors).toEqual([]);
  });

  it('费用减免: the parent applies for a child; the committee approves 全免 and the family sees it', async () => {
    await open('features/childcare/pages/reductions/index');
    await page.locator('[data-testid="cc-rd-form"]').waitFor();
    await page.locator('[data-testid^="cc-rd-child-"]').filter({ hasText: '王小明' }).click();
    await page.locator('[data-testid="cc-rd-category-dibao"]').click();
    await page.locator('[data-testid="cc-rd-note"] textarea').fill('已获低保认定，证号见证明照片');
    await shot('reduction-form');
    await page.locator('[data-testid="cc-rd-submit"]').click();
    const item = page.locator('[data-testid^="cc-rd-"]').filter({ hasText: '审核中' }).first();
    await item.waitFor();
    const id = (await item.getAttribute('data-testid')).replace('cc-rd-', '');
    await api('POST', `/childcare/reductions/${id}/decision`, admin, {
      decision: 'approve',
      percentOff: 100,
    });
    await page.reload();
    await page.getByText('已通过：全免').waitFor();
    await shot('reduction-approved');
    expect(pageErrors).toEqual([]);
  });

  it('site staff see the class with its roster (health notes flagged) and can export it', async () => {
    // real site staff, not an admin: the admin grants this one site (授权, which makes the
    // resident an organizer), so the workbench shows only what the site scoping lets through
    const { user } = await api('POST', '/auth/dev', null, { openid: 'e2e-cc-staff' });
    await api('POST', `/admin/orgs/${siteId}/members`, admin, { userId: user.id });
    await signIn(page, await api('POST', '/auth/dev', null, { openid: 'e2e-cc-staff' }));
    await open('features/childcare/pages/staff/index');
    const card = page
      .locator('.cc-staff__class')
      .filter({ hasText: 'E2E爱心托班 第一期 · 低年级班' })
      .first();
    await card.waitFor();
    await card.getByText('名单', { exact: true }).click();
    await page.getByText('✓ 王小明（男，二年级）').waitFor();
    const counts = page.locator('[data-testid="cc-staff-counts"]');
    await counts.waitFor();
    // the programme taking registrations now is the one counted (not the demo one still ahead)
    expect(await counts.textContent()).toMatch(/E2E爱心托班 · 各点各期人数第一期.*已报 1\/1/);
    await page.screenshot({ path: path.join(shots, 'childcare-staff.png') });
  });
  it("site staff are told programmes are the committee's, create a class at their site, and set its capacity", async () => {
    await page.locator('[data-testid="cc-staff-manage"]').click();
    await page.locator('[data-testid="page-childcare-manage"]').waitFor();
    // programmes and periods are the district's calendar: only the committee (admin) creates them
    expect(await page.locator('[data-testid="cc-manage-admin-only"]').textContent()).toContain(
      '由团区委统一设置',
    );
    expect(await page.locator('[data-testid="cc-programme-submit"]').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'childcare-manage.png') });

    const form = page.locator('[data-testid="cc-class-form"]');
    await form.locator('.cc-manage__chip', { hasText: 'E2E爱心托班' }).click();
    await form.locator('[data-testid="cc-class-period"] .cc-manage__chip').first().click();
    await form.locator('[data-testid="cc-class-site"] .cc-manage__chip').first().click();
    await page.locator('#cc-class-name input').fill('高年级班');
    await page.locator('#cc-class-capacity input').fill('30');
    await page.locator('#cc-class-grade-min input').fill('4');
    await page.locator('#cc-class-grade-max input').fill('5');
    // this server has no WeChat Pay: a paid class cannot open, and staff are told why in place
    await page.locator('#cc-class-fee input').fill('500');
    await form.locator('[data-testid="cc-class-submit"]').click();
    const refused = form.locator('[data-testid="cc-class-error"]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员',
    );
    await page.locator('#cc-class-fee input').fill('0');
    await form.locator('[data-testid="cc-class-submit"]').click();
    const created = form.locator('[data-testid="cc-class-created"]');
    await created.waitFor();
    expect(await created.textContent()).toContain('已创建：第一期 · 高年级班（30 个名额）');
    await page.waitForTimeout(1600); // the success toast fades
    await form.locator('[data-testid="cc-class-site"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'childcare-manage-class.png') });

    // back to the 工作台 it came from, which reloads its classes
    await page.locator('[data-testid="cc-manage-back"]').click();
    const card = page
      .locator('.cc-staff__class:visible')
      .filter({ hasText: 'E2E爱心托班 第一期 · 高年级班' })
      .first();
    await card.waitFor();
    await card.locator('[data-testid="cc-capacity-input"] input').fill('36');
    await card.locator('[data-testid="cc-capacity-save"]').click();
    await card.getByText('已占 0/36').waitFor();
    await page.waitForTimeout(1600);
    await card.screenshot({ path: path.join(shots, 'childcare-staff-capacity.png') });
    expect(pageErrors).toEqual([]);
  });
});
