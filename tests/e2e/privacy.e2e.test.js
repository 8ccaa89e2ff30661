const path = require('node:path');
const fs = require('node:fs');
const { root, startServer, startBrowser } = require('./harness');

const shots = path.join(root, 'docs', 'screenshots');

describe('H5: 我的 → 隐私与数据: retention rules, data download, account deletion', () => {
  let server;
  let browser;
  let page;
  const pageErrors = [];

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const started = await startBrowser();
    browser = started.browser;
    page = await started.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  const open = (route) => page.goto(`${server.base}/#/${route}`);

  it('opens from 我的 and states how long each kind of data is kept', async () => {
    await open('pages/login/index');
    await page.locator('#login-openid input').fill('e2e-privacy-1');
    await page.locator('#login-dev').click();
    await page.waitForURL((u) => !u.hash.includes('pages/login'));
    await open('pages/mine/index');
    await page.locator('[data-testid="privacy-entry"]').click();
    const rules = page.locator('[data-testid="retention-rules"]');
    await rules.waitFor();
    const text = await rules.textContent();
    expect(text).toContain('入住结束 30 天后自动删除');
    expect(text).toContain('24 小时后自动删除');
    await shot('privacy');
  });

  it('downloads the data as a JSON file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#privacy-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^青年汇-我的数据-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).account).toMatchObject({ role: 'resident' });
    await page.getByText('已开始下载').waitFor({ state: 'hidden' });
  });

  it('asks before deleting; 再想想 keeps the account, 确认注销 deletes it and signs out', async () => {
    await page.locator('#privacy-delete').click();
    await page.getByText('确定注销账号？').waitFor();
    await page.waitForTimeout(400); // the modal's fade-in
    await shot('privacy-delete-confirm');
    await page.getByText('再想想', { exact: true }).click();
    await page.getByText('确定注销账号？').waitFor({ state: 'hidden' });

    await page.locator('#privacy-delete').click();
    await page.getByText('确认注销', { exact: true }).click();
    await page.getByText('尚未登录').waitFor();
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
