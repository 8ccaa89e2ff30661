// Loads server modules with Node's own loader (through tsx), outside jest's module sandbox.
// Why: jest 29 cannot load ESM-only dependencies (cookie 2 via light-my-request, content-disposition
// 3) nor PGlite's dynamic import() of its WASM, while Node 20.19+ loads them natively. The server
// under test is therefore exactly the code `tsx server/src/main.ts` runs. Types come from
// `typeof import(...)`, which loads nothing at runtime.
import path from 'node:path';

const NodeModule = require('node:module') as {
  _load(request: string, parent: null, isMain: boolean): any;
};
const tsx = NodeModule._load(require.resolve('tsx/cjs/api'), null, false) as {
  require(id: string, fromFile: string): any;
};

const SERVER_SRC = path.resolve(__dirname, '../../server/src');

/** Requires server/src/<rel> natively, e.g. serverModule('app.ts'). */
export function serverModule<T>(rel: string): T {
  return tsx.require(path.join(SERVER_SRC, rel), __filename) as T;
}
