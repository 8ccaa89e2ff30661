const path = require('node:path');
const { startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

describe('扫码登录: a PC shows a QR code, a staff member confirms on the phone, the PC lands on the console', () => {
  let server;
  let browser;
  let page;
  const pageErrors = [];

  beforeAll(async () => {
    server = await startServer();
    const started = await startBrowser({ width: 1280, height: 800, mobile: false });
    browser = started.browser;
    page = await started.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = (url, init = {}) =>
    fetch(`${server.base}${url}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });

  it('signs the PC in as the organizer who confirmed on the phone', async () => {
    // the ticket is in the QR code; the phone reads it from there, the test from the page's request
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/auth/qr') && r.request().method() === 'POST',
    );
    await page.goto(`${server.base}/#/pages/login/index`);
    const response = await created;
    expect(response.status()).toBe(200);
    const { ticket } = await response.json();
    await page.locator('[data-testid="qr-login"] img').waitFor();
    await page.screenshot({ path: path.join(shots, 'pc-login.png') });

    // the phone: an organizer signed in (here by dev login), who looks, then confirms
    const phone = await (
      await api('/api/v1/auth/dev', {
        method: 'POST',
        body: JSON.stringify({ openid: 'e2e-phone-organizer', role: 'organizer' }),
      })
    ).json();
    const auth = { authorization: `Bearer ${phone.token}` };
    const info = await (await api(`/api/v1/auth/qr/${ticket}`, { headers: auth })).json();
    expect(info).toMatchObject({
      ipMasked: '127.0.0.*',
      browser: expect.stringContaining('Chrome'),
    });
    const confirmed = await api(`/api/v1/auth/qr/${ticket}/confirm`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(confirmed.status).toBe(200);

    // a PC-wide window lands on the desktop console, its own tables under its own name
    await page.locator('[data-testid="console"]').waitFor({ timeout: 15000 });
    await page.getByTestId('console').getByText('工作台首页').first().waitFor();
    const session = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('youth-hub/session') || 'null'),
    );
    expect(JSON.stringify(session)).toContain(phone.user.id);
    expect(pageErrors).toEqual([]);
  });
});
