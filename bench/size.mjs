// Package sizes of the built mini-program and H5 app, against WeChat's limits and our budget, and
// the H5 first screen in headless Chromium. Prints figures; asserts nothing. Needs
// `npm run build:weapp` and `npm run build:h5` first (it says so when a build is missing).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import harness from '../tests/e2e/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN_BUDGET_KB = 400; // ours; WeChat's hard limit is 2,048 KB per package
const kb = (bytes) => (bytes / 1024).toFixed(1);
// source maps, licences and the build-time .gz/.br copies of files already counted
const counted = (name) => !/\.map$|LICENSE|\.(gz|br)$/.test(name);

function folderBytes(dir, skip = new Set(), rel = '') {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip.has(relPath)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full, skip, relPath);
    else if (counted(entry.name)) total += fs.statSync(full).size;
  }
  return total;
}

function weapp() {
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'app.json')))
    return console.log('weapp: dist/ not built (npm run build:weapp)');
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const main = folderBytes(dist, new Set(roots));
  console.log(
    `weapp main package   ${kb(main).padStart(8)} KB   budget ${MAIN_BUDGET_KB} KB   ratio ${(main / 1024 / MAIN_BUDGET_KB).toFixed(2)}`,
  );
  for (const r of roots)
    console.log(
      `  subpackage ${r.padEnd(24)} ${kb(folderBytes(path.join(dist, r))).padStart(8)} KB`,
    );
}

function h5Entry() {
  const dir = path.join(root, 'dist-h5');
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    console.log('h5: dist-h5/ not built (npm run build:h5)');
    return false;
  }
  const html = fs.readFileSync(index);
  const assets = [...String(html).matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) =>
    fs.readFileSync(path.join(dir, m[1])),
  );
  const files = [html, ...assets];
  const raw = files.reduce((sum, f) => sum + f.length, 0);
  const gzip = files.reduce((sum, f) => sum + zlib.gzipSync(f).length, 0);
  console.log(
    `h5 entry (index.html + ${assets.length} JS/CSS) ${kb(raw).padStart(8)} KB   gzip ${kb(gzip)} KB   whole build ${kb(folderBytes(dir))} KB`,
  );
  return true;
}

// The home page is on screen when its four service entries are: checked every frame from the
// first script on, against the page's own clock (0 = navigation start).
const SERVICE_NAMES = ['青年夜校', '青年驿站', '爱心暑托班', '志愿服务'];
const LOADS = 5;
// Lighthouse's "slow 4G" for mobile: what a phone on a weak signal gets
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

async function load(context, url, network) {
  const page = await context.newPage();
  await page.addInitScript((names) => {
    const check = () => {
      if (document.body && names.every((n) => document.body.innerText.includes(n)))
        window.__firstScreen = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, SERVICE_NAMES);
  if (network)
    await (await context.newCDPSession(page)).send('Network.emulateNetworkConditions', network);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstScreen !== undefined, null, { timeout: 60_000 });
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const upTo = performance
      .getEntriesByType('resource')
      .filter((r) => r.responseEnd <= window.__firstScreen);
    return {
      firstScreen: window.__firstScreen,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      transferred: nav.transferSize + upTo.reduce((sum, r) => sum + r.transferSize, 0),
      requests: 1 + upTo.length,
    };
  });
  await page.close();
  return m;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function h5FirstScreen() {
  const server = await harness.startServer();
  const url = `${server.base}/`;
  const rows = [];
  try {
    for (const [name, network] of [
      ['cold cache', null],
      ['cold cache, slow 4G', SLOW_4G],
    ]) {
      const samples = [];
      for (let i = 0; i < LOADS; i++) {
        // a new browser each time: nothing cached, no connection kept
        const { browser, context } = await harness.startBrowser();
        try {
          samples.push(await load(context, url, network));
        } finally {
          await browser.close();
        }
      }
      rows.push([name, samples]);
    }
    const { browser, context } = await harness.startBrowser();
    try {
      await load(context, url); // fills the cache
      const samples = [];
      for (let i = 0; i < LOADS; i++) samples.push(await load(context, url));
      rows.push(['warm cache', samples]);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  console.log(
    `h5 first screen: ${url} in headless Chromium (390×844 phone, this machine's CPU), until the four service entries are on screen; median of ${LOADS}`,
  );
  for (const [name, s] of rows) {
    console.log(
      `  ${name.padEnd(20)} first-contentful-paint ${String(Math.round(median(s.map((x) => x.fcp)))).padStart(5)} ms   ` +
        `four entries ${String(Math.round(median(s.map((x) => x.firstScreen)))).padStart(5)} ms   ` +
        `${median(s.map((x) => x.requests))} requests, ${kb(median(s.map((x) => x.transferred)))} KB transferred`,
    );
  }
}

weapp();
if (h5Entry()) await h5FirstScreen();
