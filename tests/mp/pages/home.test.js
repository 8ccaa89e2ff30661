// Smoke test of the REAL WeChat output: dist/pages/home as `taro build --type weapp` wrote it,
// run by miniprogram-simulate (j-component + the official wcc WXML compiler), with Taro's
// runtime and React inside. It proves the compiled page boots, React renders through Taro's
// base.wxml templates, and a tap on a card reaches the React handler and wx.navigateTo.
//
// miniprogram-simulate only knows custom components, so this file provides the pieces of the
// mini-program host that Taro's app.js / page.js call: App(), getApp(), getCurrentPages(),
// Page() (mapped onto Component lifetimes), and the wx APIs the page uses.
const fs = require('fs');
const path = require('path');

const dist = path.resolve(__dirname, '../../../dist');
const HOME = 'pages/home/index';

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
  'getSystemInfoSync', 'webpackJsonp',
];

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

describe('weapp build: pages/home', () => {
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

  it('renders the four service cards, then opens 青年驿站 on tap', async () => {
    const id = simulate.load(path.join(dist, HOME), { rootPath: dist });
    page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));

    const text = () => page.dom.textContent;
    await waitFor(() => {
      for (const name of ['青年夜校', '青年驿站', '爱心暑托班', '志愿服务']) expect(text()).toContain(name);
    }, 'React to render the four cards');
    expect(text()).toContain('你好，青年');

    // Taro's base.wxml does not pass data-testid through to WXML (only data-sid), so the card is
    // found by its visible name, as a user would.
    const cards = page.querySelectorAll('.service-card');
    const names = page.querySelectorAll('.service-card__name').map((n) => n.dom.textContent);
    expect(cards).toHaveLength(4);
    expect(names).toEqual([
      '青年夜校', '青年驿站', '爱心暑托班', '志愿服务',
    ]);
    const station = cards.find((c) => c.dom.textContent.includes('青年驿站'));
    expect(nav).not.toHaveBeenCalled();
    station.dispatchEvent('tap');

    await waitFor(() => expect(nav).toHaveBeenCalledTimes(1), 'the tap to reach wx.navigateTo');
    expect(nav.mock.calls[0][0]).toEqual(
      expect.objectContaining({ url: '/features/station/pages/index/index' }),
    );

    // Leaving the page runs Taro's onUnload (React unmount) without throwing.
    page.detach();
    page = null;
    expect(global.getCurrentPages()).toHaveLength(0);
  });
});
