// Serves the H5 build at / when dist-h5/ exists. The H5 app uses the hash router, so no
// index.html fallback is needed, and unknown /api paths still reach the JSON 404 handler.
// A phone on a weak signal should fetch the app once and then only index.html: the build names
// scripts and styles by content hash (js/app.c8ea30b0.js), so those are cached for a year as
// immutable, while index.html (and the unhashed rest) is revalidated on every visit. The gzip
// and brotli copies written at build time (scripts/precompress-h5.mjs) go to browsers that take them.
import fs from 'node:fs';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

const HASHED = /\.[0-9a-f]{8,}\.(js|css)$/;

export default fp<{ root: string }>(
  async (app, { root }) => {
    if (!fs.existsSync(root)) return;
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader(
          'Cache-Control',
          HASHED.test(filePath.replace(/\.(gz|br)$/, ''))
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  },
  { name: 'static' },
);
