import { type EventType, type StoredEvent, toStoredEvent } from '../domain/events.js';
import type { Db } from '../store/database.js';
import {
  compareCursors,
  type EventCursor,
  readStreamRows,
  type StreamRow,
  settledHorizon,
  streamEnd,
} from '../store/events-repo.js';

export type { EventCursor } from '../store/events-repo.js';
export { streamStart } from '../store/events-repo.js';

/** Turns a stored row into an event (untyped when its type or payload is not in the catalogue). */
export function rowToEvent(row: StreamRow): StoredEvent {
  let data: unknown = null;
  if (row.data_json !== null) {
    try {
      data = JSON.parse(row.data_json);
    } catch {
      data = row.data_json;
    }
  }
  return toStoredEvent(
    {
      id: row.id,
      tx: Number(row.tx),
      at: Number(row.at),
      actor: { type: row.actor_type, id: row.actor_id },
      conversationId: row.conversation_id,
    },
    row.type,
    data,
  );
}

/** An event's position in the stream. */
export function cursorOf(event: { tx: number; id: number }): EventCursor {
  return { tx: event.tx, id: event.id };
}

/**
 * Reads up to `limit` settled events after `after`, in stream order, optionally of some types
 * only; `unsettled` tells that committed events wait beyond the horizon (read again soon). Settled: on PostgreSQL, only events of transactions older than every running one, so an
 * event committed late with a lower id is never skipped; it is read once its transaction ends.
 * `cursor` is where the next read starts: past the last event returned, or past every settled
 * event when fewer than `limit` matched (the events in between were of other types).
 */
export async function readEvents(
  db: Db,
  options: { after: EventCursor; types?: readonly EventType[]; limit?: number },
): Promise<{ events: StoredEvent[]; cursor: EventCursor; unsettled: boolean }> {
  const limit = options.limit ?? 500;
  const horizon = await settledHorizon(db);
  const end = await streamEnd(db, horizon);
  const rows = await readStreamRows(db, {
    after: options.after,
    horizon,
    limit,
    types: options.types,
    upTo: end,
  });
  const events = rows.map(rowToEvent);
  const last = events.at(-1);
  const cursor = rows.length < limit ? maxCursor(options.after, end) : last ? cursorOf(last) : options.after;
  // PostgreSQL: committed events past the horizon wait for an older transaction to end
  const unsettled = horizon !== null && compareCursors(await streamEnd(db, null), end) > 0;
  return { events, cursor, unsettled };
}

/** Reads every settled event after `after` in batches, oldest first, until it has caught up. */
export async function* eventBatches(
  db: Db,
  options: { after: EventCursor; types?: readonly EventType[]; batchSize?: number },
): AsyncGenerator<StoredEvent[]> {
  let after = options.after;
  const limit = options.batchSize ?? 500;
  while (true) {
    const { events, cursor } = await readEvents(db, { after, types: options.types, limit });
    if (events.length > 0) yield events;
    if (events.length < limit) return;
    after = cursor;
  }
}

/** The current end of the settled stream: where a reader that wants only new events starts. */
export async function currentEnd(db: Db): Promise<EventCursor> {
  return streamEnd(db, await settledHorizon(db));
}

/**
 * The last committed event, settled or not (on PostgreSQL a transaction older than it may still be
 * running): what a caller that wants readers to catch up with "now" waits for.
 */
export async function latestEvent(db: Db): Promise<EventCursor> {
  return streamEnd(db, null);
}

function maxCursor(a: EventCursor, b: EventCursor): EventCursor {
  return a.tx > b.tx || (a.tx === b.tx && a.id >= b.id) ? a : b;
}
