// Smoke test of the REAL WeChat output of the 青年夜校 course list (subpackage
// features/night-school), as `taro build --type weapp` wrote it, in miniprogram-simulate. The boot
// code is the one of tests/mp/pages/home.test.js (the lead may factor it out); this page also calls
// wx.request, answered here with a two-course catalog. A tap on a course opens its detail page.
//
// miniprogram-simulate only knows custom components, so this file provides the pieces of the
// mini-program host that Taro's app.js / page.js call: App(), getApp(), getCurrentPages(),
// Page() (mapped onto Component lifetimes), and the wx APIs the page uses.
const fs = require('fs');
const path = require('path');

const dist = path.resolve(__dirname, '../../../../dist');
const HOME = 'features/night-school/pages/index/index';

function assertBuilt() {
  const missing = ['app.js', 'base.wxml', `${HOME}.js`, `${HOME}.wxml`, `${HOME}.json`].filter(
    (f) => !fs.existsSync(path.join(dist, f)),
  );
  if (missing.length) {
    throw new Error(
      `dist/ has no weapp build (missing ${missing.join(', ')}): run npm run build:weapp first`,
    );
  }
}

// Globals this file installs; their previous values are put back in afterAll.
const GLOBALS = ['App', 'getApp', 'getCurrentPages', 'Page'];
const WX_KEYS = [
  'navigateTo', 'switchTab', 'redirectTo', 'reLaunch', 'navigateBack',
  'getStorageSync', 'setStorageSync', 'removeStorageSync', 'clearStorageSync',
  'getSystemInfoSync', 'webpackJsonp', 'request', 'showToast',
];

const TERM = {
  id: '1', orgId: '1', orgName: '共青团上海市徐汇区委员会', name: '2026冬季青年夜校', allocation: 'lottery',
  opensAt: '2026-11-20T02:00:00.000Z', closesAt: '2026-12-04T14:00:00.000Z', maxApplicationsPerPerson: 3,
  maxCoursesPerPerson: 2, minAge: 18, maxAge: 40, confirmHours: 48, noShowLimit: 2,
  seedHash: 'ab'.repeat(32), seed: null, drawnAt: null, phase: 'open',
};
const COURSE = {
  id: '11', termId: '1', title: '陶艺入门：手捏与拉坯', category: '手工', teacher: '沈静怡', description: '做一套杯碟',
  venueName: '“半马苏河”青年服务阵地旗舰店', venueAddress: '上海市普陀区光复西路2899号', district: '普陀区',
  lat: 31.2262, lng: 121.4012, weekday: 2, startTime: '19:30', endTime: '21:00', startDate: '2026-12-14', sessions: 8,
  sessionDates: [], capacity: 16, taken: 0, applicants: 96, ratio: 6,
};
const CATALOG = { term: TERM, items: [COURSE, { ...COURSE, id: '12', title: '咖啡拉花与手冲', category: '生活', applicants: 3, capacity: 12, ratio: 0.3 }] };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, what, timeout = 3000) {
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

describe('weapp build: features/night-school/pages/index (course list)', () => {
  const saved = {};
  const savedWx = {};
  const storage = new Map();
  const pages = [];
  let simulate;
  let app;
  let page;
  let nav;
  let installed = false;

  beforeAll(() => {
    assertBuilt(); // fails every test below with the message: never a silent skip
    simulate = require('miniprogram-simulate'); // installs global Component and a mock `wx`

    for (const k of GLOBALS) saved[k] = Object.getOwnPropertyDescriptor(global, k);
    for (const k of WX_KEYS) savedWx[k] = Object.getOwnPropertyDescriptor(global.wx, k);
    installed = true;

    // --- wx: what miniprogram-simulate's mock lacks or what we want to observe ---
    nav = jest.fn((opts = {}) => {
      const res = { errMsg: `${opts.url}:ok` };
      Promise.resolve().then(() => {
        opts.success && opts.success(res);
        opts.complete && opts.complete(res);
      });
      return Promise.resolve(res);
    });
    Object.assign(global.wx, {
      navigateTo: nav,
      switchTab: nav,
      redirectTo: nav,
      reLaunch: nav,
      // Taro.setStorageSync etc. call these; a Map keeps the session store honest (signed out).
      getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key, value) => void storage.set(key, value),
      removeStorageSync: (key) => void storage.delete(key),
      clearStorageSync: () => storage.clear(),
      request: jest.fn((opts) => {
        const res = { statusCode: 200, data: CATALOG, header: {}, errMsg: 'request:ok' };
        Promise.resolve().then(() => {
          opts.success && opts.success(res);
          opts.complete && opts.complete(res);
        });
        return { abort() {} };
      }),
      showToast: jest.fn(),
      getSystemInfoSync: () => ({
        platform: 'devtools', system: 'iOS 17', model: 'iPhone 15', pixelRatio: 3,
        windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 812,
        statusBarHeight: 44, language: 'zh_CN', version: '8.0.50', SDKVersion: '3.4.0',
      }),
    });

    // --- App/getApp: app.js calls App(config) once; Taro keeps its app instance there. ---
    global.App = (config) => {
      app = config;
    };
    global.getApp = () => app;
    global.getCurrentPages = () => pages.slice();

    // --- Page(): a page is a component with page lifetimes. Taro's page config has onLoad/onShow/
    // onReady/onUnload, the event handler `eh` and `data: { root }`; every function becomes a
    // method so `this.onLoad` etc. exist on the instance as they do in WeChat.
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
            this.route = this.__route__ = HOME;
            pages.push(this);
            this.onLoad({});
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
    if (!app || typeof app.onLaunch !== 'function') throw new Error('dist/app.js did not call App()');
    app.onLaunch({ path: HOME, query: {}, scene: 1001 });
  });

  afterAll(() => {
    if (page) page.detach();
    if (!installed) return;
    for (const k of GLOBALS) {
      if (saved[k]) Object.defineProperty(global, k, saved[k]);
      else delete global[k];
    }
    if (global.wx) {
      for (const k of WX_KEYS) {
        if (savedWx[k]) Object.defineProperty(global.wx, k, savedWx[k]);
        else delete global.wx[k];
      }
    }
  });

  it('renders the catalog from the API with the 报名/名额 ratio, then opens a course on tap', async () => {
    const id = simulate.load(path.join(dist, HOME), { rootPath: dist });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));

    const text = () => page.dom.textContent;
    await waitFor(() => {
      expect(text()).toContain('陶艺入门：手捏与拉坯');
      expect(text()).toContain('咖啡拉花与手冲');
    }, 'React to render the courses');
    expect(global.wx.request).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('/api/v1/night-school/courses') }));
    expect(text()).toContain('2026冬季青年夜校');
    expect(text()).toContain('报名 96 / 名额 16');
    expect(text()).toContain('周二 19:30–21:00');

    const cards = page.querySelectorAll('.ns-course');
    expect(cards).toHaveLength(2);
    cards[0].dispatchEvent('tap');
    await waitFor(() => expect(nav).toHaveBeenCalledTimes(1), 'the tap to reach wx.navigateTo');
    expect(nav.mock.calls[0][0]).toEqual(expect.objectContaining({ url: '/features/night-school/pages/course/index?id=11' }));

    page.detach();
    page = null;
    expect(global.getCurrentPages()).toHaveLength(0);
  });
});
