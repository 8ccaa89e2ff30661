// A pid lock file in the PGlite data dir. PGlite itself has no lock, and two processes on one
// directory silently overwrite each other's pages.
// The file holds the pid and that process's start time (from /proc): after a container restart the
// same pid (often 1) belongs to a new process, and a bare pid would look alive and block the start.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'youth-hub.lock';

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Start time of a process in clock ticks since boot (Linux /proc), or null where there is no /proc. */
function startTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function lockContent(): string {
  const start = startTicks(process.pid);
  return start ? `${process.pid} ${start}` : String(process.pid);
}

/** Whether the process that wrote this lock content still runs. */
function holderRuns(content: string): { pid: number; runs: boolean } {
  const [pidText, recordedStart] = content.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return { pid, runs: false };
  if (recordedStart) {
    const now = startTicks(pid);
    return { pid, runs: now === null || now === recordedStart };
  }
  // A lock written before start times were recorded: our own pid in it is an earlier boot's.
  return { pid, runs: pid !== process.pid };
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
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
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
      const mine = lockContent();
      fs.writeFileSync(file, mine, { flag: 'wx' });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const { pid, runs } = holderRuns(fs.readFileSync(file, 'utf8'));
      if (runs) throw new DataDirLockedError(dataDir, pid);
      // Stale lock from a crashed process or an earlier boot: remove it and try once more.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 / could not lock data directory ${dataDir}`);
}
