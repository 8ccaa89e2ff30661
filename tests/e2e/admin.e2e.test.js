const path = require('node:path');
const { startServer, startBrowser } = require('./harness');

const { shots } = require('./shots');

describe('H5 on a PC: an admin makes a resident staff of a youth station, and the audit log shows it', () => {
  let server;
  let browser;
  let page;
  const pageErrors = [];

  beforeAll(async () => {
    server = await startServer();
    // a resident who has signed in once and completed the profile
    const api = (url, init = {}) =>
      fetch(`${server.base}${url}`, {
        ...init,
        headers: { 'content-type': 'application/json', ...init.headers },
      }).then((r) => r.json());
    const { token } = await api('/api/v1/auth/dev', {
      method: 'POST',
      body: JSON.stringify({ openid: 'e2e-future-staff' }),
    });
    await api('/api/v1/me', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '赵站长', phone: '13912340987' }),
    });

    const started = await startBrowser({ width: 1280, height: 800, mobile: false });
    browser = started.browser;
    page = await started.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = (route) => page.goto(`${server.base}/#/${route}`);

  it('signs in as admin and sees the admin tools on the organizer home', async () => {
    await open('pages/login/index');
    await page.locator('#login-openid input').fill('e2e-admin');
    await page.getByText('管理员', { exact: true }).click();
    await page.locator('#login-dev').click();
    // a new account is sent to the profile page first; wait for that before going on
    await page.getByText('完成实名后即可预约床位、报名课程和活动').waitFor();
    await open('features/organizer/pages/index/index');
    await page.locator('[data-testid="admin-roles"]').waitFor();
    await page.getByText('青年人才驿站·漕河泾合作酒店').first().waitFor();
    // today's work across the four services, each a tap away
    await page
      .locator('[data-testid="page-organizer"] [data-testid="today-item"]')
      .nth(6)
      .waitFor();
    expect(
      await page.locator('[data-testid="page-organizer"] [data-testid="today-item"]').count(),
    ).toBe(7);
    await page.screenshot({ path: path.join(shots, 'organizer-home.png') });
  });

  it('grants the resident staff rights at one station', async () => {
    await page.locator('[data-testid="admin-roles"]').click();
    await page.locator('[data-testid="page-roles"]').waitFor();
    await page
      .locator('[data-testid="page-roles"] .roles__org')
      .filter({ hasText: '青年人才驿站·漕河泾合作酒店' })
      .click();
    await page.locator('#roles-search input').fill('0987');
    await page.getByText('查找', { exact: true }).click();
    const row = page.locator('[data-testid="found-row"]').filter({ hasText: '赵站长' });
    await row.waitFor();
    expect(await row.textContent()).toContain('139****0987');
    await row.getByText('授权', { exact: true }).click();
    await page.locator('[data-testid="member-row"]').filter({ hasText: '赵站长' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-roles.png') });
  });

  it('shows the grant in the audit log with its before/after', async () => {
    await open('features/organizer/pages/audit/index');
    const item = page.locator('[data-testid="page-audit"] [data-testid="audit-item"]').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('授权工作人员');
    expect(await item.textContent()).toContain('"role":"staff"');
    await page.screenshot({ path: path.join(shots, 'admin-audit.png') });
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
