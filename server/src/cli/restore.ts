// npm run restore -- <file>: puts a backup from npm run backup back into the configured database.
import { loadDatabaseConfig } from '../config';
import { restore } from '../db/backup';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('用法 / usage: npm run restore -- <backup file>');
  await restore(loadDatabaseConfig(), file);
  console.log(`已恢复 / restored from: ${file}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
