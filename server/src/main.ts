// Process entry: build, listen, print where things are, shut down cleanly on SIGINT/SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  const url = await app.listen({ port: config.port, host: config.host });
  if (config.jobs) app.jobs.start();

  const weappDir = path.resolve(process.cwd(), 'dist');
  const lines = [
    `青年汇 API 已启动 / youth-hub API listening: ${url}/api/v1`,
    `  数据库 / database: ${app.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite 嵌入式 (${config.dataDir})`}`,
    `  定时任务 / jobs: ${config.jobs ? `开启 on (${app.jobs.names().length})` : '关闭 off (JOBS=off)'}`,
    `  开发登录 / dev login: ${config.devLogin ? '开启 on (POST /api/v1/auth/dev)' : '关闭 off'}`,
    `  接口文档 / API docs: ${url}/docs`,
    `  限流 / rate limits: ${config.redisUrl ? `Redis (${config.redisUrl})，多进程共享 shared by all processes` : '进程内计数 per process (未设置 REDIS_URL: REDIS_URL unset)'}`,
    `  H5: ${fs.existsSync(config.h5Dir) ? `${url}/ (from ${config.h5Dir})` : `未构建 not built (npm run build:h5 → ${config.h5Dir})`}`,
    `  小程序 / weapp: ${fs.existsSync(weappDir) ? `${weappDir} (open in WeChat DevTools)` : `未构建 not built (npm run build:weapp → ${weappDir})`}`,
  ];
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
