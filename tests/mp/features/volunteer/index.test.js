// Smoke test of the REAL WeChat output of the volunteer landing page (dist/features/volunteer/
// pages/index, a subpackage page), booted by tests/mp/weapp-host.js: it lists the tasks
// wx.request returns, and a tap on 报名 sends the sign-up with an Idempotency-Key and shows 已报名;
// the organizer's code page draws the native <checkin-code>, which asks for its code itself.
const { answer, bootWeapp, waitFor } = require('../../weapp-host');

const PAGE = 'features/volunteer/pages/index/index';
const CODE_PAGE = 'features/volunteer/pages/code/index';

const TASK = {
  id: '5',
  orgId: '9',
  orgName: '河小青巡河护河志愿服务队',
  title: '“河小青”苏州河巡河护河',
  category: '环境保护',
  description: '沿苏州河长风段步行巡河',
  skills: ['巡河'],
  cancelCutoffMin: 120,
  checkinOpenBeforeMin: 30,
  checkoutCloseAfterMin: 120,
  shifts: [
    {
      id: '31',
      projectId: '5',
      startsAt: '2026-12-05T01:00:00.000Z',
      endsAt: '2026-12-05T03:30:00.000Z',
      place: '长风公园4号门',
      lat: 31.2236,
      lng: 121.3935,
      radiusM: 300,
      needed: 12,
      filled: 3,
      distanceM: null,
      requireGps: true,
      mySignupId: null,
      skills: [],
      skillMatch: false,
    },
  ],
};

// Signed in as the team's organizer (the code page is for staff only; the list and sign-up work
// the same for them), as the persisted session store finds it in storage at start.
const STAFF_SESSION = JSON.stringify({
  state: {
    token: 'staff-token',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { id: '8', role: 'organizer', orgIds: ['9'], name: '河小青', profileComplete: true },
  },
  version: 0,
});

describe('weapp build: features/volunteer/pages/index', () => {
  const requests = [];
  let host;
  beforeAll(() => {
    host = bootWeapp({
      route: PAGE,
      wx: {
        getStorageSync: (key) => (key === 'youth-hub/session' ? STAFF_SESSION : ''),
        showToast: (opts = {}) => answer(opts, { errMsg: 'showToast:ok' }),
        getLocation: (opts = {}) => answer(opts, { latitude: 31.2236, longitude: 121.3935 }),
        // the API as the page sees it: the task list, 201 for a sign-up, a fresh check-in code
        request: (opts) => {
          requests.push(opts);
          const signup = opts.method === 'POST' && /\/shifts\/31\/signups$/.test(opts.url);
          const code = /\/shifts\/31\/checkin-code$/.test(opts.url);
          // too early for the offline secret: the page falls back to the server's rotating code
          if (/\/shifts\/31\/checkin-secret$/.test(opts.url)) {
            return answer(opts, {
              statusCode: 409,
              data: {
                statusCode: 409,
                code: 'CHECKIN_SECRET_UNAVAILABLE',
                error: 'Conflict',
                message: '离线签到码可在 12月4日 08:30 至 12月5日 13:30 下载',
              },
              header: {},
              errMsg: 'request:ok',
            });
          }
          const n = requests.filter((r) => /checkin-code$/.test(r.url)).length;
          return answer(opts, {
            statusCode: signup ? 201 : 200,
            data: signup
              ? { id: '77', shiftId: '31', status: 'active', createdAt: '2026-12-01T00:00:00.000Z' }
              : code
                ? {
                    shiftId: '31',
                    token: `eyJwIjoidm9sdW50ZWVyLWNoZWNraW4ifQ.sig${n}abcdef`,
                    refreshAt: new Date(Date.now() + 20_000).toISOString(),
                    windowSeconds: 30,
                    qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
                  }
                : { items: [TASK] },
            header: {},
            errMsg: 'request:ok',
          });
        },
      },
    });
  });
  afterAll(() => host?.close());

  it('lists the tasks from the API, then signs up on tap with an Idempotency-Key', async () => {
    const page = host.open(PAGE);
    const text = () => page.dom.textContent;
    await waitFor(() => expect(text()).toContain('“河小青”苏州河巡河护河'), 'the task list');
    expect(text()).toContain('已报 3/12 人');
    expect(requests[0].url).toMatch(/\/api\/v1\/volunteer\/tasks$/);

    const button = page.querySelectorAll('.shift-row__btn')[0];
    expect(button.dom.textContent).toBe('报名');
    button.dispatchEvent('tap');
    await waitFor(() => expect(text()).toContain('已报名'), 'the sign-up to show');
    const post = requests.find((r) => r.method === 'POST');
    expect(post.url).toMatch(/\/api\/v1\/volunteer\/shifts\/31\/signups$/);
    expect(post.header['Idempotency-Key']).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
    expect(text()).toContain('已报 4/12 人');
    page.detach();
  });

  it('draws the organizer code page with the native <checkin-code>, which asks for the code itself', async () => {
    const page = host.open(CODE_PAGE, { shiftId: '31', title: encodeURIComponent('苏州河巡河') });
    // the component lives in its own shadow tree: read what is on screen
    const onScreen = (cls) =>
      page.dom.querySelector(`checkin-code .checkin-code--${cls}`)?.textContent;
    await waitFor(
      () => expect(onScreen('checkin-code__short')).toBe('ABC DEF'),
      'the first code (token …abcdef)',
    );
    const codeRequests = requests.filter((r) => /\/shifts\/31\/checkin-code$/.test(r.url));
    expect(codeRequests).toHaveLength(1); // the component's `refresh` reached the React page's fetch
    expect(onScreen('checkin-code__hint')).toMatch(/^(19|20) 秒后更新，截图无效$/);
    page.detach();
  });
});
