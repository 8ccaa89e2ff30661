// npm run start:stack: the topology a district deploys on one host (docs/deploy.md) —
// nginx (Debian's package) serving the H5 build and proxying /api to two API processes
// (node dist-api/main.js, TRUST_PROXY=1), on PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
// Migrations run once before the APIs start (MIGRATE_ON_BOOT=0 in them); only the first API
// process runs the timed jobs (JOBS=off in the second).
// SIGHUP: rolling restart, one API process at a time. No nginx reload is needed (a reload closes
// the clients' idle keep-alive connections, which fetch does not retry): a stopping process
// refuses new connections and answers 503 while closing, and nginx hands both to the other one
// (proxy_next_upstream); requests in flight finish before the process exits.
// SIGINT/SIGTERM: stop everything.
//   STACK_PORT (8080), API_PORTS (3101,3102); the API's own variables pass through.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nginxConf } from '../../deploy/nginx-conf.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', ...process.env };
const listen = `127.0.0.1:${env.STACK_PORT ?? 8080}`;
env.PUBLIC_BASE_URL ??= `http://${listen}`;
const ports = (env.API_PORTS ?? '3101,3102').split(',').map(Number);
const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-nginx-'));
const h5Dir = path.join(root, 'dist-h5');
const say = (line) => console.log(`[stack] ${line}`);

function fail(message) {
  console.error(`[stack] ${message}`);
  process.exit(1);
}

if (!env.DATABASE_URL)
  fail(
    '需要 PostgreSQL：请设置 DATABASE_URL / DATABASE_URL is required (two processes cannot share PGlite)',
  );
if (!fs.existsSync(path.join(h5Dir, 'index.html')))
  fail('H5 未构建：先运行 npm run build:h5 / build the H5 app first');
if (!fs.existsSync(path.join(root, 'dist-api/main.js')))
  fail('API 未构建：先运行 npm run build:api / build the API first');
for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
  fs.mkdirSync(path.join(prefix, 'tmp', dir), { recursive: true });

const migrated = spawnSync(process.execPath, ['dist-api/migrate.js'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (migrated.status !== 0) fail('迁移失败 / migrate failed');

const apis = ports.map((port, i) => ({ port, child: null, index: i }));

function startApi(api) {
  const child = spawn(process.execPath, ['dist-api/main.js'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(api.port),
      HOST: '127.0.0.1',
      TRUST_PROXY: '1',
      MIGRATE_ON_BOOT: '0',
      JOBS: api.index === 0 ? 'on' : 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  api.child = child;
  api.exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', (code, signal) => {
    if (!stopping && !api.restarting) fail(`API :${api.port} exited (${signal ?? code})`);
  });
}

async function ready(api) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${api.port}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`API :${api.port} did not become ready`);
}

const confFile = path.join(prefix, 'nginx.conf');

let nginx;
let stopping = false;
let restarting = false;
async function rollingRestart() {
  if (restarting) return;
  restarting = true;
  say('rolling restart: begin');
  for (const api of apis) {
    api.restarting = true;
    api.child.kill('SIGTERM');
    await api.exited;
    startApi(api);
    await ready(api);
    api.restarting = false;
    say(`restarted API :${api.port} (pid ${api.child.pid})`);
  }
  say('rolling restart: done');
  restarting = false;
}

async function stop() {
  if (stopping) return;
  stopping = true;
  nginx?.kill('SIGQUIT');
  for (const api of apis) api.child?.kill('SIGTERM');
  await Promise.all(apis.map((a) => a.exited));
  fs.rmSync(prefix, { recursive: true, force: true });
  process.exit(0);
}

for (const api of apis) startApi(api);
await Promise.all(apis.map(ready));
fs.writeFileSync(confFile, nginxConf({ listen, prefix, h5Dir, apis }));
nginx = spawn('nginx', ['-c', confFile, '-p', prefix, '-g', 'daemon off;'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
nginx.once('exit', (code) => stopping || fail(`nginx exited (${code})`));
for (let i = 0; i < 100 && !fs.existsSync(path.join(prefix, 'nginx.pid')); i++)
  await new Promise((r) => setTimeout(r, 50));

say(
  `ready: http://${listen}/ (H5) and http://${listen}/api/v1 → API ${apis.map((a) => `:${a.port} pid ${a.child.pid}`).join(', ')}`,
);
say(`nginx conf: ${confFile}; kill -HUP ${process.pid} restarts the APIs one by one`);
process.on('SIGHUP', () => void rollingRestart());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
