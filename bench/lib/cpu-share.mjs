// Where the cores went during a measured run, from /proc (Linux): the load generator (this
// process), the API (every process in the server's process group: tsx, the cluster primary, its
// workers), PostgreSQL (the processes the caller names) and everything else on the machine. On a
// 2-core box all of them compete for the same cores, so a figure is only as honest as this split:
// a large "other" means the run was disturbed, a load generator near a full core means it, not
// the server, may be the ceiling.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
export const CORES = os.availableParallelism();

/** CPU ticks used so far by each process, with its process group. */
function processTicks() {
  const byPid = new Map();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp … utime stime …": comm may hold spaces, so split after ')'
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byPid.set(Number(pid), { group: Number(f[2]), ticks: Number(f[11]) + Number(f[12]) });
  }
  return byPid;
}

/** Busy ticks of the whole machine (all cores), from the first line of /proc/stat. */
function machineTicks() {
  const [, user, nice, system, , , irq, softirq, steal] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

/**
 * Starts measuring. `end()` closes the window (synchronous: call it the moment the work ends);
 * `shares(pgPids)` returns each part's share in % of one core (the machine has CORES × 100): the
 * load generator, the API (process group `apiGroup`; also per process, busiest first), PostgreSQL
 * (the processes in `pgPids`: this database's backends and the server's own workers) and the rest
 * of the machine. A process that exits during the run takes its last ticks with it (counted in none).
 */
export function cpuMeter(apiGroup) {
  const snap = () => ({
    at: performance.now(),
    self: process.cpuUsage(),
    busy: machineTicks(),
    procs: processTicks(),
  });
  const a = snap();
  let b;
  return {
    end() {
      b ??= snap();
    },
    shares(pgPids) {
      this.end();
      const seconds = (b.at - a.at) / 1000;
      const pct = (ticks) => (100 * ticks) / TICKS_PER_SECOND / seconds;
      const each = (keep) =>
        [...b.procs]
          .filter(([pid, p]) => keep(pid, p))
          .map(([pid, p]) => pct(p.ticks - (a.procs.get(pid)?.ticks ?? 0)));
      const sum = (xs) => xs.reduce((x, y) => x + y, 0);
      const load = (b.self.user - a.self.user + b.self.system - a.self.system) / 1e4 / seconds;
      // with node:cluster the workers come first (the primary and tsx idle near 0)
      const apiByProcess = each((_, p) => p.group === apiGroup).sort((x, y) => y - x);
      const api = sum(apiByProcess);
      const pg = sum(each((pid) => pgPids.has(pid)));
      const busy = pct(b.busy - a.busy);
      return { load, api, apiByProcess, pg, other: Math.max(0, busy - load - api - pg), busy };
    },
  };
}
