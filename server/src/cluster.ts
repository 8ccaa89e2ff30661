// Several API processes on one PostgreSQL server (npm run start:cluster): node:cluster forks
// WORKERS copies of the API sharing the port. Nothing a worker keeps in memory is needed for
// correctness — sessions are JWTs, idempotency keys and job locks live in PostgreSQL, rate limits
// in Redis (REDIS_URL) — so any worker can answer any request, and a worker that dies is replaced.
// PGlite is one process by design, so this needs DATABASE_URL.
import cluster from 'node:cluster';
import os from 'node:os';

if (cluster.isPrimary) {
  if (!process.env.DATABASE_URL) {
    console.error('多进程运行需要 PostgreSQL：请设置 DATABASE_URL / start:cluster needs DATABASE_URL (PGlite is single-process)');
    process.exit(1);
  }
  const workers = Number(process.env.WORKERS ?? Math.min(os.availableParallelism(), 4));
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
