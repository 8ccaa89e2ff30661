// `npm run bench`: every benchmark under bench/, one after another, each printing its figures.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const name of ['size.mjs', 'rush.mjs', 'catalog.mjs']) {
  console.log(`\n## bench/${name}`);
  const { status } = spawnSync(process.execPath, [path.join(here, name)], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
