import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';
import type { JobRow } from '../store/schema.js';
import { isJobKind, type JobProcessors, jobKinds } from './kinds.js';
import { claimDueJobs, failJob } from './queue.js';

/** What the job worker needs from the process (given by the composition root). */
export interface JobWorkerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
}

/**
 * Runs due jobs in the background: polls the durable queue, wakes early when told new work exists,
 * and finishes the job in hand before stopping.
 */
export class JobWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly services: JobWorkerDeps,
    private readonly processors: JobProcessors,
    private readonly idleMs = 500,
    /** Releases what the processors hold (channel connections) once the loop has stopped. */
    private readonly onStop: () => Promise<void> = async () => {},
  ) {}

  /** Starts the loop (idempotent). */
  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the loop to look for work now. */
  wake() {
    this.wakeUp?.();
  }

  /** Stops after the current job. */
  async stop() {
    this.running = false;
    this.wake();
    await this.loop;
    await this.onStop();
  }

  /** Processes every job due now, once; returns how many ran (used by tests and the loop). */
  async drain(): Promise<number> {
    const jobs = await claimDueJobs(
      this.services.db.kysely,
      this.services.db.engine,
      this.services.clock.now(),
      10,
    );
    for (const job of jobs) await this.process(job);
    return jobs.length;
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
      let ran = 0;
      try {
        ran = await this.drain();
      } catch (error) {
        this.services.logger.error({ err: error }, 'job worker pass failed');
      }
      if (ran === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    }
  }
}
