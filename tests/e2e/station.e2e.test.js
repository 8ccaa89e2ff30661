// 青年驿站 in Chromium against the real server: a resident holds tonight's beds from the calendar
// (stage 1) and books them with the eligibility form while the hold's countdown runs (stage 2);
// a hold the phone counts out says so and starts again; staff approve, scan the resident's code to
// check in, and check the guest out early.
const path = require('node:path');
const fs = require('node:fs');
const { startServer, startBrowser } = require('./harness');

const { shots } = require('./shots');

describe('H5: 青年驿站 — hold → eligibility form → staff approve → scan check-in → check-out', () => {
  let server;
  let browser;
  let resident;
  let staff;
  let residentToken;
  let today;
  const pageErrors = [];

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

  /** A phone already signed in: the session the app persists, as Taro's H5 storage writes it. */
  async function signedInPage(context, session) {
    const value = JSON.stringify({
      state: { token: session.token, expiresAt: session.expiresAt, user: session.user },
      version: 0,
    });
    await context.addInitScript(
      (v) => localStorage.setItem('youth-hub/session', JSON.stringify({ data: v })),
      value,
    );
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    return page;
  }

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const r = (await api(null, 'POST', '/auth/dev', { openid: 'e2e-station-resident' })).body;
    residentToken = r.token;
    // A 26-year-old job seeker: the real-name profile goes through the real API.
    const me = await api(residentToken, 'PUT', '/me', {
      name: '林小青',
      phone: '13912345678',
      idNumber: '310104200005011236',
    });
    expect(me.status).toBe(200);
    const s = (
      await api(null, 'POST', '/auth/dev', {
        openid: 'e2e-station-staff',
        role: 'organizer',
        orgKind: 'station',
      })
    ).body;
    // The demo runs at any hour: widen the check-in window (a district default, the committee's) for this story.
    const committee = (
      await api(null, 'POST', '/auth/dev', { openid: 'e2e-station-committee', role: 'admin' })
    ).body;
    expect(
      (
        await api(committee.token, 'PUT', '/stations/settings', {
          checkInFrom: '00:00',
          checkInUntil: '23:59',
        })
      ).status,
    ).toBe(200);
    const now = (await api(null, 'GET', '/time')).body.now;
    today = new Date(Date.parse(now) + 8 * 3600_000).toISOString().slice(0, 10);

    const started = await startBrowser();
    browser = started.browser;
    resident = await signedInPage(started.context, r);
    const staffContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    staff = await signedInPage(staffContext, s);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (page, name) =>
    page.screenshot({ path: path.join(shots, `station-${name}.png`), fullPage: true });
  const open = (page, route) => page.goto(`${server.base}/#/${route}`);
  let bookingId;

  it("lists the two partner stations with tonight's free beds", async () => {
    await open(resident, 'features/station/pages/index/index');
    await resident
      .locator('[data-testid="page-station"] .service-preview__org-name')
      .first()
      .waitFor();
    const names = await resident.locator('.service-preview__org-name').allTextContents();
    expect(names).toEqual(['青年人才驿站·漕河泾合作酒店', '青年人才驿站·半马苏河合作公寓']);
    await resident.getByText('今晚空床 120').waitFor();
    await shot(resident, 'list');
  });

  it('stage 1: picks tonight and 3 nights on the calendar and holds them for 30 minutes', async () => {
    await resident.getByText('青年人才驿站·漕河泾合作酒店').click();
    await resident.locator('[data-testid="booking-form"]').waitFor();
    await resident.locator(`[data-testid="night-${today}"]`).click();
    await resident.locator('[data-testid="nights-plus"]').click();
    await resident.locator('[data-testid="nights-plus"]').click();
    expect(await resident.locator('[data-testid="booking-summary"]').textContent()).toContain(
      '共3晚',
    );
    expect(await resident.locator('[data-testid="hold-note"]').textContent()).toContain(
      '床位为你保留 30 分钟',
    );
    await resident.locator('[data-testid="hold-submit"]').scrollIntoViewIfNeeded();
    await shot(resident, 'book');
    await resident.locator('[data-testid="hold-submit"]').click();
    await resident.locator('[data-testid="page-station-hold"]').waitFor();
    const held = (await api(residentToken, 'GET', '/stations/me')).body.current;
    expect(held).toMatchObject({ status: 'held', nights: 3 });
    // the countdown reads the server's deadline: 30 minutes from the hold, on its clock
    const left = await resident.locator('[data-testid="hold-countdown"]').textContent();
    expect(left).toMatch(/^(30:00|29:[0-5]\d)$/);
    bookingId = held.id;
  });

  it('stage 2: completes the eligibility form against the hold and the request is 待审核', async () => {
    // the district asks for the "no home of my own in this city" declaration
    expect(await resident.locator('[data-testid="booking-problem"]').textContent()).toBe(
      '请确认您在本市没有自有住房',
    );
    await resident.locator('[data-testid="no-local-home"]').click();
    await resident.locator('[data-testid="booking-problem"]').waitFor({ state: 'detached' });
    await shot(resident, 'hold-form');
    await resident.locator('[data-testid="booking-submit"]').click();
    const stay = resident.locator(`[data-testid="stay-${bookingId}"]`);
    await stay.waitFor();
    expect(await stay.textContent()).toContain('待审核');
    // no check-in code while 待审核
    await resident.locator('[data-testid="qr-after-approval"]').waitFor();
    expect(await resident.locator('[data-testid="booking-qr"]').count()).toBe(0);
    await shot(resident, 'mine-requested');
    const booked = (await api(residentToken, 'GET', `/stations/bookings/${bookingId}`)).body;
    expect(booked).toMatchObject({ status: 'requested', noLocalHomeDeclared: true });
  });

  it('staff see the request with the phone masked and approve it', async () => {
    await open(staff, 'features/station/pages/staff/index');
    const item = staff.locator(`[data-testid="staff-booking-${bookingId}"]`);
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('林小青');
    expect(text).toContain('139****5678');
    await shot(staff, 'staff-pending');
    await staff.locator(`[data-testid="approve-${bookingId}"]`).click();
    await item.waitFor({ state: 'detached' });
  });

  it("staff scan the resident's code (the scanner types it) and the guest is checked in", async () => {
    const code = (await api(residentToken, 'GET', '/stations/me')).body.code;
    await staff.locator('#station-scan-code input').fill(code);
    await staff.locator('[data-testid="scan-submit"]').click();
    // the field empties once the server has checked the guest in
    await staff.waitForFunction(
      () => document.querySelector('#station-scan-code input')?.value === '',
    );
    await staff.locator('[data-testid="tab-in-house"]').click();
    const item = staff.locator(`[data-testid="staff-booking-${bookingId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('已入住');
    await staff.getByText('已办理入住').waitFor({ state: 'hidden' });
    await shot(staff, 'staff-in-house');
  });

  it('checks the guest out early: unused nights go back to stock and allowance', async () => {
    await staff.locator(`[data-testid="checkout-${bookingId}"]`).click();
    await staff
      .locator(`[data-testid="staff-booking-${bookingId}"]`)
      .waitFor({ state: 'detached' });
    await open(resident, 'features/station/pages/mine/index');
    await resident.locator(`[data-testid="history-${bookingId}"]`).waitFor();
    expect(await resident.locator(`[data-testid="history-${bookingId}"]`).textContent()).toContain(
      '已退房 · 实住1晚',
    );
    await shot(resident, 'mine-history');
    const me = (await api(residentToken, 'GET', '/stations/me')).body;
    expect(me.allowance.remaining).toBe(6);
  });

  it("staff close tomorrow night of the men's dorm for maintenance from the occupancy grid", async () => {
    const station = (await api(null, 'GET', '/stations')).body.items[0];
    const quadM = station.roomTypes.find((r) => r.code === 'quad-m').id;
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86400_000)
      .toISOString()
      .slice(0, 10);
    await open(staff, 'features/station/pages/staff/index');
    const cell = staff.locator(`[data-testid="occ-${quadM}-${tomorrow}"]`);
    await cell.waitFor();
    expect(await cell.textContent()).toBe('0/24');
    await cell.click();
    await staff.getByText('关闭', { exact: true }).click();
    await staff.waitForFunction(
      (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent === '停',
      `occ-${quadM}-${tomorrow}`,
    );
    const night = (await api(null, 'GET', `/stations/${station.id}?from=${tomorrow}`)).body;
    expect(night.nights.find((n) => n.roomTypeId === quadM && n.night === tomorrow)).toMatchObject({
      closed: true,
      free: 0,
    });
    await staff.getByText('已关闭').waitFor({ state: 'hidden' });
    await shot(staff, 'staff-occupancy');
  });

  it("staff lower the men's dorm to 20 beds; below the beds held the server refuses, shown by the room type", async () => {
    const station = (await api(null, 'GET', '/stations')).body.items[0];
    const quadM = station.roomTypes.find((r) => r.code === 'quad-m').id;
    // a resident holds one bed tonight: the floor the staff cannot go below
    const held = await api(residentToken, 'POST', `/stations/${station.id}/bookings`, {
      roomTypeId: quadM,
      checkIn: today,
      nights: 1,
      declaredStatus: 'job_seeking',
      noLocalHome: true,
    });
    expect(held.status).toBe(201);
    await staff.locator('[data-testid="open-manage"]').click();
    await staff.locator('[data-testid="room-quad-m"]').waitFor();
    await staff.locator('#beds-quad-m input').fill('0');
    await staff.locator('[data-testid="save-beds-quad-m"]').click();
    expect(await staff.locator('[data-testid="beds-error-quad-m"]').textContent()).toBe(
      '床位数不能少于已预订的床位',
    );
    await shot(staff, 'manage-beds-refused');
    await staff.locator('#beds-quad-m input').fill('20');
    await staff.locator('[data-testid="save-beds-quad-m"]').click();
    await staff.locator('[data-testid="beds-error-quad-m"]').waitFor({ state: 'detached' });
    await staff.getByText('已保存').waitFor({ state: 'hidden' });
    const after = (await api(null, 'GET', `/stations/${station.id}?from=${today}`)).body;
    expect(after.station.roomTypes.find((r) => r.id === quadM).beds).toBe(20);
    expect(after.nights.find((n) => n.roomTypeId === quadM && n.night === today)).toMatchObject({
      beds: 20,
      taken: 1,
    });
    await shot(staff, 'manage');
  });

  it("staff change the station's contact and residents see it", async () => {
    await staff.locator('#station-contact input').fill('值班经理 021-6488 0000');
    await staff.locator('[data-testid="save-station"]').click();
    await staff.getByText('已保存').waitFor();
    // another reader sees it once the public list's cached copy turns (1 s per process, README)
    let station;
    for (let tries = 0; tries < 50; tries++) {
      station = (await api(null, 'GET', '/stations')).body.items[0];
      if (station.contact === '值班经理 021-6488 0000') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(station.contact).toBe('值班经理 021-6488 0000');
    await shot(staff, 'manage-details');
    await staff.getByText('已保存').waitFor({ state: 'hidden' });
    // station staff set their own station's rules; the district defaults are not theirs to change
    expect(await staff.locator('[data-testid="settings"]').count()).toBe(0);
    await staff.locator('[data-testid="station-rules"]').scrollIntoViewIfNeeded();
    await shot(staff, 'manage-station-rules');
    await open(resident, `features/station/pages/detail/index?id=${station.id}`);
    await resident.getByText('值班经理 021-6488 0000', { exact: false }).first().waitFor();
    await shot(resident, 'detail-contact');
    expect(pageErrors).toEqual([]);
  });

  it('a job seeker holds stays at both stations, then moves the second one on 我的预订 → 修改日期', async () => {
    const plus = (n) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
    const label = (d) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
    const [a, b] = (await api(null, 'GET', '/stations')).body.items;
    // tonight's dorm bed from the story above goes back first: 6 nights left
    const me = (await api(residentToken, 'GET', '/stations/me')).body;
    for (const stay of me.upcoming)
      expect(
        (await api(residentToken, 'POST', `/stations/bookings/${stay.id}/cancel`, {})).status,
      ).toBe(200);
    const twin = (s) => s.roomTypes.find((r) => r.code === 'twin').id;
    const first = await api(residentToken, 'POST', `/stations/${a.id}/bookings`, {
      roomTypeId: twin(a),
      checkIn: plus(2),
      nights: 3,
      declaredStatus: 'job_seeking',
      noLocalHome: true,
    });
    const second = await api(residentToken, 'POST', `/stations/${b.id}/bookings`, {
      roomTypeId: twin(b),
      checkIn: plus(5),
      nights: 2,
      declaredStatus: 'job_seeking',
      noLocalHome: true,
    });
    expect([first.status, second.status]).toEqual([201, 201]);

    await open(resident, 'features/station/pages/mine/index');
    await resident.locator(`[data-testid="stay-${second.body.id}"]`).waitFor();
    expect(await resident.locator('[data-testid^="stay-"]').count()).toBe(2);
    expect(await resident.locator(`[data-testid="stay-${first.body.id}"]`).textContent()).toContain(
      a.name,
    );
    expect(
      await resident.locator(`[data-testid="stay-${second.body.id}"]`).textContent(),
    ).toContain(b.name);
    await shot(resident, 'mine-two-stays');

    await resident.locator(`[data-testid="open-${second.body.id}"]`).click();
    await resident.locator('[data-testid="open-change-dates"]').click();
    await resident.locator('[data-testid="change-dates"]').waitFor();
    await resident.locator(`[data-testid="night-${plus(8)}"]`).click();
    expect(await resident.locator('[data-testid="change-summary"]').textContent()).toContain(
      `新日期：${label(plus(8))}`,
    );
    // the old and new dates side by side, above the button
    await resident.locator('[data-testid="change-submit"]').scrollIntoViewIfNeeded();
    await shot(resident, 'change-dates');
    await resident.locator('[data-testid="change-submit"]').click();
    await resident.locator('[data-testid="change-dates"]').waitFor({ state: 'detached' });
    // the page reads the booking again after the change
    await resident.waitForFunction(
      (want) => document.querySelector('[data-testid="booking-dates"]')?.textContent.includes(want),
      `${label(plus(8))} 入住 → ${label(plus(10))}`,
    );
    const moved = (await api(residentToken, 'GET', `/stations/bookings/${second.body.id}`)).body;
    expect(moved).toMatchObject({ checkIn: plus(8), nights: 2, status: 'requested' });
    expect(pageErrors).toEqual([]);
  });
  it('a hold counted out on the phone says so, gives the nights back and starts again from the calendar', async () => {
    const [a] = (await api(null, 'GET', '/stations')).body.items;
    const plus = (n) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
    // the phone's clock is made to run 31 minutes ahead after the page has read the server's
    // time: the countdown is on the server's clock, so only a real lapse of time ends it
    await resident.clock.install();
    await open(resident, `features/station/pages/detail/index?id=${a.id}`);
    await resident.locator('[data-testid="booking-form"]').waitFor();
    await resident.locator(`[data-testid="night-${plus(12)}"]`).click();
    await resident.locator('[data-testid="hold-submit"]').click();
    await resident.locator('[data-testid="hold-countdown"]').waitFor();
    const holdId = (await api(residentToken, 'GET', '/stations/me')).body.upcoming.find(
      (b) => b.status === 'held',
    ).id;
    await resident.clock.fastForward('31:00');
    await resident.locator('[data-testid="hold-lapsed"]').waitFor();
    expect(await resident.locator('[data-testid="hold-lapsed"]').textContent()).toContain(
      '保留时间已过，床位已释放',
    );
    await shot(resident, 'hold-lapsed');
    await resident.locator('[data-testid="hold-restart"]').click();
    await resident.locator('[data-testid="booking-form"]').waitFor();
    // the hold was given back first, so the same night can be held again at once
    expect((await api(residentToken, 'GET', `/stations/bookings/${holdId}`)).body.status).toBe(
      'cancelled',
    );
    await resident.locator(`[data-testid="night-${plus(12)}"]`).click();
    await resident.locator('[data-testid="hold-submit"]').click();
    await resident.locator('[data-testid="hold-countdown"]').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
