// Makes the Db available as app.db. The app closes it only when it opened it itself:
// a db passed in by a test belongs to the test.
import fp from 'fastify-plugin';
import type { Db } from '../db/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp<{ db: Db; owned: boolean }>(
  async (app, { db, owned }) => {
    app.decorate('db', db);
    if (owned) app.addHook('onClose', async () => db.close());
  },
  { name: 'db' },
);
