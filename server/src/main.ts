// Process entry: build, listen, print where things are, shut down cleanly on SIGINT/SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
import { startBanner } from './banner';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ config, logger: { level: config.logLevel } });
  const url = await app.listen({ port: config.port, host: config.host });
  if (config.jobs) app.jobs.start();

  const weappDir = path.resolve(process.cwd(), 'dist');
  console.log(
    startBanner(config, {
      url,
      dbKind: app.db.kind,
      h5Built: fs.existsSync(config.h5Dir),
      weappDir,
      weappBuilt: fs.existsSync(weappDir),
      jobCount: app.jobs.names().length,
    }),
  );

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
