// Timed work of the services (offer expiry, no-show release, reminders). Each job is a function
// of (db, now) that does its own idempotent SQL, so running it twice, or on two API processes at
// once, changes nothing the second time; a transaction-scoped advisory lock per job also keeps two
// processes from doing the same pass together. Tests call `runJob(name)` with their own clock
// instead of waiting for the timer.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/db';

export interface Job {
  name: string;
  everyMs: number;
  /** Returns how many items it handled (logged). */
  run: (tx: Queryable, now: Date) => Promise<number>;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly app: FastifyInstance) {}

  register(job: Job): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
  }

  /** One pass of one job, now; returns the number of items handled (0 if another process holds it). */
  async runJob(name: string): Promise<number> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    return this.app.db.transaction(async (tx) => {
      const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`job:${name}`]);
      if (!lock?.ok) return 0;
      return job.run(tx, this.app.now());
    });
  }

  start(): void {
    for (const job of this.jobs.values()) {
      const timer = setInterval(() => {
        this.runJob(job.name).then(
          (n) => n > 0 && this.app.log.info({ job: job.name, handled: n }, 'job pass'),
          (err) => this.app.log.error({ err, job: job.name }, 'job failed'),
        );
      }, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }
}
