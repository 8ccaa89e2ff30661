const path = require('node:path');
const { startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

/** A valid GB 11643 number from its first 17 digits (the check digit computed). */
function idNumber(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

describe('电脑工作台 at 1280×800: station staff approve requested bookings in bulk from the table', () => {
  let server;
  let browser;
  let context;
  const pageErrors = [];
  const bookingIds = [];

  const api = async (token, method, url, body) => {
    const res = await fetch(`${server.base}/api/v1${url}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };

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

  beforeAll(async () => {
    server = await startServer();
    const station = (await api(null, 'GET', '/stations')).body.items[0];
    const twin = station.roomTypes.find((r) => r.code === 'twin').id;
    const now = (await api(null, 'GET', '/time')).body.now;
    const tomorrow = new Date(Date.parse(now) + 32 * 3600_000).toISOString().slice(0, 10);
    const names = ['陈思远', '刘佳宁', '周子涵'];
    for (const [i, name] of names.entries()) {
      const r = (await api(null, 'POST', '/auth/dev', { openid: `e2e-console-guest-${i}` })).body;
      const me = await api(r.token, 'PUT', '/me', {
        name,
        phone: `1391234560${i}`,
        idNumber: idNumber(`31010420000501${101 + i * 2}`),
      });
      expect(me.status).toBe(200);
      const booked = await api(r.token, 'POST', `/stations/${station.id}/bookings`, {
        roomTypeId: twin,
        checkIn: tomorrow,
        nights: 2,
        declaredStatus: 'job_seeking',
        noLocalHome: true,
      });
      expect(booked.status).toBe(201);
      bookingIds.push(String(booked.body.id));
    }
    const started = await startBrowser({ width: 1280, height: 800, mobile: false });
    browser = started.browser;
    context = started.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = (page, route) => page.goto(`${server.base}/#/${route}`);
  const shot = (page, name) => page.screenshot({ path: path.join(shots, `console-${name}.png`) });

  it('opens the console at desktop width: navigation on the left, no phone column', async () => {
    const staff = (
      await api(null, 'POST', '/auth/dev', {
        openid: 'e2e-console-staff',
        role: 'organizer',
        orgKind: 'station',
      })
    ).body;
    const page = await signedInPage(staff);
    await open(page, 'features/console/pages/index/index?s=station');
    const table = page.locator('[data-testid="table-station-bookings"]');
    await table.locator('[data-testid="table-row"]').first().waitFor();
    const app = await page.locator('#app').boundingBox();
    expect(app.width).toBeGreaterThanOrEqual(1270);
    const nav = await page.locator('.console-layout__nav').boundingBox();
    expect(nav.x).toBeLessThan(10);
    // an organizer sees the services, not the admin's sections
    expect(await page.locator('[data-testid="nav-roles"]').count()).toBe(0);

    // sort by check-in, narrow to 待审核, pick every row of the page, approve
    await page.locator('[data-testid="sort-checkIn"]').click();
    await page.locator('[data-testid="sort-checkIn"]', { hasText: '▲' }).waitFor();
    await page.locator('[data-testid="filter-status"]').selectOption('requested');
    await page.getByTestId('table-total').getByText('共 3 条').waitFor();
    await shot(page, 'station-bookings');
    await page.locator('[data-testid="pick-all"]').check();
    expect(await page.locator('[data-testid="bulk-run"]').textContent()).toBe('批量通过（3）');
    await page.locator('[data-testid="bulk-run"]').click();
    expect(await page.locator('[data-testid="bulk-outcome"]').textContent()).toBe('已完成 3 条');
    await page.getByTestId('table-total').getByText('共 0 条').waitFor();

    await page.locator('[data-testid="filter-status"]').selectOption('approved');
    await page.getByTestId('table-total').getByText('共 3 条').waitFor();
    await shot(page, 'station-approved');
    for (const id of bookingIds) {
      const list = await api(
        staff.token,
        'GET',
        `/console/tables/station-bookings?q=&status=approved`,
      );
      expect(list.body.items.map((r) => r.id)).toContain(id);
    }
    await page.close();
  });

  it('shows every service as a table to the admin; each page screenshotted at 1280×800', async () => {
    const admin = (
      await api(null, 'POST', '/auth/dev', { openid: 'e2e-console-admin', role: 'admin' })
    ).body;
    const page = await signedInPage(admin);
    await open(page, 'features/console/pages/index/index');
    await page.locator('[data-testid="console"]').waitFor();
    await page.locator('[data-testid="console-today-item"]').first().waitFor();
    // the home draws the last 12 months, the district's for an admin
    await page
      .locator('[data-testid="console-charts"] [data-testid="figure-occupancy"] canvas')
      .waitFor();
    await shot(page, 'home');
    const sections = {
      station: ['station-bookings', 'station-occupancy'],
      childcare: ['childcare-classes', 'childcare-roster', 'childcare-attendance'],
      'night-school': [
        'night-school-terms',
        'night-school-courses',
        'night-school-applications',
        'night-school-attendance',
        'night-school-appeals',
      ],
      volunteer: ['volunteer-tasks', 'volunteer-shifts', 'volunteer-hours'],
      roles: ['roles'],
      audit: ['audit'],
    };
    for (const [section, tables] of Object.entries(sections)) {
      await page.locator(`[data-testid="nav-${section}"]`).click();
      for (const table of tables) {
        if (tables.length > 1) await page.locator(`[data-testid="tab-${table}"]`).click();
        const t = page.locator(`[data-testid="table-${table}"]`);
        await t.waitFor();
        await t
          .getByTestId('table-total')
          .getByText(/^共 \d+ 条$/)
          .waitFor();
        // every column fits a 1,280 px screen: none hides behind a sideways scroll
        const hidden = await t.evaluate((el) => {
          const box = el.querySelector('.console-table__scroll');
          return box.scrollWidth - box.clientWidth;
        });
        expect([table, hidden]).toEqual([table, 0]);
        await shot(page, table);
      }
    }
    // 数据看板 opens the dashboards, with their charts
    await page.locator('[data-testid="nav-dashboard"]').click();
    await page.locator('[data-testid="page-dashboard"]').waitFor();
    await page.locator('[data-testid="page-dashboard"] canvas').first().waitFor();
    await shot(page, 'dashboard');
    expect(pageErrors).toEqual([]);
  });
});
