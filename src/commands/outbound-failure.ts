import { failJob, postponeJob } from '../jobs/queue.js';
import { AccountPausedError, DeliveryUnknownError, SendError } from '../platform/errors.js';
import type { JobRow } from '../store/schema.js';
import type { Services } from './services.js';

/** How often a job waiting for a paused account looks again. */
export const PAUSED_RECHECK_MS = 60_000;

/** How long a send whose outcome is unknown keeps being retried before it is given up as failed. */
export const UNKNOWN_GIVE_UP_MS = 24 * 3_600_000;

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
  if (error instanceof DeliveryUnknownError && now - job.created_at < UNKNOWN_GIVE_UP_MS) {
    // not a failure: the same delivery goes again (receivers dedupe on its id), later each time
    const delay = Math.min(
      Math.max(services.config.RAPPORT_OUTBOUND_BASE_DELAY_MS, (now - job.created_at) / 2),
      3_600_000,
    );
    await postponeJob(db, job.id, reason, { now, runAt: now + delay });
    return { fate: 'retrying', reason };
  }
  const again = await failJob(db, job, reason, {
    now,
    retryable: error instanceof SendError ? error.retryable : true,
    notBefore: error instanceof SendError ? error.retryAt : null,
    baseDelayMs: services.config.RAPPORT_OUTBOUND_BASE_DELAY_MS,
  });
  return { fate: again ? 'retrying' : 'failed', reason };
}
