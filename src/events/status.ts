import type { EventType } from '../domain/events.js';
import type { Db } from '../store/database.js';
import { listListenerRows } from '../store/event-listeners-repo.js';
import { countAfter } from '../store/events-repo.js';

/** How a listener is doing: what `rapport events status` and the admin API show. */
export interface ListenerStatus {
  name: string;
  types: EventType[];
  /** Id of the last event it passed (null before it first ran). */
  position: number | null;
  /** PostgreSQL: that event's transaction id (the cursor is (positionTx, position)); SQLite: 0. */
  positionTx: number | null;
  /** Events of its types it has not handled yet. */
  lagEvents: number;
  /** Age of the oldest of those (ms), 0 when it has caught up. */
  lagMs: number;
  /** Failures in a row (0 when the last try succeeded). */
  failures: number;
  lastError: string | null;
  /** When it tries again after a failure (epoch ms), null when it is not waiting. */
  nextRetryAt: number | null;
  /** When its cursor or state last changed (epoch ms). */
  updatedAt: number | null;
}

/** The status of each listener given (registered listeners, by name order). */
export async function listenerStatuses(
  db: Db,
  listeners: readonly { name: string; types: readonly EventType[] }[],
  now: number,
): Promise<ListenerStatus[]> {
  const rows = new Map((await listListenerRows(db)).map((r) => [r.name, r]));
  const out: ListenerStatus[] = [];
  for (const l of [...listeners].sort((a, b) => a.name.localeCompare(b.name))) {
    const row = rows.get(l.name);
    const lag = row ? await countAfter(db, row.cursor, l.types) : { count: 0, oldestAt: null };
    out.push({
      name: l.name,
      types: [...l.types],
      position: row?.cursor.id ?? null,
      positionTx: row?.cursor.tx ?? null,
      lagEvents: lag.count,
      lagMs: lag.oldestAt === null ? 0 : Math.max(0, now - lag.oldestAt),
      failures: row?.failures ?? 0,
      lastError: row?.lastError ?? null,
      nextRetryAt: row?.retryAt ?? null,
      updatedAt: row?.updatedAt ?? null,
    });
  }
  return out;
}
