// H5 story of the volunteer service against the real server: a volunteer signs up for a shift,
// the organizer shows the rotating code, the volunteer checks in and out by entering it, the
// hours appear in 我的志愿 and the certificate verifies at its public URL.
// The server runs on the real clock, so the shift starts ~100 s after the test begins: check-in
// opens 30 min before the start, check-out at the start (the test waits for it). A one-minute
// stay rounds to 0 h by the league rule, so the organizer then records the real service time as a
// correction with its reason (the ledger keeps both rows).
const path = require('node:path');
const fs = require('node:fs');
const { root, startServer, startBrowser } = require('./harness');

const shots = path.join(root, 'docs', 'screenshots');
const TEAM = '河小青巡河护河志愿服务队';

describe('H5: 志愿服务 — sign up, on-site code, check in and out, hours, certificate', () => {
  let server;
  let browser;
  let vol; // the volunteer's phone
  let org; // the organizer's phone
  let orgToken;
  let shift;
  let task;
  const pageErrors = [];

  const api = async (method, url, body, token = orgToken) => {
    const res = await fetch(`${server.base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const shot = (p, name) => p.screenshot({ path: path.join(shots, `volunteer-${name}.png`) });
  const open = (p, route) => p.goto(`${server.base}/#/${route}`);
  async function uiLogin(p, openid, roleLabel) {
    await open(p, 'pages/login/index');
    await p.locator('#login-openid input').fill(openid);
    if (roleLabel) await p.getByText(roleLabel, { exact: true }).click();
    await p.locator('#login-dev').click();
    await p.waitForFunction(() => !location.hash.includes('pages/login'));
  }

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const a = await startBrowser();
    browser = a.browser;
    vol = await a.context.newPage();
    vol.on('pageerror', (err) => pageErrors.push(String(err)));
    // a second phone: its own storage, so its own session
    const orgContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    org = await orgContext.newPage();
    org.on('pageerror', (err) => pageErrors.push(String(err)));

    // The team lead (staff of every volunteer team in the demo) publishes a task and a shift.
    orgToken = (await api('POST', '/api/v1/auth/dev', { openid: 'e2e-team-lead', role: 'organizer', orgKind: 'team' }, null)).token;
    const teams = (await api('GET', '/api/v1/orgs?kind=team')).items;
    const teamId = teams.find((t) => t.name === TEAM).id;
    task = await api('POST', '/api/v1/volunteer/tasks', {
      orgId: teamId,
      title: '苏州河长风段清洁行动',
      category: '环境保护',
      description: '沿岸拾捡垃圾、劝导文明垂钓，结束后合影留念。',
      skills: ['巡河'],
    });
    // the volunteer's real name (the profile page's job; set here through the API)
    const volToken = (await api('POST', '/api/v1/auth/dev', { openid: 'e2e-volunteer' }, null)).token;
    await api('PUT', '/api/v1/me', { name: '林小青' }, volToken);
    const start = new Date(Date.now() + 100_000);
    shift = await api('POST', `/api/v1/volunteer/tasks/${task.id}/shifts`, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      place: '长风公园4号门',
      lat: 31.2236,
      lng: 121.3935,
      radiusM: 300,
      needed: 5,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the task on the landing page and signs the volunteer up', async () => {
    await uiLogin(vol, 'e2e-volunteer');
    await open(vol, 'features/volunteer/pages/index/index');
    const card = vol.locator(`[data-testid="task-${task.id}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('已报 0/5 人');
    await shot(vol, 'list');
    await card.locator(`[data-testid="shift-${shift.id}"] .shift-row__btn`).click();
    await card.getByText('已报名', { exact: true }).waitFor();
    expect(await card.textContent()).toContain('已报 1/5 人');
    await shot(vol, 'signed-up');
  });

  let token;
  it("shows the organizer the shift's rotating code full-screen", async () => {
    await uiLogin(org, 'e2e-team-lead', '组织者');
    await open(org, 'features/volunteer/pages/manage/index');
    const row = org.locator(`[data-testid="manage-shift-${shift.id}"]`);
    await row.waitFor();
    await shot(org, 'manage');
    await row.getByText('现场签到码').click();
    await org.locator('[data-testid="checkin-token"]').waitFor();
    token = (await org.locator('[data-testid="checkin-token"]').textContent()).trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await org.getByText(/秒后更新，截图无效/).waitFor();
    await shot(org, 'code');
  });

  it('refuses a mistyped code, then checks the volunteer in with the real one', async () => {
    await open(vol, 'features/volunteer/pages/mine/index');
    const mine = vol.locator(`[data-testid="my-shift-${shift.id}"]`);
    await mine.waitFor();
    await shot(vol, 'mine-before');
    await mine.getByText('签到', { exact: true }).click();
    await vol.locator('[data-testid="checkin-code-input"] input').fill('abc.def');
    await vol.locator('[data-testid="checkin-submit"]').click();
    await vol.locator('[data-testid="checkin-error"]').getByText('签到码无效，请扫描现场的签到码').waitFor();
    await shot(vol, 'checkin-refused');

    token = (await org.locator('[data-testid="checkin-token"]').textContent()).trim(); // the code on screen now
    await vol.locator('[data-testid="checkin-code-input"] input').fill(token);
    await vol.locator('[data-testid="checkin-submit"]').click();
    await vol.locator('[data-testid="checkin-ok"]').getByText('签到成功').waitFor();
    await shot(vol, 'checked-in');
  });

  it('checks the volunteer out once the shift has started', async () => {
    const startMs = Date.parse(shift.startsAt);
    while (Date.now() < startMs + 2000) await new Promise((r) => setTimeout(r, 1000));
    await open(vol, 'features/volunteer/pages/mine/index');
    const mine = vol.locator(`[data-testid="my-shift-${shift.id}"]`);
    await mine.getByText('签退', { exact: true }).click();
    const fresh = (await org.locator('[data-testid="checkin-token"]').textContent()).trim();
    await vol.locator('[data-testid="checkin-code-input"] input').fill(fresh);
    await vol.locator('[data-testid="checkin-submit"]').click();
    const ok = vol.locator('[data-testid="checkin-ok"]');
    await ok.getByText('签退成功').waitFor();
    expect(await ok.textContent()).toContain('本次计入 0 小时'); // a few minutes round to 0 (≤15 min)
    await shot(vol, 'checked-out');
  });

  it('shows the hours in 我的志愿 after the organizer records the service time with a reason', async () => {
    const roster = await api('GET', `/api/v1/volunteer/shifts/${shift.id}/signups`);
    expect(roster.items).toHaveLength(1);
    await api('POST', `/api/v1/volunteer/signups/${roster.items[0].signupId}/corrections`, { hours: 2, reason: '现场核实：提前到场布置，实际服务2小时' });
    await open(vol, 'features/volunteer/pages/mine/index');
    await vol.locator('[data-testid="total-hours"]').getByText('2 小时').waitFor();
    expect(await vol.locator('[data-testid="ledger-entry"]').count()).toBe(2);
    await shot(vol, 'mine-hours');
  });

  it('issues a certificate whose QR code URL verifies publicly', async () => {
    await vol.getByText('开具时长证明').click();
    await vol.locator('[data-testid="certificate-hours"]').getByText('2 小时').waitFor();
    expect(await vol.locator('[data-testid="page-volunteer-certificate"]').textContent()).toContain('兹证明志愿者 林*青');
    await shot(vol, 'certificate');
    const url = (await vol.locator('[data-testid="certificate-url"]').textContent()).trim();
    expect(url).toMatch(/\/api\/v1\/volunteer\/certificates\/[A-Za-z0-9_-]+$/);
    const check = await browser.newPage();
    await check.goto(url);
    await check.getByText('✓ 证书有效').waitFor();
    expect(await check.textContent('body')).toContain('2 小时');
    expect(await check.textContent('body')).toContain('林*青');
    await check.screenshot({ path: path.join(shots, 'volunteer-verify.png') });
    await check.close();
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
