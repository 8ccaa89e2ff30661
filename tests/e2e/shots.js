// Where the browser tests write their screenshots: a temporary folder of this checkout, so a test
// run never rewrites tracked files. `npm run screenshots` runs the browser tests and then copies
// them into docs/screenshots (this file, run as a script).
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const shots = path.join(
  os.tmpdir(),
  `youth-hub-screenshots-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`,
);
fs.mkdirSync(shots, { recursive: true });

module.exports = { shots };

if (require.main === module) {
  const docs = path.join(root, 'docs', 'screenshots');
  const files = fs.readdirSync(shots).filter((f) => f.endsWith('.png'));
  for (const f of files) fs.copyFileSync(path.join(shots, f), path.join(docs, f));
  console.log(`${files.length} screenshots copied from ${shots} to docs/screenshots`);
}
