// npm run backup [-- <file>]: writes a backup of the configured database (default: backups/<time>).
import path from 'node:path';
import { loadDatabaseConfig } from '../config';
import { backup, backupFileName } from '../db/backup';

async function main(): Promise<void> {
  const config = loadDatabaseConfig();
  const file = process.argv[2] ?? path.join('backups', backupFileName(config, new Date()));
  await backup(config, file);
  console.log(`已备份 / backup written: ${file}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
