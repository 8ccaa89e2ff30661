// Smoke test of the REAL WeChat output of 爱心暑托班's class list (the childcare subpackage's
// landing page) as `taro build --type weapp` wrote it, run by miniprogram-simulate. Boot code
// follows tests/mp/pages/home.test.js (the lead may factor it into tests/mp/boot-weapp.js); here
// wx.request answers with a scripted programme so the page renders real classes through Taro.
const fs = require('fs');
const path = require('path');

const dist = path.resolve(__dirname, '../../../../dist');
const HOME = 'features/childcare/pages/index/index';

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

const NOW = '2026-11-30T23:59:00.000Z';
const PROGRAMME = {
  id: '2', name: '2027爱心寒托班', season: 'winter', prefillOpensAt: '2026-11-20T00:00:00.000Z',
  registrationOpensAt: '2026-12-01T00:00:00.000Z', registrationClosesAt: '2027-01-22T09:00:00.000Z', offerHours: 24, notice: null,
};
const cls = (id, name, remaining, waiting) => ({
  id, name, periodId: '11', periodName: '第一期', programmeName: '2027爱心寒托班', startsOn: '2027-01-25', endsOn: '2027-02-05', siteId: '5',
  siteName: '2026爱心暑托班·长风新村街道社区中心', siteAddress: '上海市普陀区天山路1718号', capacity: 35,
  taken: 35 - remaining, remaining, waiting, gradeMin: 1, gradeMax: 2, feeFen: 40000, whatToBring: '水杯',
});
function route(url) {
  if (url.endsWith('/api/v1/childcare/programmes')) return { items: [PROGRAMME], serverNow: NOW };
  if (url.endsWith('/api/v1/childcare/programmes/2')) {
    return {
      programme: PROGRAMME,
      periods: [{ id: '11', seq: 1, name: '第一期', startsOn: '2027-01-25', endsOn: '2027-02-05' }],
      classes: [cls('31', '低年级班', 12, 0), cls('32', '高年级班', 0, 7)],
      serverNow: NOW,
    };
  }
  return null;
}

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

describe('weapp build: features/childcare/pages/index (class list)', () => {
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
      request: (opts) => {
        const data = route(opts.url);
        const res = data ? { statusCode: 200, data, header: {}, errMsg: 'request:ok' } : { statusCode: 404, data: {}, header: {}, errMsg: 'request:ok' };
        Promise.resolve().then(() => {
          opts.success && opts.success(res);
          opts.complete && opts.complete(res);
        });
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
      },
      navigateTo: nav,
      switchTab: nav,
      redirectTo: nav,
      reLaunch: nav,
      // Taro.setStorageSync etc. call these; a Map keeps the session store honest (signed out).
      getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key, value) => void storage.set(key, value),
      removeStorageSync: (key) => void storage.delete(key),
      clearStorageSync: () => storage.clear(),
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

  it('renders the classes of the open programme by period, with seats left, and opens a class on tap', async () => {
    const id = simulate.load(path.join(dist, HOME), { rootPath: dist });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));

    const text = () => page.dom.textContent;
    await waitFor(() => {
      expect(text()).toContain('低年级班');
      expect(text()).toContain('高年级班');
    }, 'the class list to render from the API');
    expect(text()).toContain('第一期 · 01-25 至 02-05');
    expect(text()).toContain('余 12 / 35');
    expect(text()).toContain('已满 · 候补 7 人');
    expect(text()).toContain('¥400/期');
    expect(text()).toContain('2026年12月1日 08:00');

    const cards = page.querySelectorAll('.cc-class');
    expect(cards).toHaveLength(2);
    cards[0].dispatchEvent('tap');
    await waitFor(() => expect(nav).toHaveBeenCalledTimes(1), 'the tap to reach wx.navigateTo');
    expect(nav.mock.calls[0][0]).toEqual(expect.objectContaining({ url: '/features/childcare/pages/class/index?id=31' }));

    page.detach();
    page = null;
    expect(global.getCurrentPages()).toHaveLength(0);
  });
});
