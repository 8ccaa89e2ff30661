// The two ways WeChat opens the app cold, outside any navigation the app made itself:
// - a shared card (useShareAppMessage / 朋友圈): the path is the detail page with the item's id,
//   opened with no session and nothing loaded before it;
// - a 小程序码 scanned with WeChat's own scanner: WeChat opens pages/landing/index with the code's
//   `scene`. Here the real server makes the 小程序码 through a fake WeChat (tests/e2e/fake-wechat.js),
//   and the phone opens the landing page with the scene WeChat was given, as WeChat would.
const path = require('node:path');
const fs = require('node:fs');
const { callApi, startServer, startBrowser, signIn } = require('./harness');
const { startFakeWechat } = require('./fake-wechat');
const { shots } = require('./shots');

const TEAM = '河小青巡河护河志愿服务队';
const RIVERBANK = { latitude: 31.2236, longitude: 121.3935 };

describe('H5: shared paths and 小程序码 scenes open cold', () => {
  let wechat;
  let server;
  let browser;
  let lead; // the team's organizer
  let task;
  let shift;
  const pageErrors = [];

  const api = (method, url, body, token) => callApi(server.base, method, url, body, token);
  /** A phone that has never opened the app: its own storage, no session. */
  const coldPhone = async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: RIVERBANK,
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    return page;
  };

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    wechat = await startFakeWechat();
    server = await startServer({ env: wechat.env });
    browser = (await startBrowser()).browser;

    lead = await api('POST', '/api/v1/auth/dev', {
      openid: 'e2e-paths-lead',
      role: 'organizer',
      orgKind: 'team',
    });
    const team = (await api('GET', '/api/v1/orgs?kind=team', null, lead.token)).items.find(
      (t) => t.name === TEAM,
    );
    task = await api(
      'POST',
      '/api/v1/volunteer/tasks',
      { orgId: team.id, title: '苏州河岸线清洁', category: '环境保护', skills: ['巡河'] },
      lead.token,
    );
    // check-in opens 30 minutes before the start: this shift can be checked in to now
    const from = Date.now() + 10 * 60_000;
    shift = await api(
      'POST',
      `/api/v1/volunteer/tasks/${task.id}/shifts`,
      {
        startsAt: new Date(from).toISOString(),
        endsAt: new Date(from + 60 * 60_000).toISOString(),
        place: '长风公园4号门',
        lat: RIVERBANK.latitude,
        lng: RIVERBANK.longitude,
        radiusM: 300,
        needed: 5,
      },
      lead.token,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await wechat?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('opens each shared detail page from its share path, signed out, with nothing loaded before', async () => {
    const course = (await api('GET', '/api/v1/night-school/courses')).items[0];
    const station = (await api('GET', '/api/v1/stations')).items[0];
    const programme = (await api('GET', '/api/v1/childcare/programmes')).items[0];
    const klass = (await api('GET', `/api/v1/childcare/programmes/${programme.id}`)).classes[0];
    const shared = [
      ['features/night-school/pages/course/index', course.id, course.title],
      ['features/station/pages/detail/index', station.id, station.name],
      ['features/childcare/pages/class/index', klass.id, klass.name],
      ['features/volunteer/pages/task/index', task.id, task.title],
    ];
    for (const [page, id, title] of shared) {
      const phone = await coldPhone();
      await phone.goto(`${server.base}/#/${page}?id=${encodeURIComponent(id)}`);
      await phone.getByText(title).first().waitFor();
      // the item is shown to anyone: no detour to the login page
      expect(new URL(phone.url()).hash).toContain(page);
      if (page.includes('volunteer')) {
        await phone.screenshot({ path: path.join(shots, 'share-task-cold.png') });
      }
      await phone.context().close();
    }
  });

  it('lands a scanned 小程序码 on the check-in it stands for, and the volunteer is checked in', async () => {
    const volunteer = await api('POST', '/api/v1/auth/dev', { openid: 'e2e-paths-vol' });
    await api('POST', `/api/v1/volunteer/shifts/${shift.id}/signups`, {}, volunteer.token);

    // the organizer's screen: a code with its 小程序码; the server asks WeChat for the image
    const code = await api(
      'GET',
      `/api/v1/volunteer/shifts/${shift.id}/checkin-code`,
      null,
      lead.token,
    );
    expect(code.wxacodeUrl).toMatch(/^\/api\/v1\/wxacode\/[\w-]{24}$/);
    const image = await fetch(`${server.base}${code.wxacodeUrl}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    const scene = code.wxacodeUrl.split('/').pop();
    // what WeChat was asked to draw: this scene, opening the landing page
    expect(wechat.wxacodes).toContainEqual(
      expect.objectContaining({ scene, page: 'pages/landing/index' }),
    );

    // WeChat's scanner opens the landing page with the scene, on a phone that is signed in
    const phone = await coldPhone();
    await phone.goto(`${server.base}/#/pages/home/index`);
    await signIn(phone, volunteer);
    await phone.goto(`${server.base}/#/pages/landing/index?scene=${encodeURIComponent(scene)}`);
    await phone.getByTestId('landing-in').waitFor();
    await phone.screenshot({ path: path.join(shots, 'landing-volunteer.png') });
    await phone.getByTestId('landing-in').click();
    await phone.getByTestId('checkin-ok').getByText('签到成功').waitFor();

    const mine = await api('GET', '/api/v1/volunteer/me/shifts', null, volunteer.token);
    const signup = mine.items.find((s) => s.shift.id === shift.id);
    expect(signup.checkedInAt).toBeTruthy();

    // 我的 lists the shift under 即将开始 while it is under way, with 加入日历
    await phone.goto(`${server.base}/#/pages/mine/index`);
    const item = phone.getByTestId('upcoming-item').filter({ hasText: task.title });
    await item.waitFor();
    await item.getByText('加入日历').waitFor();
    await phone.screenshot({ path: path.join(shots, 'mine-upcoming.png') });
    await phone.context().close();
  });

  it('tells the person scanning a scene the server never made, instead of a blank page', async () => {
    const phone = await coldPhone();
    await phone.goto(`${server.base}/#/pages/landing/index?scene=${'x'.repeat(24)}`);
    await phone
      .getByTestId('landing-error')
      .getByText('二维码无效，请重新扫描现场的二维码')
      .waitFor();
    await phone.context().close();
  });
});
