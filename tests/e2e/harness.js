// Starts what a resident's phone would talk to — the real server process on a fresh embedded
// database — and a headless Chromium sized like a phone.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHealth(base, child, logs) {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logs.join('')}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${logs.join('')}`);
}

/**
 * `env`: more settings for this server (e.g. WECHAT_* pointing at a fake WeChat). `devClock`: the
 * test may move the server's clock forward and run a job now (DEV_CLOCK, over the IPC channel):
 * `advanceClock(ms)`, `runJob(name)`. `payments`: the server runs the local fake WeChat Pay, as
 * `npm start` does (WECHATPAY_FAKE); off otherwise, so the other stories make free classes and
 * courses (a paid one is refused without WeChat Pay).
 */
async function startServer({ env = {}, devClock = false, payments = false } = {}) {
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
    throw new Error('dist-h5/index.html is missing: run `npm run build:h5` first');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-e2e-'));
  const logs = [];
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEV_LOGIN: '1',
        DATABASE_URL: '',
        NODE_ENV: 'development',
        ...(devClock ? { DEV_CLOCK: '1' } : {}),
        WECHATPAY_FAKE: payments ? '1' : '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe', ...(devClock ? ['ipc'] : [])],
    },
  );
  let asked = 0;
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const id = ++asked;
      const onMessage = (m) => {
        if (m?.id !== id) return;
        child.off('message', onMessage);
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, logs);
  return {
    base,
    logs,
    /** Moves the server's clock (and its fake WeChat Pay's) forward; answers the server's new now. */
    advanceClock: async (ms) => new Date((await ask({ devClock: 'advance', ms })).now),
    /** One pass of a timed job now, instead of waiting for its timer; answers how many it handled. */
    runJob: async (name) => (await ask({ devClock: 'runJob', name })).handled,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A phone by default; organizers also use the H5 build on a PC ({ width: 1280, height: 800, mobile: false }). */
async function startBrowser({ width = 390, height = 844, mobile = true } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return { browser, context };
}

/**
 * Signs the app on `page` in with a session from POST /auth/dev — one the admin has scoped, which the
 * login page's role buttons cannot make — as Taro's H5 storage persists it, then reloads.
 */
async function signIn(page, session) {
  const value = JSON.stringify({
    state: { token: session.token, expiresAt: session.expiresAt, user: session.user },
    version: 0,
  });
  await page.evaluate(
    (v) => localStorage.setItem('youth-hub/session', JSON.stringify({ data: v })),
    value,
  );
  await page.reload();
}

/** One JSON call to the API as a phone makes it; a non-2xx answer throws with its body. */
async function callApi(base, method, url, body, token) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

module.exports = { root, callApi, signIn, startServer, startBrowser };
