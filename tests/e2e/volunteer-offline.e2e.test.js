// H5 story of offline check-in against the real server: the organizer opens the code screen
// online once (the shift's secret is fetched and kept), then both phones lose the network
// (context.setOffline). The organizer's screen keeps showing codes it mints itself; the volunteer
// checks in and out by entering them, each scan queued at once (待上传 n 条), 我的志愿 opening
// from the shifts saved on the phone, marked 离线. Back online, the queue uploads by itself and
// 我的志愿 shows the hours waiting for the organizer's confirmation.
//
// Timing, on the real clock: the shift is made through the API to start 15 s later (sign-up closes
// at the start, check-out opens at it); the only wait is for that start.
const path = require('node:path');
const { callApi, startServer, startBrowser, signIn } = require('./harness');
const { shots } = require('./shots');

const TEAM = '河小青巡河护河志愿服务队';
const TITLE = '苏州河离线签到演练';

describe('H5: 志愿服务 offline — code screen, check in and out without network, upload on return', () => {
  let server;
  let browser;
  let orgBrowser; // a second Chromium, closed with the first, or jest never exits
  let vol; // the volunteer's phone
  let volContext;
  let org; // the organizer's phone
  let orgContext;
  let shift;
  const pageErrors = [];

  const api = (method, url, body, token) => callApi(server.base, method, url, body, token);
  const shot = (p, name) =>
    p.screenshot({ path: path.join(shots, `volunteer-offline-${name}.png`) });
  const open = (p, route) => p.goto(`${server.base}/#/${route}`);
  // pages stay in the H5 stack: look inside the page on top
  const inCheckin = (id) => vol.getByTestId('page-volunteer-checkin').getByTestId(id);
  const inMine = (id) => vol.getByTestId('page-volunteer-mine').getByTestId(id);
  const codeOnScreen = async () =>
    (await org.locator('[data-testid="checkin-token"]').textContent()).trim();

  beforeAll(async () => {
    server = await startServer();
    const a = await startBrowser();
    browser = a.browser;
    volContext = a.context;
    vol = await volContext.newPage();
    vol.on('pageerror', (err) => pageErrors.push(String(err)));
    orgBrowser = (await startBrowser()).browser; // a second phone with its own storage
    orgContext = orgBrowser.contexts()[0];
    org = await orgContext.newPage();
    org.on('pageerror', (err) => pageErrors.push(String(err)));

    const lead = await api('POST', '/api/v1/auth/dev', {
      openid: 'e2e-offline-lead',
      role: 'organizer',
      orgKind: 'team',
    });
    const team = (await api('GET', '/api/v1/orgs?kind=team', null, lead.token)).items.find(
      (t) => t.name === TEAM,
    );
    const task = await api(
      'POST',
      '/api/v1/volunteer/tasks',
      { orgId: team.id, title: TITLE, category: '环境保护', skills: ['巡河'] },
      lead.token,
    );
    const from = Date.now() + 15_000;
    shift = await api(
      'POST',
      `/api/v1/volunteer/tasks/${task.id}/shifts`,
      {
        startsAt: new Date(from).toISOString(),
        endsAt: new Date(from + 60 * 60_000).toISOString(),
        place: '长风公园4号门',
        lat: 31.2236,
        lng: 121.3935,
        radiusM: 300,
        needed: 5,
      },
      lead.token,
    );
    const volunteer = await api('POST', '/api/v1/auth/dev', { openid: 'e2e-offline-vol' });
    await api('POST', `/api/v1/volunteer/shifts/${shift.id}/signups`, {}, volunteer.token);

    await open(org, 'pages/home/index');
    await signIn(org, lead);
    await open(vol, 'pages/home/index');
    await signIn(vol, volunteer);
  });

  afterAll(async () => {
    await browser?.close();
    await orgBrowser?.close();
    await server?.stop();
  });

  it("keeps the organizer's code screen working offline, with codes minted on the phone", async () => {
    await open(
      org,
      `features/volunteer/pages/code/index?shiftId=${shift.id}&title=${encodeURIComponent(TITLE)}`,
    );
    await org.locator('[data-testid="code-offline-ready"]').waitFor();
    await orgContext.setOffline(true);
    const first = await codeOnScreen();
    expect(first).toMatch(new RegExp(`^vo1\\.${shift.id}\\.\\d+\\.[A-Za-z0-9_-]{22}$`));
    // the next window's code appears without network
    await org.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="checkin-token"]')?.textContent.trim() !== before,
      first,
      { timeout: 40_000 },
    );
    expect(await codeOnScreen()).toMatch(/^vo1\./);
    await shot(org, 'code');
  });

  it('opens 我的志愿 and checks in without network: queued at once, 待上传 1 条', async () => {
    await open(vol, 'features/volunteer/pages/mine/index');
    const card = vol.locator(`[data-testid="my-shift-${shift.id}"]`);
    await card.waitFor(); // online: the shifts are saved on the phone
    await card.getByText('签到', { exact: true }).click();
    await inCheckin('checkin-code-input').locator('input').waitFor();
    await volContext.setOffline(true);

    await inCheckin('checkin-code-input')
      .locator('input')
      .fill(await codeOnScreen());
    await inCheckin('checkin-submit').click();
    await inCheckin('checkin-queued').waitFor();
    expect(await inCheckin('scan-queue-count').textContent()).toBe('待上传 1 条');
    await shot(vol, 'checkin-queued');

    await vol.goBack();
    await inMine('mine-offline').waitFor();
    await card.getByText('已签到 · 待上传').waitFor();
    await shot(vol, 'mine');
  });

  it('checks out without network once the shift has started: 待上传 2 条', async () => {
    const startMs = Date.parse(shift.startsAt);
    while (Date.now() < startMs + 1000) await new Promise((r) => setTimeout(r, 500));
    const card = vol.locator(`[data-testid="my-shift-${shift.id}"]`);
    await card.getByText('签退', { exact: true }).click();
    await inCheckin('checkin-code-input')
      .locator('input')
      .fill(await codeOnScreen());
    await inCheckin('checkin-submit').click();
    await inCheckin('checkin-queued').waitFor();
    expect(await inCheckin('scan-queue-count').textContent()).toBe('待上传 2 条');
    expect(await inCheckin('scan-queued').allTextContents()).toEqual([
      expect.stringContaining(`${TITLE} · 签到`),
      expect.stringContaining(`${TITLE} · 签退`),
    ]);
    await shot(vol, 'queue');
  });

  it('uploads both when the network returns; 我的志愿 shows the hours waiting for confirmation', async () => {
    await volContext.setOffline(false);
    await inCheckin('scan-queue').waitFor({ state: 'detached' });
    await vol.goBack();
    const card = vol.locator(`[data-testid="my-shift-${shift.id}"]`);
    await card.getByText('已签退 · 时长待组织方确认').waitFor();
    await inMine('mine-offline').waitFor({ state: 'detached' });
    await shot(vol, 'uploaded');

    await orgContext.setOffline(false);
    const lead = await api('POST', '/api/v1/auth/dev', {
      openid: 'e2e-offline-lead',
      role: 'organizer',
      orgKind: 'team',
    });
    const roster = (
      await api('GET', `/api/v1/volunteer/shifts/${shift.id}/signups`, null, lead.token)
    ).items;
    expect(roster).toEqual([
      expect.objectContaining({
        awaitingConfirmation: true,
        proof: expect.stringMatching(/^(code|offline)$/), // offline when uploaded over 60 s after the scan
        voided: false,
      }),
    ]);
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
