// A PostgreSQL server of the test's own: initdb into a temp dir, its own port on 127.0.0.1 and its
// own socket dir, trust auth. A fault test may stop and restart it at will; the shared server at
// 5432 is used by others and must never be touched.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../bench/lib/rush-world.mjs';

const run = promisify(execFile);
const DEBIAN_BINARIES = '/usr/lib/postgresql';

/** PG_BIN, else the newest Debian PostgreSQL (/usr/lib/postgresql/<major>/bin). */
function binDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const majors = fs.existsSync(DEBIAN_BINARIES)
    ? fs.readdirSync(DEBIAN_BINARIES).filter((v) => /^\d+$/.test(v))
    : [];
  const found = majors
    .sort((x, y) => Number(y) - Number(x))
    .map((v) => path.join(DEBIAN_BINARIES, v, 'bin'))
    .find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  if (!found)
    throw new Error(
      `no PostgreSQL binaries under ${DEBIAN_BINARIES}: apt-get install postgresql, or set PG_BIN`,
    );
  return found;
}

export async function startPrivatePostgres() {
  const bin = binDir();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youth-hub-pg-'));
  const data = path.join(dir, 'data');
  // initdb and postgres refuse to run as root: as root (CI, this machine) run them as `postgres`.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(uid), Number(gid));
  }
  const tool = (name, args) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args])
      : run(path.join(bin, name), args);

  // Durability is not what this server is for: fsync off keeps start and restart fast.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const log = path.join(dir, 'log');
  const start = () =>
    tool('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]).catch(
      (err) => {
        // pg_ctl only says "examine the log": say what the log says
        throw new Error(
          `${err.message}\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''}`,
        );
      },
    );
  const destroy = async () => {
    await tool('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined); // not running: nothing to stop
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await tool('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await start();
  } catch (err) {
    await destroy();
    throw err;
  }

  return {
    /** The `postgres` database of this server (it is ours alone, so the app may live in it). */
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** Stops the server; `immediate` is a crash (no checkpoint, clients cut, recovery on start). */
    async stop(mode = 'immediate') {
      await tool('pg_ctl', ['stop', '-D', data, '-m', mode, '-w']);
    },
    /** Starts it again; resolves once it accepts connections. */
    start,
    /** Stops it if it runs, and deletes its files. */
    destroy,
  };
}
