// 晚到 in Chromium against the real server: a guest with tonight's approved stay reports a late
// arrival with a time on 我的预订; staff see it on 今日到店, their scan is refused after the
// check-in window, and they check the guest in with a reason, which the audit log keeps.
//
// The e2e runs on the real clock, so "after 22:00" is made true at any hour: the committee sets
// the window's end (checkInUntil, a district setting) a minute or two after the server's now. The
// guest reports before it closes (a stay not reported late is released by the no-show job once the
// window has closed, which is the rule), and staff scan once it has.
const path = require('node:path');
const { callApi, signIn, startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

const HM = (minutes) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Beijing date and minute of the day on the server's clock. */
async function beijingNow(base) {
  const now = Date.parse((await callApi(base, 'GET', '/api/v1/time')).now) + 8 * 3600_000;
  const iso = new Date(now).toISOString();
  return {
    day: iso.slice(0, 10),
    minutes: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)),
  };
}

describe('H5: 青年驿站 晚到 — the guest reports, staff check in late with a reason', () => {
  let server;
  let browser;
  let guest;
  let staff;
  let tokens;
  let bookingId;
  let reported;
  let untilMinutes;
  const pageErrors = [];
  const shot = (page, name) =>
    page.screenshot({ path: path.join(shots, `station-${name}.png`), fullPage: true });
  const open = (page, route) => page.goto(`${server.base}/#/${route}`);
  const api = (method, url, body, token) =>
    callApi(server.base, method, `/api/v1${url}`, body, token);

  beforeAll(async () => {
    server = await startServer();
    // the window's end must fall after 00:00 (its start): in the first minutes after midnight, wait
    while ((await beijingNow(server.base)).minutes < 3)
      await new Promise((r) => setTimeout(r, 5000));
    const login = (openid, extra = {}) => api('POST', '/auth/dev', { openid, ...extra });
    const g = await login('e2e-late-guest');
    const s = await login('e2e-late-staff', { role: 'organizer', orgKind: 'station' });
    const c = await login('e2e-late-committee', { role: 'admin' });
    tokens = { guest: g.token, staff: s.token, committee: c.token };
    await api(
      'PUT',
      '/me',
      { name: '林小青', phone: '13912345678', idNumber: '310104200005011236' },
      g.token,
    );

    const { day, minutes } = await beijingNow(server.base);
    untilMinutes = minutes + 2;
    await api(
      'PUT',
      '/stations/settings',
      { checkInFrom: '00:00', checkInUntil: HM(untilMinutes) },
      c.token,
    );
    // half an hour after the window's end: that evening, or after midnight the next morning
    reported = HM(untilMinutes + 30);

    // tonight's stay, held, booked with the form and approved (the two stages have their own e2e)
    const [station] = (await api('GET', '/stations')).items;
    const twin = station.roomTypes.find((r) => r.code === 'twin').id;
    const hold = await api(
      'POST',
      `/stations/${station.id}/holds`,
      { roomTypeId: twin, checkIn: day, nights: 1 },
      g.token,
    );
    await api(
      'POST',
      `/stations/bookings/${hold.id}/eligibility`,
      { declaredStatus: 'job_seeking', noLocalHome: true },
      g.token,
    );
    await api('POST', `/stations/bookings/${hold.id}/approve`, {}, s.token);
    bookingId = hold.id;

    const started = await startBrowser();
    browser = started.browser;
    guest = await started.context.newPage();
    guest.on('pageerror', (err) => pageErrors.push(String(err)));
    await open(guest, 'pages/home/index');
    await signIn(guest, g);
    const staffContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    staff = await staffContext.newPage();
    staff.on('pageerror', (err) => pageErrors.push(String(err)));
    await open(staff, 'pages/home/index');
    await signIn(staff, s);
  }, 240000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the guest reports 晚到 with a time on 我的预订 and sees it kept', async () => {
    await open(guest, `features/station/pages/booking/index?id=${bookingId}`);
    await guest.locator('[data-testid="late-arrival-open"]').click();
    // the time picker (Taro's H5 picker): its value set, then opened and confirmed with 确定 as a
    // guest would after scrolling to the time
    await guest.$eval('taro-picker-core', (el, v) => (el.value = v), reported);
    await guest.locator('[data-testid="late-arrival-time"]').click();
    await guest.locator('.weui-picker__action', { hasText: '确定' }).click();
    await guest.waitForFunction(
      (hm) => document.querySelector('[data-testid="late-arrival-time"]')?.textContent.includes(hm),
      reported,
    );
    // the picker slides away (350 ms) before the picture
    await guest.waitForFunction(() =>
      [...document.querySelectorAll('.weui-picker__overlay')].every(
        (o) => getComputedStyle(o).display === 'none',
      ),
    );
    await shot(guest, 'late-arrival-form');
    await guest.locator('[data-testid="late-arrival-submit"]').click();
    const kept = guest.locator('[data-testid="late-arrival-reported"]');
    await kept.waitFor();
    expect(await kept.textContent()).toContain(reported);
    await shot(guest, 'late-arrival-reported');
    expect(
      (await api('GET', `/stations/bookings/${bookingId}`, null, tokens.guest)).lateArrival,
    ).toBe(reported);
  });

  it('staff see the reported time on 今日到店, and check the guest in after the window with a reason', async () => {
    await open(staff, 'features/station/pages/staff/index');
    await staff.locator('[data-testid="tab-arrivals"]').click();
    const late = staff.locator(`[data-testid="late-${bookingId}"]`);
    await late.waitFor();
    expect(await late.textContent()).toContain(reported);

    // the front desk's clock passes the window's end (on the server's clock)
    while ((await beijingNow(server.base)).minutes < untilMinutes)
      await new Promise((r) => setTimeout(r, 2000));
    const { code } = await api('GET', `/stations/bookings/${bookingId}`, null, tokens.guest);
    await staff.locator('#station-scan-code input').fill(code);
    await staff.locator('[data-testid="scan-submit"]').click();
    // the window has closed: the scan alone is refused, and a reason is asked for
    await staff.locator('[data-testid="late-checkin"]').waitFor();
    await staff
      .locator('#late-checkin-reason input')
      .fill('客人报告晚到，火车晚点，核验身份证后入住');
    // the refusal's toast has gone before the picture
    await staff.waitForFunction(() =>
      [...document.querySelectorAll('.taro__toast')].every((t) => t.style.display === 'none'),
    );
    await shot(staff, 'staff-late-checkin');
    await staff.locator('[data-testid="late-checkin-submit"]').click();
    await staff.locator('[data-testid="late-checkin"]').waitFor({ state: 'detached' });

    const booking = await api('GET', `/stations/bookings/${bookingId}`, null, tokens.guest);
    expect(booking.status).toBe('checked_in');
    const audit = await api(
      'GET',
      '/admin/audit?action=station.booking.check_in_late',
      null,
      tokens.committee,
    );
    expect(audit.items[0]).toMatchObject({ entityId: bookingId });
    expect(JSON.stringify(audit.items[0])).toContain('火车晚点');
    expect(pageErrors).toEqual([]);
  }, 240000);
});
