// Smoke test of the REAL WeChat output of the volunteer landing page (dist/features/volunteer/
// pages/index, a subpackage page), in miniprogram-simulate: it boots, lists the tasks wx.request
// returns, and a tap on 报名 sends the sign-up with an Idempotency-Key and shows 已报名.
// Same host stand-ins as tests/mp/pages/home.test.js (App, getApp, getCurrentPages, Page, wx.*).
const fs = require('fs');
const path = require('path');

const dist = path.resolve(__dirname, '../../../../dist');
const PAGE = 'features/volunteer/pages/index/index';
const CODE_PAGE = 'features/volunteer/pages/code/index';
let current = { route: PAGE, query: {} };

const GLOBALS = ['App', 'getApp', 'getCurrentPages', 'Page'];
const WX_KEYS = ['navigateTo', 'request', 'showToast', 'getStorageSync', 'setStorageSync', 'removeStorageSync', 'getSystemInfoSync', 'getLocation'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check, what, timeout = 4000) {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() - start > timeout) {
        err.message = `timed out waiting for ${what}: ${err.message}`;
        throw err;
      }
    }
    await sleep(10);
  }
}

const TASK = {
  id: '5', orgId: '9', orgName: '河小青巡河护河志愿服务队', title: '“河小青”苏州河巡河护河', category: '环境保护',
  description: '沿苏州河长风段步行巡河', skills: ['巡河'], cancelCutoffMin: 120, checkinOpenBeforeMin: 30, checkoutCloseAfterMin: 120,
  shifts: [{
    id: '31', projectId: '5', startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:30:00.000Z', place: '长风公园4号门',
    lat: 31.2236, lng: 121.3935, radiusM: 300, needed: 12, filled: 3, distanceM: null, mySignupId: null,
  }],
};

describe('weapp build: features/volunteer/pages/index', () => {
  const saved = {};
  const savedWx = {};
  const storage = new Map();
  const pages = [];
  const requests = [];
  let simulate;
  let app;
  let page;
  let installed = false;

  beforeAll(() => {
    const missing = ['app.js', `${PAGE}.js`, `${PAGE}.wxml`].filter((f) => !fs.existsSync(path.join(dist, f)));
    if (missing.length) throw new Error(`dist/ has no weapp build (missing ${missing.join(', ')}): run npm run build:weapp first`);
    simulate = require('miniprogram-simulate');
    for (const k of GLOBALS) saved[k] = Object.getOwnPropertyDescriptor(global, k);
    for (const k of WX_KEYS) savedWx[k] = Object.getOwnPropertyDescriptor(global.wx, k);
    installed = true;

    const ok = (opts, res) => {
      Promise.resolve().then(() => {
        opts.success && opts.success(res);
        opts.complete && opts.complete(res);
      });
      return { abort() {} };
    };
    Object.assign(global.wx, {
      navigateTo: (opts = {}) => ok(opts, { errMsg: 'navigateTo:ok' }),
      showToast: (opts = {}) => ok(opts, { errMsg: 'showToast:ok' }),
      getLocation: (opts = {}) => ok(opts, { latitude: 31.2236, longitude: 121.3935 }),
      // the API as the page sees it: the task list, and 201 for a sign-up
      request: (opts) => {
        requests.push(opts);
        const signup = opts.method === 'POST' && /\/shifts\/31\/signups$/.test(opts.url);
        const code = /\/shifts\/31\/checkin-code$/.test(opts.url);
        const n = requests.filter((r) => /checkin-code$/.test(r.url)).length;
        return ok(opts, {
          statusCode: signup ? 201 : 200,
          data: signup
            ? { id: '77', shiftId: '31', status: 'active', createdAt: '2026-12-01T00:00:00.000Z' }
            : code
              ? { shiftId: '31', token: `eyJwIjoidm9sdW50ZWVyLWNoZWNraW4ifQ.sig${n}abcdef`, refreshAt: new Date(Date.now() + 20_000).toISOString(), windowSeconds: 30, qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=' }
              : { items: [TASK] },
          header: {},
          errMsg: 'request:ok',
        });
      },
      getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key, value) => void storage.set(key, value),
      removeStorageSync: (key) => void storage.delete(key),
      getSystemInfoSync: () => ({
        platform: 'devtools', system: 'iOS 17', model: 'iPhone 15', pixelRatio: 3, windowWidth: 375, windowHeight: 667,
        screenWidth: 375, screenHeight: 812, statusBarHeight: 44, language: 'zh_CN', version: '8.0.50', SDKVersion: '3.4.0',
      }),
    });
    global.App = (config) => {
      app = config;
    };
    global.getApp = () => app;
    global.getCurrentPages = () => pages.slice();
    global.Page = (config) => {
      const methods = {};
      const rest = {};
      for (const [key, value] of Object.entries(config)) {
        if (key === 'data') continue;
        if (typeof value === 'function') methods[key] = value;
        else rest[key] = value;
      }
      // eslint-disable-next-line no-undef
      Component({
        data: config.data,
        methods,
        lifetimes: {
          attached() {
            Object.assign(this, rest);
            this.route = this.__route__ = current.route;
            pages.push(this);
            this.onLoad(current.query);
            this.onShow();
          },
          ready() {
            this.onReady();
          },
          detached() {
            this.onUnload();
            pages.splice(pages.indexOf(this), 1);
          },
        },
      });
    };
    require(path.join(dist, 'app.js'));
    app.onLaunch({ path: PAGE, query: {}, scene: 1001 });
  });

  afterAll(() => {
    if (page) page.detach();
    if (!installed) return;
    for (const k of GLOBALS) {
      if (saved[k]) Object.defineProperty(global, k, saved[k]);
      else delete global[k];
    }
    for (const k of WX_KEYS) {
      if (savedWx[k]) Object.defineProperty(global.wx, k, savedWx[k]);
      else delete global.wx[k];
    }
  });

  it('lists the tasks from the API, then signs up on tap with an Idempotency-Key', async () => {
    const id = simulate.load(path.join(dist, PAGE), { rootPath: dist });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
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
    page = null;
  });

  it('draws the organizer code page with the native <checkin-code>, which asks for the code itself', async () => {
    current = { route: CODE_PAGE, query: { shiftId: '31', title: encodeURIComponent('苏州河巡河') } };
    const id = simulate.load(path.join(dist, CODE_PAGE), { rootPath: dist });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
    // the component lives in its own shadow tree: read what is on screen
    const onScreen = (cls) => page.dom.querySelector(`checkin-code .checkin-code--${cls}`)?.textContent;
    await waitFor(() => expect(onScreen('checkin-code__short')).toBe('ABC DEF'), 'the first code (token …abcdef)');
    const codeRequests = requests.filter((r) => /\/shifts\/31\/checkin-code$/.test(r.url));
    expect(codeRequests).toHaveLength(1); // the component's `refresh` reached the React page's fetch
    expect(onScreen('checkin-code__hint')).toMatch(/^(19|20) 秒后更新，截图无效$/);
    page.detach();
    page = null;
  });
});
