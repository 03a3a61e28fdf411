import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';
import type { JobRow } from '../store/schema.js';
import { isJobKind, type JobProcessors, jobKinds } from './kinds.js';
import { claimDueJobs, failJob, heartbeatJob, LEASE_MS } from './queue.js';

/** What the job worker needs from the process (given by the composition root). */
export interface JobWorkerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
}

/** How a worker paces itself. */
export interface JobWorkerOptions {
  /** How long an idle worker waits before it looks at the queue again (a wake-up cuts it short). */
  idleMs?: number;
  /** Jobs in flight at once in this worker. */
  concurrency?: number;
  /** Jobs of one group (one channel account) in flight at once: a slow receiver holds only its own. */
  perGroup?: number;
  /** Lease of a running job, renewed every third of it while the job runs. */
  leaseMs?: number;
  /** Releases what the processors hold (channel connections) once the loop has stopped. */
  onStop?: () => Promise<void>;
}

/**
 * Runs due jobs in the background: claims only what it is about to run (up to `concurrency`, at most
 * `perGroup` per group), renews each running job's short lease, wakes early when told new work
 * exists, and finishes the jobs in hand before stopping. A crashed worker's job waits one lease;
 * the rest of the queue was never claimed, so another worker takes it at once.
 */
export class JobWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly inFlight = new Map<number, { group: string | null; done: Promise<void> }>();
  private readonly concurrency: number;
  private readonly perGroup: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;

  constructor(
    private readonly services: JobWorkerDeps,
    private readonly processors: JobProcessors,
    private readonly options: JobWorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.perGroup = options.perGroup ?? 2;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.idleMs = options.idleMs ?? 500;
  }

  /** Starts the loop (idempotent). */
  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the loop to look for work now (kept if the loop is busy, so it is never lost). */
  wake() {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops claiming, and returns once the jobs in flight are done. */
  async stop() {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    await this.options.onStop?.();
  }

  /**
   * Processes every job due now, to the end (each group within its bound), and returns how many ran
   * (tests drive the worker with it instead of the loop).
   */
  async drain(): Promise<number> {
    let ran = 0;
    while (true) {
      ran += await this.fill();
      if (this.inFlight.size === 0) return ran;
      await Promise.race([...this.inFlight.values()].map((f) => f.done));
    }
  }

  /** Claims what there is room for and starts each job; returns how many it started. */
  private async fill(): Promise<number> {
    const busy = new Map<string, number>();
    for (const { group } of this.inFlight.values())
      if (group !== null) busy.set(group, (busy.get(group) ?? 0) + 1);
    const jobs = await claimDueJobs(
      this.services.db.kysely,
      this.services.db.engine,
      this.services.clock.now(),
      this.concurrency - this.inFlight.size,
      { leaseMs: this.leaseMs, perGroup: this.perGroup, busy },
    );
    for (const job of jobs) this.launch(job);
    return jobs.length;
  }

  private launch(job: JobRow) {
    const { db, clock, logger } = this.services;
    const renew = setInterval(() => {
      heartbeatJob(db.kysely, job.id, { now: clock.now(), leaseMs: this.leaseMs }).catch((error) =>
        logger.warn({ err: error, id: job.id }, 'job lease renewal failed'),
      );
    }, this.leaseMs / 3);
    const done = this.process(job)
      .catch((error) => logger.error({ err: error, id: job.id, kind: job.queue }, 'job failed unexpectedly'))
      .finally(() => {
        clearInterval(renew);
        this.inFlight.delete(job.id);
        this.wake();
      });
    this.inFlight.set(job.id, { group: job.group_key, done });
  }

  /**
   * Runs one claimed job through its kind's processor with the payload parsed. A job of an unknown
   * kind or with a payload its kind does not accept can never succeed: it fails at once, with why.
   */
  private async process(job: JobRow) {
    const kind = job.queue;
    const known = isJobKind(kind);
    const parsed = known ? jobKinds[kind].safeParse(JSON.parse(job.payload_json)) : null;
    if (!known || !parsed?.success) {
      const why = parsed ? `invalid payload for job kind ${kind}` : `no processor for job kind ${kind}`;
      this.services.logger.error({ kind, id: job.id }, why);
      await failJob(this.services.db.kysely, job, why, {
        now: this.services.clock.now(),
        retryable: false,
        baseDelayMs: 0,
      });
      return;
    }
    const processor = this.processors[kind] as (job: JobRow, payload: unknown) => Promise<void>;
    await processor(job, parsed.data);
  }

  private async run() {
    while (this.running) {
      this.woken = false;
      let started = 0;
      try {
        started = await this.fill();
      } catch (error) {
        this.services.logger.error({ err: error }, 'job worker pass failed');
      }
      if (started === 0 && this.running && !this.woken) await this.pause();
    }
  }

  private pause() {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.idleMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wakeUp = null;
    });
  }
}
