// npm run build:api: the server (and the src/contract it shares with the client) compiled by
// esbuild into dist-api/, run in production with plain `node` (no tsx). Packages stay external:
// they come from `npm ci --omit=dev`, so only runtime dependencies are needed on the server.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-api');
fs.rmSync(out, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'server/src/main.ts',
    cluster: 'server/src/cluster.ts',
    migrate: 'server/src/cli/migrate.ts',
    grant: 'server/src/cli/grant.ts',
    'seed-demo': 'server/src/cli/seed-demo.ts',
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  tsconfig: 'server/tsconfig.json',
  sourcemap: true,
  logLevel: 'warning',
});
// migrate.ts reads the .sql files next to itself (__dirname is dist-api/ once bundled).
fs.cpSync(path.join(root, 'server/src/db/migrations'), path.join(out, 'migrations'), {
  recursive: true,
});
console.log(`built ${path.relative(root, out)}/ (main, cluster, migrate, seed-demo + migrations)`);
