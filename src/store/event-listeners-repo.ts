import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import type { EventCursor } from './events-repo.js';
import type { Database, EventListenersTable } from './schema.js';

/** A listener's stored cursor and retry state. */
export interface ListenerRow {
  name: string;
  cursor: EventCursor;
  failures: number;
  lastError: string | null;
  retryAt: number | null;
  updatedAt: number;
}

function columns(db: Db) {
  return db.engine === 'postgres'
    ? (['name', 'position', 'position_tx', 'failures', 'last_error', 'retry_at', 'updated_at'] as const)
    : (['name', 'position', 'failures', 'last_error', 'retry_at', 'updated_at'] as const);
}

function toRow(r: EventListenersTable): ListenerRow {
  return {
    name: r.name,
    cursor: { tx: Number(r.position_tx ?? 0), id: Number(r.position) },
    failures: r.failures,
    lastError: r.last_error,
    retryAt: r.retry_at === null ? null : Number(r.retry_at),
    updatedAt: Number(r.updated_at),
  };
}

/** Creates a listener's row at `start` unless it exists (a listener keeps its cursor across restarts). */
export async function ensureListenerRow(
  db: Db,
  name: string,
  start: EventCursor,
  now: number,
): Promise<void> {
  await db.kysely
    .insertInto('event_listeners')
    .values({
      name,
      position: start.id,
      ...(db.engine === 'postgres' ? { position_tx: start.tx } : {}),
      failures: 0,
      last_error: null,
      retry_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Reads a listener's row inside `trx` and locks it for the transaction. On PostgreSQL a row another
 * process holds is skipped (undefined): only one process runs a listener at a time. SQLite's
 * transactions already hold the database's write lock.
 */
export async function lockListenerRow(
  db: Db,
  trx: Kysely<Database>,
  name: string,
): Promise<ListenerRow | undefined> {
  let q = trx.selectFrom('event_listeners').select(columns(db)).where('name', '=', name);
  if (db.engine === 'postgres') q = q.forUpdate().skipLocked();
  const r = await q.executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** Every listener's row (for status and pruning), by name. */
export async function listListenerRows(db: Db): Promise<ListenerRow[]> {
  const rows = await db.kysely.selectFrom('event_listeners').select(columns(db)).orderBy('name').execute();
  return rows.map(toRow);
}

/** Writes a listener's cursor and retry state. */
export async function saveListenerRow(db: Db, executor: Kysely<Database>, row: ListenerRow): Promise<void> {
  await executor
    .updateTable('event_listeners')
    .set({
      position: row.cursor.id,
      ...(db.engine === 'postgres' ? { position_tx: row.cursor.tx } : {}),
      failures: row.failures,
      last_error: row.lastError,
      retry_at: row.retryAt,
      updated_at: row.updatedAt,
    })
    .where('name', '=', row.name)
    .execute();
}
