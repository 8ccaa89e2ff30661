// Package sizes of the built mini-program and H5 app, against WeChat's limits and our budget.
// Prints figures; asserts nothing. Needs `npm run build:weapp` and `npm run build:h5` first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN_BUDGET_KB = 400; // ours; WeChat's hard limit is 2,048 KB per package
const kb = (bytes) => (bytes / 1024).toFixed(1);
const counted = (name) => !/\.map$|LICENSE/.test(name);

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
  if (!fs.existsSync(path.join(dist, 'app.json'))) return console.log('weapp: dist/ not built (npm run build:weapp)');
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const main = folderBytes(dist, new Set(roots));
  console.log(`weapp main package   ${kb(main).padStart(8)} KB   budget ${MAIN_BUDGET_KB} KB   ratio ${(main / 1024 / MAIN_BUDGET_KB).toFixed(2)}`);
  for (const r of roots) console.log(`  subpackage ${r.padEnd(24)} ${kb(folderBytes(path.join(dist, r))).padStart(8)} KB`);
}

function h5() {
  const dir = path.join(root, 'dist-h5');
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return console.log('h5: dist-h5/ not built (npm run build:h5)');
  const html = fs.readFileSync(index, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const entry = assets.reduce((sum, a) => sum + fs.statSync(path.join(dir, a)).size, Buffer.byteLength(html));
  console.log(`h5 entry (html + ${assets.length} files) ${kb(entry).padStart(8)} KB   whole build ${kb(folderBytes(dir))} KB`);
}

weapp();
h5();
