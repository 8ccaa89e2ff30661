// Serves the H5 build at / when dist-h5/ exists. The H5 app uses the hash router, so no
// index.html fallback is needed, and unknown /api paths still reach the JSON 404 handler.
import fs from 'node:fs';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export default fp<{ root: string }>(
  async (app, { root }) => {
    if (!fs.existsSync(root)) return;
    await app.register(fastifyStatic, { root, prefix: '/' });
  },
  { name: 'static' },
);
