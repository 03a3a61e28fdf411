import { failJob, postponeJob } from '../jobs/queue.js';
import { AccountPausedError, SendError } from '../platform/errors.js';
import type { JobRow } from '../store/schema.js';
import type { Services } from './services.js';

/** How often a job waiting for a paused account looks again. */
export const PAUSED_RECHECK_MS = 60_000;

/** What became of a failed outbound job (the caller shows it on the message). */
export interface OutboundFailure {
  fate: 'waiting' | 'retrying' | 'failed';
  reason: string;
}

/**
 * Records the fate of an outbound job (a reply, a like) whose channel call failed, the same way for
 * every kind: a paused account waits without using up an attempt and looks again every minute; a
 * retryable error is retried with backoff, never before a rate limit lifts; anything else fails.
 */
export async function settleOutboundFailure(
  services: Services,
  job: JobRow,
  error: unknown,
): Promise<OutboundFailure> {
  const db = services.db.kysely;
  const now = services.clock.now();
  const reason = (error as Error).message;
  if (error instanceof AccountPausedError) {
    await postponeJob(db, job.id, reason, { now, runAt: now + PAUSED_RECHECK_MS });
    return { fate: 'waiting', reason };
  }
  const again = await failJob(db, job, reason, {
    now,
    retryable: error instanceof SendError ? error.retryable : true,
    notBefore: error instanceof SendError ? error.retryAt : null,
    baseDelayMs: services.config.RAPPORT_OUTBOUND_BASE_DELAY_MS,
  });
  return { fate: again ? 'retrying' : 'failed', reason };
}
