import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The event log becomes a durable stream that listeners read (src/events).
 *
 * `event_listeners` keeps each listener's cursor and retry state. On PostgreSQL, ids are handed out
 * when a row is inserted, not when its transaction commits, so a reader that followed ids alone
 * would skip an event whose transaction commits after one with a higher id. Each row therefore
 * records its transaction's id (`tx`); readers take only rows of transactions older than every
 * running one (`tx < pg_snapshot_xmin(pg_current_snapshot())`), in (tx, id) order. A statement
 * trigger notifies `rapport_events:<schema>` when the inserting transaction commits, which wakes
 * listeners and live streams in every process. SQLite needs neither: its transactions take the
 * write lock at BEGIN, so ids are assigned in commit order.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  let table = db.schema
    .createTable('event_listeners')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull());
  if (engine === 'postgres') table = table.addColumn('position_tx', 'bigint', (c) => c.notNull());
  await table
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('retry_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  if (engine !== 'postgres') return;

  await sql`ALTER TABLE events ADD COLUMN tx bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint)`.execute(
    db,
  );
  await sql`CREATE INDEX events_tx_idx ON events (tx, id)`.execute(db);
  await sql`CREATE FUNCTION rapport_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(left('rapport_events:' || TG_TABLE_SCHEMA, 63), '');
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER events_notify AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION rapport_events_notify()`.execute(db);
}
