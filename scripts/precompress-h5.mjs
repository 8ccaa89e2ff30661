// Writes a gzip and a brotli copy beside every text file of the H5 build (dist-h5/), once at build
// time, so the server sends a third of the bytes to a phone on a weak signal without compressing
// each request again (@fastify/static's preCompressed picks the copy the browser accepts).
//   node scripts/precompress-h5.mjs [dir]   (npm run build:h5 runs it)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] ?? 'dist-h5');
const TEXT = /\.(js|css|html|svg|json)$/;
let before = 0;
let gz = 0;
for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name)) continue;
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  const raw = fs.readFileSync(file);
  const gzip = zlib.gzipSync(raw, { level: 9 });
  fs.writeFileSync(`${file}.gz`, gzip);
  fs.writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  before += raw.length;
  gz += gzip.length;
}
console.log(
  `precompressed ${root}: ${(before / 1024).toFixed(0)} KB of text → ${(gz / 1024).toFixed(0)} KB gzip (and .br)`,
);
