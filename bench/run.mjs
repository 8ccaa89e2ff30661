// `npm run bench`: every benchmark under bench/, one after another, each printing its figures.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// what the figures were measured on, and how busy it already was (the machine may be shared)
console.log(
  `${new Date().toISOString()} · ${os.cpus()[0].model.trim()} × ${os.availableParallelism()} cores · ${Math.round(os.totalmem() / 2 ** 30)} GB · ` +
    `Node ${process.version} · load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
for (const name of ['size.mjs', 'rush.mjs', 'catalog.mjs', 'dashboard.mjs']) {
  console.log(`\n## bench/${name}`);
  const { status } = spawnSync(process.execPath, [path.join(here, name)], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
