// 志愿服务队 in Chromium against the real server: a volunteer asks to join a team, its leader
// approves on 入队审核 and the volunteer is told in 消息; the volunteer enters skills; the committee
// dispatches a resident's 点单 to that volunteer by name, found by a skill in a masked list.
const path = require('node:path');
const { callApi, signIn, startServer, startBrowser } = require('./harness');
const { shots } = require('./shots');

const TEAM = '河小青巡河护河志愿服务队';

describe('H5: 志愿服务队 — join, leader approves, skills, 派单 to a named volunteer', () => {
  let server;
  let browser;
  let vol;
  let leader;
  let committee;
  let s; // sessions
  const pageErrors = [];
  const shot = (p, name) => p.screenshot({ path: path.join(shots, `volunteer-${name}.png`) });
  const open = (p, route) => p.goto(`${server.base}/#/${route}`);
  const api = (method, url, body, token) =>
    callApi(server.base, method, `/api/v1${url}`, body, token);

  async function phone(session) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const p = await context.newPage();
    p.on('pageerror', (err) => pageErrors.push(String(err)));
    await open(p, 'pages/home/index');
    await signIn(p, session);
    return p;
  }

  beforeAll(async () => {
    server = await startServer();
    const login = (openid, extra = {}) => api('POST', '/auth/dev', { openid, ...extra });
    s = {
      vol: await login('e2e-team-volunteer'),
      leader: await login('e2e-team-leader', { role: 'organizer', orgKind: 'team' }),
      committee: await login('e2e-team-committee', { role: 'organizer' }),
      resident: await login('e2e-team-granny'),
    };
    await api(
      'PUT',
      '/me',
      { name: '周晓青', phone: '13912340007', idNumber: '310104200005011236' },
      s.vol.token,
    );
    ({ browser } = await startBrowser());
    vol = await phone(s.vol);
    leader = await phone(s.leader);
    committee = await phone(s.committee);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the volunteer asks to join a team from 我的志愿 → 志愿服务队', async () => {
    await open(vol, 'features/volunteer/pages/mine/index');
    await vol.locator('[data-testid="go-teams"]').click();
    await vol.locator('[data-testid="page-volunteer-teams"]').waitFor();
    const card = vol.locator('[data-testid^="team-"]', { hasText: TEAM }).first();
    await card.locator('[data-testid^="join-"]').click();
    await card.getByText('已申请，等待队长审核').waitFor();
    await vol.getByText(TEAM).first().waitFor();
    await shot(vol, 'teams');
  });

  it('the leader sees the ask with the name masked on 入队审核 and approves it; the volunteer is told', async () => {
    await open(leader, 'features/volunteer/pages/manage/index');
    await leader.locator('[data-testid="manage-team-asks"]').click();
    const ask = leader.locator('[data-testid^="ask-"]').first();
    await ask.waitFor();
    expect(await ask.textContent()).toContain('周*青');
    expect(await ask.textContent()).not.toContain('周晓青');
    await shot(leader, 'team-asks');
    await ask.locator('[data-testid^="approve-"]').click();
    await leader.getByText('暂无待审核的入队申请').waitFor();

    await open(vol, 'pages/messages/index');
    await vol.getByText(`入队申请已通过：${TEAM}`).waitFor();
    await shot(vol, 'team-approved-message');
    await open(vol, 'features/volunteer/pages/teams/index');
    await vol.getByText('已加入', { exact: false }).first().waitFor();
  });

  it('the volunteer enters skills: a suggested one and a typed one', async () => {
    await open(vol, 'features/volunteer/pages/skills/index');
    await vol.locator('[data-testid="suggest-急救"]').click();
    await vol.locator('#skill-input input').fill('水电维修');
    await vol.locator('[data-testid="skill-add"]').click();
    await vol.locator('[data-testid="skills-save"]').click();
    await vol.getByText('已保存').waitFor();
    expect((await api('GET', '/volunteer/me/skills', null, s.vol.token)).skills).toEqual([
      '急救',
      '水电维修',
    ]);
    await vol.getByText('已保存').waitFor({ state: 'hidden' });
    await shot(vol, 'skills');
  });

  it('the committee finds the volunteer by a skill (masked) and dispatches a 点单 to them by name', async () => {
    const committeeId = s.committee.user.orgIds[0];
    const wantedAt = new Date(Date.now() + 2 * 86400_000).toISOString();
    const req = await api(
      'POST',
      '/volunteer/requests',
      {
        committeeId,
        title: '厨房水管漏水',
        place: '漕溪北路336弄2号',
        wantedAt,
        contactName: '王阿姨',
        contactPhone: '13812345678',
      },
      s.resident.token,
    );
    await open(committee, 'features/volunteer/pages/requests/index');
    await committee.getByText('待处理', { exact: true }).click();
    const card = committee.locator(`[data-testid="request-${req.id}"]`);
    await card.waitFor();
    await card.getByText('派单', { exact: true }).click();
    await card.locator('[data-testid="dispatch-named"]').click();
    await card.locator('#volunteer-search input').fill('水电维修');
    await card.locator('[data-testid="volunteer-search-go"]').click();
    const row = card.locator('[data-testid^="pick-"]', { hasText: '周*青' });
    await row.waitFor();
    expect(await row.textContent()).toContain('139****0007');
    expect(await row.textContent()).toContain(TEAM);
    await row.scrollIntoViewIfNeeded();
    await shot(committee, 'dispatch-named');
    await row.locator('[data-testid^="dispatch-to-"]').click();
    await card.getByText('派给志愿者 周*青', { exact: false }).waitFor();
    const volId = (await api('GET', '/me', null, s.vol.token)).id;
    const after = await api('GET', `/volunteer/requests/${req.id}`, null, s.committee.token);
    expect(after).toMatchObject({ state: 'dispatched', volunteerId: volId, teamId: null });
    expect(pageErrors).toEqual([]);
  });
});
