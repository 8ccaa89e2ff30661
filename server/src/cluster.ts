// Several API processes on one PostgreSQL server (npm run start:cluster): node:cluster forks
// WORKERS copies of the API sharing the port. Nothing a worker keeps in memory is needed for
// correctness — sessions are JWTs, idempotency keys and job locks live in PostgreSQL, rate limits
// in Redis (REDIS_URL) — so any worker can answer any request, and a worker that dies is replaced.
// PGlite is one process by design, so this needs DATABASE_URL.
// The primary checks the configuration before forking: a bad variable stops the start once
// instead of crashing workers that the primary would replace forever.
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

if (cluster.isPrimary) {
  const config = configOrExit();
  if (!config.databaseUrl) {
    console.error(
      '多进程运行需要 PostgreSQL：请设置 DATABASE_URL / start:cluster needs DATABASE_URL (PGlite is single-process)',
    );
    process.exit(1);
  }
  const workers = config.workers;
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  void import('./main');
}
