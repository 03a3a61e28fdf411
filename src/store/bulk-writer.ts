import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ConversationSummary } from '../domain/conversation-summary.js';
import type { Db } from './database.js';
import { insertConversations, insertMessages } from './ingest-repo.js';
import type { ConversationStatus, Database, NewMessageRow } from './schema.js';

/** A new conversation with its summary already computed. */
export interface NewConversation {
  channel: string;
  threadKey: string | null;
  now: number;
  summary: ConversationSummary;
  status: ConversationStatus;
}

/** A summary to write back, and the status to set (reopening, say), if any: that also ends a snooze. */
export interface SummaryUpdate {
  id: number;
  summary: ConversationSummary;
  status?: ConversationStatus;
  now: number;
}

/**
 * The writes the ingest pipeline makes in bulk. On PostgreSQL they are multi-row Kysely statements;
 * on SQLite they are prepared statements run row by row on the same connection (inside the same
 * transaction), which is what SQLite is fastest at and skips building a query per row; their text
 * is indexed for search once per batch rather than by the per-row trigger.
 */
export interface BulkWriter {
  insertConversations(items: NewConversation[]): Promise<number[]>;
  insertMessages(rows: NewMessageRow[]): Promise<Map<string, number>>;
  updateSummaries(updates: SummaryUpdate[]): Promise<void>;
}

/** The writer for this database, acting inside transaction `trx`. */
export function bulkWriterFor(db: Db, trx: Kysely<Database>): BulkWriter {
  return db.sqlite ? sqliteWriter(db.sqlite) : kyselyWriter(trx);
}

function kyselyWriter(trx: Kysely<Database>): BulkWriter {
  return {
    insertConversations: (items) => insertConversations(trx, items),
    insertMessages: (rows) => insertMessages(trx, rows),
    async updateSummaries(updates) {
      for (const u of updates) {
        const status = u.status ? { status: u.status, snoozed_until: null } : {};
        await trx
          .updateTable('conversations')
          .set({ ...u.summary, ...status, updated_at: u.now })
          .where('id', '=', u.id)
          .execute();
      }
    },
  };
}

const MESSAGE_COLUMNS = [
  'conversation_id',
  'channel',
  'external_id',
  'direction',
  'author_external_id',
  'author_handle',
  'author_name',
  'contact_id',
  'sender_user_id',
  'text',
  'created_at',
  'received_at',
  'in_reply_to',
  'thread_id',
  'url',
  'author_followers',
  'raw_json',
  'sentiment',
  'sentiment_score',
  'intent',
  'priority',
  'triage_json',
  'delivery_status',
  'delivery_error',
  'meta_json',
] as const satisfies readonly (keyof NewMessageRow)[];

const SUMMARY_COLUMNS = [
  'contact_id',
  'first_inbound_at',
  'first_response_at',
  'first_response_due_at',
  'waiting_since',
  'reply_due_at',
  'resolution_due_at',
  'sla_history',
  'sla_pauses_json',
  'sentiment',
  'priority',
  'last_message_at',
  'last_message_preview',
  'last_message_direction',
  'message_count',
] as const satisfies readonly (keyof ConversationSummary)[];

const statements = new WeakMap<SqliteDatabase.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: SqliteDatabase.Database) {
  const params = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const summarySet = SUMMARY_COLUMNS.map((c) => `${c} = ?`).join(', ');
  return {
    message: sqlite.prepare(
      `insert into messages (${MESSAGE_COLUMNS.join(', ')}) values (${params(MESSAGE_COLUMNS.length)})`,
    ),
    conversation: sqlite.prepare(
      `insert into conversations (${SUMMARY_COLUMNS.join(', ')}, channel, thread_key, status, created_at, updated_at) values (${params(SUMMARY_COLUMNS.length + 5)})`,
    ),
    deferSearchIndex: sqlite.prepare('insert into messages_fts_deferred (id) values (1)'),
    indexRange: sqlite.prepare(
      'insert into messages_fts (rowid, text) select id, text from messages where id between ? and ?',
    ),
    resumeSearchIndex: sqlite.prepare('delete from messages_fts_deferred'),
    update: sqlite.prepare(`update conversations set ${summarySet}, updated_at = ? where id = ?`),
    updateWithStatus: sqlite.prepare(
      `update conversations set ${summarySet}, updated_at = ?, status = ?, snoozed_until = null where id = ?`,
    ),
  };
}

function sqliteWriter(sqlite: SqliteDatabase.Database): BulkWriter {
  let s = statements.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statements.set(sqlite, s);
  }
  const st = s;
  return {
    async insertConversations(items) {
      return items.map((c) => {
        const values: unknown[] = SUMMARY_COLUMNS.map((k) => c.summary[k]);
        values.push(c.channel, c.threadKey, c.status, c.now, c.now);
        return Number(st.conversation.run(values).lastInsertRowid);
      });
    },
    async insertMessages(rows) {
      const ids = new Map<string, number>();
      if (rows.length === 0) return ids;
      // The per-row search trigger stands aside while the marker row exists (migration 003); the
      // batch is indexed by one statement instead. Under the transaction's write lock new rowids
      // are max + 1, so the batch is exactly the ids from its first to its last.
      st.deferSearchIndex.run();
      let first = 0;
      let last = 0;
      try {
        for (const row of rows) {
          const values = MESSAGE_COLUMNS.map((k) => row[k] ?? null);
          last = Number(st.message.run(values).lastInsertRowid);
          if (first === 0) first = last;
          ids.set(row.external_id, last);
        }
      } finally {
        if (first !== 0) st.indexRange.run(first, last);
        st.resumeSearchIndex.run();
      }
      return ids;
    },
    async updateSummaries(updates) {
      for (const u of updates) {
        const values: unknown[] = SUMMARY_COLUMNS.map((k) => u.summary[k]);
        values.push(u.now);
        if (u.status) values.push(u.status);
        values.push(u.id);
        (u.status ? st.updateWithStatus : st.update).run(values);
      }
    },
  };
}
