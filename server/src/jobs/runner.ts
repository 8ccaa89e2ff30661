// Timed work of the services (offer expiry, no-show release, reminders). Each job is a function
// of (db, now) that does its own idempotent SQL, so running it twice, or on two API processes at
// once, changes nothing the second time; a transaction-scoped advisory lock per job also keeps two
// processes from doing the same pass together. Tests call `runJob(name)` with their own clock
// instead of waiting for the timer.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/db';

/**
 * What a pass returns: how many items it handled (logged), or that plus work to do once the
 * transaction has committed — slow I/O such as calling WeChat must not hold a transaction open
 * (on PGlite a transaction holds the whole database).
 */
export type JobResult = number | { handled: number; afterCommit: () => Promise<void> };

export interface Job {
  name: string;
  everyMs: number;
  run: (tx: Queryable, now: Date) => Promise<JobResult>;
}

const MAX_START_JITTER_MS = 5_000;

/** What /metrics reports per job: when a pass last succeeded and how many failed. */
export interface JobStats {
  lastSuccessAt: Date | null;
  failures: number;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  readonly stats = new Map<string, JobStats>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly app: FastifyInstance) {}

  register(job: Job): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
    this.stats.set(job.name, { lastSuccessAt: null, failures: 0 });
  }

  /** One pass of one job, now; returns the number of items handled (0 if another process holds it). */
  async runJob(name: string): Promise<number> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    const stats = this.stats.get(name)!;
    try {
      const result = await this.app.db.transaction(async (tx): Promise<JobResult> => {
        const [lock] = await tx.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok',
          [`job:${name}`],
        );
        if (!lock?.ok) return 0;
        return job.run(tx, this.app.now());
      });
      if (typeof result !== 'number') await result.afterCommit();
      stats.lastSuccessAt = new Date();
      return typeof result === 'number' ? result : result.handled;
    } catch (err) {
      stats.failures += 1;
      throw err;
    }
  }

  /**
   * Each job runs once soon after start, then on its schedule. The first pass waits a random part
   * of a few seconds, so processes restarted together do not all hit the database at once.
   */
  start(random: () => number = Math.random): void {
    for (const job of this.jobs.values()) {
      const pass = () => {
        this.runJob(job.name).then(
          (n) => n > 0 && this.app.log.info({ job: job.name, handled: n }, 'job pass'),
          (err) => this.app.log.error({ err, job: job.name }, 'job failed'),
        );
      };
      const first = setTimeout(
        pass,
        Math.floor(random() * Math.min(job.everyMs, MAX_START_JITTER_MS)),
      );
      const timer = setInterval(pass, job.everyMs);
      first.unref();
      timer.unref();
      this.timers.push(first, timer);
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }
}
