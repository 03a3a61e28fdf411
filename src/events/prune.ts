import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';
import { listListenerRows } from '../store/event-listeners-repo.js';
import { compareCursors, type EventCursor, pruneEventRows, streamEnd } from '../store/events-repo.js';

const DAY_MS = 86_400_000;

/**
 * Deletes high-volume system events (messages.received, messages.ingested) older than the
 * retention and already passed by every listener. Audit events (everything shown in a
 * conversation's trail, and every administrative change) are never deleted. Returns the count.
 */
export async function pruneEvents(db: Db, options: { now: number; retentionDays: number }): Promise<number> {
  const rows = await listListenerRows(db);
  let passed: EventCursor = await streamEnd(db, null);
  for (const r of rows) if (compareCursors(r.cursor, passed) < 0) passed = r.cursor;
  return pruneEventRows(db, { before: options.now - options.retentionDays * DAY_MS, passed });
}

/**
 * Prunes now and then every `everyMs` (default six hours) until the returned function is called.
 * Several processes may prune at once: deleting is idempotent.
 */
export function schedulePruning(
  db: Db,
  options: { clock: Clock; logger: Logger; retentionDays: number; everyMs?: number },
): () => void {
  const run = () => {
    pruneEvents(db, { now: options.clock.now(), retentionDays: options.retentionDays })
      .then((n) => {
        if (n > 0) options.logger.info({ pruned: n }, 'pruned old system events');
      })
      .catch((error) => options.logger.warn({ err: error }, 'event pruning failed'));
  };
  const first = setTimeout(run, 10_000);
  const timer = setInterval(run, options.everyMs ?? 6 * 3_600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
