import type { Services } from '../commands/services.js';
import type { JobRow } from '../store/schema.js';
import { claimDueJobs } from './queue.js';

/** Handles the jobs of one queue. */
export type JobProcessor = (job: JobRow) => Promise<void>;

/**
 * Runs due jobs in the background: polls the durable queue, wakes early when told new work exists,
 * and finishes the job in hand before stopping.
 */
export class JobWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly services: Services,
    private readonly processors: Record<string, JobProcessor>,
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
    for (const job of jobs) {
      const processor = this.processors[job.queue];
      if (!processor) {
        this.services.logger.error({ queue: job.queue, id: job.id }, 'no processor for job queue');
        continue;
      }
      await processor(job);
    }
    return jobs.length;
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
