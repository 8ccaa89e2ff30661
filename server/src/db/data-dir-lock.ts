// A pid lock file in the PGlite data dir. PGlite itself has no lock, and two processes on one
// directory silently overwrite each other's pages.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'youth-hub.lock';

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `数据目录 ${dataDir} 已被进程 ${pid} 占用，请先停止该进程或设置其他 DATA_DIR。` +
        ` / Data directory ${dataDir} is in use by process ${pid}; stop it or set another DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists, so two starters cannot both win.
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      // Stale lock from a crashed process: remove it and try once more.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 / could not lock data directory ${dataDir}`);
}
