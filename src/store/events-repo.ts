import { type Kysely, sql } from 'kysely';
import {
  type EventActor,
  type EventData,
  type EventType,
  eventDataProblems,
  prunableEventTypes,
} from '../domain/events.js';
import { ValidationError } from '../platform/errors.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';

export type { EventActor } from '../domain/events.js';

/** The system actor, for jobs and imports. */
export const systemActor: EventActor = { type: 'system', id: null };

/** One event to append: a catalogued type with its payload. */
export type NewEvent<T extends EventType = EventType> = T extends EventType
  ? { at: number; actor: EventActor; type: T; conversationId?: number | null; data: EventData<T> }
  : never;

/**
 * Appends one entry to the event log (who did what, when), inside the caller's transaction when
 * given one; returns its id. The payload is checked against the type's schema (a mismatch is a bug:
 * ValidationError). On PostgreSQL a trigger (migration 004) notifies listeners in every process when
 * the transaction commits. The log is append-only: only pruning of old system rows deletes from it.
 */
export async function appendEvent<T extends EventType>(
  db: Kysely<Database>,
  event: NewEvent<T>,
): Promise<number> {
  const problems = eventDataProblems(event.type, event.data);
  if (problems) throw new ValidationError(`event ${event.type}: ${problems}`);
  const row = await db
    .insertInto('events')
    .values({
      at: event.at,
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      type: event.type,
      conversation_id: event.conversationId ?? null,
      data_json: JSON.stringify(event.data),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Events of one conversation, oldest first (the audit trail shown beside it). */
export async function listConversationEvents(db: Kysely<Database>, conversationId: number) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'asc')
    .execute();
}

/**
 * A position in the event stream: the last event passed. The stream is ordered by (tx, id); on
 * SQLite tx is always 0 (ids are assigned in commit order there).
 */
export interface EventCursor {
  tx: number;
  id: number;
}

/** The position before the first event. */
export const streamStart: EventCursor = { tx: 0, id: 0 };

/** A raw event row as the stream reads it. */
export interface StreamRow {
  id: number;
  tx: number;
  at: number;
  actor_type: EventActor['type'];
  actor_id: number | null;
  type: string;
  conversation_id: number | null;
  data_json: string | null;
}

/**
 * The schema the event log lives in on PostgreSQL (its NOTIFY channel is named after it), as the
 * connection resolves it; null on SQLite.
 */
export async function eventSchema(db: Db): Promise<string | null> {
  if (db.engine !== 'postgres') return null;
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
  return r.rows[0]!.schema;
}

/**
 * The stream's horizon: on PostgreSQL, the oldest transaction id that may still be running (every
 * transaction below it has committed or aborted, so no row with a lower tx can appear later);
 * readers take only rows below it. Null on SQLite, where every committed row is final.
 */
export async function settledHorizon(db: Db, executor: Kysely<Database> = db.kysely): Promise<number | null> {
  if (db.engine !== 'postgres') return null;
  const r = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(
    executor,
  );
  return Number(r.rows[0]!.xmin);
}

function afterCursor(db: Db, executor: Kysely<Database>, after: EventCursor, horizon: number | null) {
  let q = executor.selectFrom('events');
  if (db.engine === 'postgres') {
    q = q.where(sql<boolean>`(tx, id) > (${after.tx}, ${after.id})`);
    if (horizon !== null) q = q.where(sql<boolean>`tx < ${horizon}`);
  } else {
    q = q.where('id', '>', after.id);
  }
  return q;
}

function txColumn(db: Db) {
  return db.engine === 'postgres' ? sql<number>`tx`.as('tx') : sql<number>`0`.as('tx');
}

/**
 * Rows after `after`, in stream order, below the horizon, optionally of some types only and up to
 * `upTo` (inclusive).
 */
export async function readStreamRows(
  db: Db,
  options: {
    after: EventCursor;
    horizon: number | null;
    limit: number;
    types?: readonly string[];
    upTo?: EventCursor;
    executor?: Kysely<Database>;
  },
): Promise<StreamRow[]> {
  const executor = options.executor ?? db.kysely;
  let q = afterCursor(db, executor, options.after, options.horizon).select([
    'id',
    txColumn(db),
    'at',
    'actor_type',
    'actor_id',
    'type',
    'conversation_id',
    'data_json',
  ]);
  if (options.types) q = q.where('type', 'in', options.types.length ? [...options.types] : ['']);
  const upTo = options.upTo;
  if (upTo) {
    q =
      db.engine === 'postgres'
        ? q.where(sql<boolean>`(tx, id) <= (${upTo.tx}, ${upTo.id})`)
        : q.where('id', '<=', upTo.id);
  }
  if (db.engine === 'postgres') q = q.orderBy('tx').orderBy('id');
  else q = q.orderBy('id');
  return (await q.limit(options.limit).execute()) as StreamRow[];
}

/** The last settled event's position (`streamStart` when the log is empty). */
export async function streamEnd(
  db: Db,
  horizon: number | null,
  executor: Kysely<Database> = db.kysely,
): Promise<EventCursor> {
  let q = afterCursor(db, executor, streamStart, horizon).select(['id', txColumn(db)]);
  if (db.engine === 'postgres') q = q.orderBy('tx', 'desc').orderBy('id', 'desc');
  else q = q.orderBy('id', 'desc');
  const row = await q.limit(1).executeTakeFirst();
  return row ? { tx: Number(row.tx), id: row.id } : streamStart;
}

/**
 * How many events of `types` come after `after`, and when the oldest of them was written (null when
 * none): a listener's lag.
 */
export async function countAfter(
  db: Db,
  after: EventCursor,
  types: readonly string[],
): Promise<{ count: number; oldestAt: number | null }> {
  const row = await afterCursor(db, db.kysely, after, null)
    .where('type', 'in', types.length ? [...types] : [''])
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), oldestAt: row?.oldest == null ? null : Number(row.oldest) };
}

/**
 * Deletes high-volume system rows (prunable types, no conversation) written before `before` and
 * already passed by `passed` (every listener's cursor), never the newest row (SQLite would hand
 * its id out again). Works in batches; returns how many rows went.
 */
export async function pruneEventRows(
  db: Db,
  options: { before: number; passed: EventCursor; batch?: number },
): Promise<number> {
  const batch = options.batch ?? 10_000;
  const newest = await streamEnd(db, null);
  const limit: EventCursor =
    compareCursors(options.passed, newest) < 0 ? options.passed : { tx: newest.tx, id: newest.id - 1 };
  let total = 0;
  while (true) {
    const candidates = afterCursor(db, db.kysely, streamStart, null)
      .select('id')
      .where('type', 'in', prunableEventTypes)
      .where('conversation_id', 'is', null)
      .where('at', '<', options.before)
      .where(
        db.engine === 'postgres'
          ? sql<boolean>`(tx, id) <= (${limit.tx}, ${limit.id})`
          : sql<boolean>`id <= ${limit.id}`,
      )
      .limit(batch);
    const result = await db.kysely.deleteFrom('events').where('id', 'in', candidates).executeTakeFirst();
    const n = Number(result.numDeletedRows);
    total += n;
    if (n < batch) return total;
  }
}

/** Orders two cursors: negative when a is before b. */
export function compareCursors(a: EventCursor, b: EventCursor): number {
  return a.tx !== b.tx ? a.tx - b.tx : a.id - b.id;
}
