// The rush's reference: what selling a seat costs with nothing else around it. Bench code only,
// never part of the product. Fastify + a pg Pool (the same pool size as the API's, 10 per process)
// on node:cluster with as many workers as the API gets, and one endpoint whose one transaction is
// what every first-come seat needs at the least: the conditional UPDATE of the class row and the
// INSERT of an enrollment-like row. No auth, no idempotency, no waitlist, no limits: a refused
// tap just answers 409.
//
//   node bench/lib/bare-server.mjs   (env: DATABASE_URL, PORT, WORKERS)
//
// The primary makes its two tables (bench_bare_classes, bench_bare_seats) in the bench's database,
// beside the product's, before forking; the bench adds the class and reads the seats afterwards.
import cluster from 'node:cluster';
import Fastify from 'fastify';
import pg from 'pg';

const WORKERS = Number(process.env.WORKERS || 2);

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bench_bare_classes (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    capacity integer NOT NULL,
    taken    integer NOT NULL DEFAULT 0 CHECK (taken <= capacity)
  );
  CREATE TABLE IF NOT EXISTS bench_bare_seats (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    class_id   bigint NOT NULL REFERENCES bench_bare_classes (id),
    parent_id  bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );`;

if (cluster.isPrimary) {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query(SCHEMA);
  await db.end();
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ ok: true }));
  app.post('/seat', async (request, reply) => {
    const { classId, parentId } = request.body;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const seat = await client.query(
        'UPDATE bench_bare_classes SET taken = taken + 1 WHERE id = $1 AND taken < capacity RETURNING id',
        [classId],
      );
      if (seat.rowCount === 1)
        await client.query('INSERT INTO bench_bare_seats (class_id, parent_id) VALUES ($1, $2)', [
          classId,
          parentId,
        ]);
      await client.query('COMMIT');
      return reply.code(seat.rowCount === 1 ? 201 : 409).send({ seated: seat.rowCount === 1 });
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
  process.on('SIGTERM', () => app.close().then(() => pool.end().then(() => process.exit(0))));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}
