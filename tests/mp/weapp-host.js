// Boots the REAL WeChat output — dist/ as `taro build --type weapp` wrote it — inside
// miniprogram-simulate (j-component + the official wcc WXML compiler), with Taro's runtime and
// React inside. miniprogram-simulate only knows custom components, so this provides the pieces
// of the mini-program host that Taro's app.js / page.js call: App(), getApp(),
// getCurrentPages(), Page() (mapped onto Component lifetimes) and the wx APIs pages use. Every
// global it changes is put back by close().
const fs = require('fs');
const path = require('path');

const dist = path.resolve(__dirname, '../../dist');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it stops throwing (React renders asynchronously through Taro). */
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

/** A wx API answering asynchronously, as WeChat does: success, then complete. */
function answer(opts, res) {
  Promise.resolve().then(() => {
    if (opts.success) opts.success(res);
    if (opts.complete) opts.complete(res);
  });
  return { abort() {} };
}

function assertBuilt(route) {
  const missing = ['app.js', 'base.wxml', `${route}.js`, `${route}.wxml`, `${route}.json`].filter(
    (f) => !fs.existsSync(path.join(dist, f)),
  );
  // fails every test with the reason: never a silent skip
  if (missing.length)
    throw new Error(
      `dist/ has no weapp build (missing ${missing.join(', ')}): run npm run build:weapp first`,
    );
}

const GLOBALS = ['App', 'getApp', 'getCurrentPages', 'Page'];

/**
 * Starts the built app on `route`. `wx` adds or replaces wx APIs (e.g. `request` answering as
 * the API would). Returns the simulate module, the navigation spy, open(route, query) and close().
 */
function bootWeapp({ route, wx: extra = {} }) {
  assertBuilt(route);
  const simulate = require('miniprogram-simulate'); // installs global Component and a mock `wx`
  const nav = jest.fn((opts = {}) => {
    const res = { errMsg: `${opts.url}:ok` };
    answer(opts, res);
    return Promise.resolve(res);
  });
  const storage = new Map();
  const wxApis = {
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
      platform: 'devtools',
      system: 'iOS 17',
      model: 'iPhone 15',
      pixelRatio: 3,
      windowWidth: 375,
      windowHeight: 667,
      screenWidth: 375,
      screenHeight: 812,
      statusBarHeight: 44,
      language: 'zh_CN',
      version: '8.0.50',
      SDKVersion: '3.4.0',
    }),
    ...extra,
  };
  const savedGlobals = Object.fromEntries(
    GLOBALS.map((k) => [k, Object.getOwnPropertyDescriptor(global, k)]),
  );
  const wxKeys = [...Object.keys(wxApis), 'webpackJsonp'];
  const savedWx = Object.fromEntries(
    wxKeys.map((k) => [k, Object.getOwnPropertyDescriptor(global.wx, k)]),
  );
  Object.assign(global.wx, wxApis);

  let app;
  const pages = [];
  const opened = [];
  const host = { simulate, nav, dist, next: { route, query: {} } };
  global.App = (config) => {
    app = config;
  };
  global.getApp = () => app;
  global.getCurrentPages = () => pages.slice();
  // A page is a component with page lifetimes. Taro's page config has onLoad/onShow/onReady/
  // onUnload, the event handler `eh` and `data: { root }`; every function becomes a method so
  // `this.onLoad` etc. exist on the instance as they do in WeChat.
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
          this.route = this.__route__ = host.next.route;
          pages.push(this);
          this.onLoad(host.next.query);
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
  app.onLaunch({ path: route, query: {}, scene: 1001 });

  /** Renders a built page (its route relative to dist/) and attaches it, as WeChat opens it. */
  host.open = (pageRoute = route, query = {}) => {
    assertBuilt(pageRoute);
    host.next = { route: pageRoute, query };
    const page = simulate.render(simulate.load(path.join(dist, pageRoute), { rootPath: dist }));
    page.attach(document.createElement('parent-wrapper'));
    opened.push(page);
    return page;
  };
  host.openPages = () => pages.slice();
  host.close = () => {
    for (const page of opened) if (pages.some((p) => p === page.instance)) page.detach();
    for (const [k, d] of Object.entries(savedGlobals)) {
      if (d) Object.defineProperty(global, k, d);
      else delete global[k];
    }
    for (const [k, d] of Object.entries(savedWx)) {
      if (d) Object.defineProperty(global.wx, k, d);
      else delete global.wx[k];
    }
  };
  return host;
}

module.exports = { bootWeapp, waitFor, answer };
