// Smoke test of the REAL WeChat output of the 青年驿站 landing page (a subpackage page) as
// `taro build --type weapp` wrote it, run by miniprogram-simulate with Taro's runtime and React
// inside: the page boots, asks the API for the stations through wx.request, renders them with
// tonight's free beds, and a tap on a station reaches wx.navigateTo with its id.
// (Boot code adapted from tests/mp/pages/home.test.js; the lead may factor it out.)
//
// miniprogram-simulate only knows custom components, so this file provides the pieces of the
// mini-program host that Taro's app.js / page.js call: App(), getApp(), getCurrentPages(),
// Page() (mapped onto Component lifetimes), and the wx APIs the page uses.
const fs = require('fs');
const path = require('path');

const dist = path.resolve(__dirname, '../../../../dist');
const HOME = 'features/station/pages/index/index';

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
  'getSystemInfoSync', 'webpackJsonp', 'request',
];

const STATIONS = {
  items: [
    {
      id: '3', name: '青年人才驿站·漕河泾合作酒店', district: '徐汇区', address: '上海市徐汇区宜山路889号', summary: null,
      partner: 'hotel', photos: [], rules: [], contact: null, mapUrl: null, totalBeds: 120,
      freeThisWeek: [37, 40, 52, 80, 80, 80, 80],
      roomTypes: [{ id: '1', code: 'twin', name: '标准双床房', gender: 'any', beds: 80 }],
    },
    {
      id: '4', name: '青年人才驿站·半马苏河合作公寓', district: '普陀区', address: '上海市普陀区长风街道云岭东路89号', summary: null,
      partner: 'apartment', photos: [], rules: [], contact: null, mapUrl: null, totalBeds: 114,
      freeThisWeek: [0, 3, 114, 114, 114, 114, 114],
      roomTypes: [{ id: '4', code: 'twin', name: '标准双床房', gender: 'any', beds: 60 }],
    },
  ],
};

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


describe('weapp build: features/station/pages/index (青年驿站)', () => {
  const saved = {};
  const savedWx = {};
  const storage = new Map();
  const pages = [];
  let simulate;
  let app;
  let page;
  let nav;
  let installed = false;
  const requests = [];

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
      // The API, as WeChat's wx.request delivers it.
      request: jest.fn((opts) => {
        requests.push(opts.url);
        const ok = /\/api\/v1\/stations$/.test(opts.url);
        Promise.resolve().then(() => {
          const res = { statusCode: ok ? 200 : 404, data: ok ? STATIONS : { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: '请求的内容不存在' }, header: {}, errMsg: 'request:ok' };
          opts.success && opts.success(res);
          opts.complete && opts.complete(res);
        });
        return { abort() {} };
      }),
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

  it('renders the stations from the API with tonight\'s free beds, then opens one on tap', async () => {
    const id = simulate.load(path.join(dist, HOME), { rootPath: dist });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));

    const text = () => page.dom.textContent;
    await waitFor(() => expect(text()).toContain('青年人才驿站·半马苏河合作公寓'), 'the station list to render');
    expect(requests.some((u) => u.endsWith('/api/v1/stations'))).toBe(true);
    expect(text()).toContain('青年驿站');
    expect(text()).toContain('今晚空床 37');
    expect(text()).toContain('今晚空床 0');
    expect(text()).toContain('共114张床位');

    const names = page.querySelectorAll('.station-home__name').map((n) => n.dom.textContent);
    expect(names).toEqual(['青年人才驿站·漕河泾合作酒店', '青年人才驿站·半马苏河合作公寓']);
    const card = page.querySelectorAll('.station-home__station').find((c) => c.dom.textContent.includes('半马苏河'));
    card.dispatchEvent('tap');
    await waitFor(() => expect(nav).toHaveBeenCalledTimes(1), 'the tap to reach wx.navigateTo');
    expect(nav.mock.calls[0][0]).toEqual(expect.objectContaining({ url: '/features/station/pages/detail/index?id=4' }));

    page.detach();
    page = null;
    expect(global.getCurrentPages()).toHaveLength(0);
  });
});
