// A load that fails, in the H5 build against the real server: with the station list unreachable
// the page says 加载失败 with 重试 (not 暂无驿站), and 重试 shows the stations once the network is
// back; a 200 without the promised list is a failure too, never a blank or crashed page.
const path = require('node:path');
const { startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

describe('H5: a failed load is shown as a failure, with 重试', () => {
  let server;
  let browser;
  let page;
  const pageErrors = [];
  const LIST = '**/api/v1/stations';

  beforeAll(async () => {
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

  const openStations = () => page.goto(`${server.base}/#/features/station/pages/index/index`);

  it('no network: after the 网络不给力 prompt is declined, 加载失败 · 重试; 重试 loads the list', async () => {
    await page.route(LIST, (route) => route.abort('internetdisconnected'));
    await openStations();
    // request()'s own prompt comes first; the resident declines it
    await page.getByText('请求没有送达，请检查网络后重试。').waitFor();
    await page.getByText('取消', { exact: true }).click();
    await page.getByText('加载失败', { exact: true }).waitFor();
    await page.getByText('请求没有送达，请检查网络后重试。').waitFor({ state: 'hidden' });
    expect(await page.getByText('请检查网络后重试', { exact: true }).count()).toBe(1);
    expect(await page.getByText('暂无驿站').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'load-failed.png'), fullPage: true });

    await page.unroute(LIST);
    await page.locator('[data-testid="load-retry"]').click();
    await page.getByText('今晚空床 120').first().waitFor();
    expect(await page.locator('[data-testid="load-failed"]').count()).toBe(0);
  });

  it('a 200 without the promised list: 加载失败 with the reason, no crash', async () => {
    await page.route(LIST, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"rows":[]}' }),
    );
    await openStations();
    await page.getByText('加载失败', { exact: true }).waitFor();
    await page.getByText('服务返回的数据有误，请稍后重试').first().waitFor();
    expect(await page.getByText('暂无驿站').count()).toBe(0);
    await page.unroute(LIST);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
