// What each dashboard costs PostgreSQL itself, apart from how busy the machine is: the figure's
// statements (the server's own modules) run on one connection with parallel workers off, and the
// CPU time of that connection's backend process is read from /proc before and after (PostgreSQL on
// this machine only). On an idle core, a statement's wall time is about its CPU time plus I/O;
// with the data in memory, as here, CPU time is the floor a dedicated server would reach.
// Run by bench/dashboard.mjs: tsx bench/lib/dashboard-cpu.ts <database url> <from> <to>; prints JSON.
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { DASHBOARD_FIGURES } from '../../src/contract/dashboard';
import { FIGURES } from '../../server/src/modules/dashboard/service';
import { resolveRange } from '../../server/src/modules/dashboard/range';

const [url, from, to] = process.argv.slice(2);
const RUNS = 5;
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function main() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = {
    query: async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => void (await client.query(sql)),
  };
  const pid = (await client.query('SELECT pg_backend_pid() AS p')).rows[0].p as number;
  await client.query("SET work_mem = '64MB'");
  await client.query('SET max_parallel_workers_per_gather = 0');
  const orgs = (
    await client.query(
      `SELECT DISTINCT ON (kind) id::text AS id, kind FROM organizations WHERE kind <> 'team' ORDER BY kind, id`,
    )
  ).rows as Array<{ id: string; kind: string }>;
  const scopes: Array<[string, string | null]> = [
    ['district', null],
    ...orgs.map((o): [string, string] => [`org ${o.kind}`, o.id]),
  ];
  const range = resolveRange({ from, to }, new Date());
  const out = [];
  for (const name of DASHBOARD_FIGURES)
    for (const [scope, orgId] of scopes)
      for (const by of ['month', 'round'] as const) {
        const input = { db, orgId, range, by, now: new Date() };
        await FIGURES[name].rows(input); // warm
        const before = cpuMs(pid);
        const started = performance.now();
        for (let i = 0; i < RUNS; i++) await FIGURES[name].rows(input);
        out.push({
          figure: name,
          scope,
          by,
          cpuMs: (cpuMs(pid) - before) / RUNS,
          wallMs: (performance.now() - started) / RUNS,
        });
      }
  await client.end();
  console.log(JSON.stringify({ load: os.loadavg()[0], rows: out }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
