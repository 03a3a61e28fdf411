import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Lets a bulk write index message text for full-text search once per batch (SQLite only).
 *
 * FTS5 writes its pending terms to disk at the start of every statement that opens a statement
 * journal, so the per-row insert trigger made each message insert flush the previous message's
 * terms as a tiny segment, then merge them (a large share of an insert; bench/RESULTS.md). While
 * `messages_fts_deferred` holds a row, the trigger stands aside and the writer that put the row
 * there indexes its batch with one statement (see store/bulk-writer.ts). The row is written and
 * removed inside the writer's own transaction, so no other connection ever sees it; every other
 * insert, and the update and delete triggers, behave as before. PostgreSQL's generated tsvector
 * column needs none of this.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return;
  await sql`CREATE TABLE messages_fts_deferred (id integer PRIMARY KEY)`.execute(db);
  await sql`DROP TRIGGER messages_fts_ai`.execute(db);
  await sql`CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages WHEN NOT EXISTS (SELECT 1 FROM messages_fts_deferred) BEGIN INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END`.execute(
    db,
  );
}
