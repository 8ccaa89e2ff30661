// Draws the tab-bar icons (WeChat wants local PNGs, 81×81, ≤ 40 KB) from inline SVG with the
// same headless Chromium the browser tests use. Run once after changing a shape:
//   node scripts/make-tab-icons.mjs
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');
const colors = { off: '#6b7280', on: '#1d4ed8' };
const shapes = {
  home: '<path d="M12 36 L40 14 L68 36 V66 a4 4 0 0 1 -4 4 H50 V50 H30 V70 H16 a4 4 0 0 1 -4 -4 Z" />',
  messages:
    '<path d="M14 18 h52 a6 6 0 0 1 6 6 v30 a6 6 0 0 1 -6 6 H34 l-14 11 v-11 h-6 a6 6 0 0 1 -6 -6 V24 a6 6 0 0 1 6 -6 Z" />',
  mine: '<circle cx="40" cy="28" r="13" /><path d="M14 70 c0 -16 12 -24 26 -24 s26 8 26 24" />',
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
for (const [name, shape] of Object.entries(shapes)) {
  for (const [state, color] of Object.entries(colors)) {
    const fill = state === 'on' ? color : 'none';
    await page.setContent(`<body style="margin:0;background:transparent">
      <svg width="81" height="81" viewBox="0 0 80 80" fill="${fill}" stroke="${color}" stroke-width="5"
        stroke-linejoin="round" stroke-linecap="round">${shape}</svg></body>`);
    await page.screenshot({ path: path.join(out, `${name}-${state}.png`), omitBackground: true });
  }
}
await browser.close();
