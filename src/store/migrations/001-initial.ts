import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';
import { idColumn } from './helpers.js';

/** First schema: every table the core needs, full-text search on message text for both engines. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('channel_accounts')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('secrets_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_message', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('channel_accounts_name_uq', ['channel', 'name'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('name', 'text')
    .addColumn('lifecycle', 'text', (c) => c.notNull())
    .addColumn('follower_count', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contact_identities')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text')
    .addColumn('name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('contact_identities_ext_uq', ['channel', 'external_id'])
    .execute();
  await db.schema
    .createIndex('contact_identities_contact_idx')
    .on('contact_identities')
    .column('contact_id')
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('thread_key', 'text')
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('snoozed_until', 'bigint')
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('sentiment', 'text')
    .addColumn('first_inbound_at', 'bigint')
    .addColumn('first_response_at', 'bigint')
    .addColumn('first_response_due_at', 'bigint')
    .addColumn('waiting_since', 'bigint')
    .addColumn('reply_due_at', 'bigint')
    .addColumn('last_message_at', 'bigint', (c) => c.notNull())
    .addColumn('last_message_preview', 'text', (c) => c.notNull())
    .addColumn('last_message_direction', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('conversations_thread_uq', ['channel', 'thread_key'])
    .execute();
  const convIndexes: [string, string[]][] = [
    ['conversations_status_priority_idx', ['status', 'priority desc', 'id desc']],
    ['conversations_status_sentiment_idx', ['status', 'sentiment', 'priority desc', 'id desc']],
    ['conversations_status_waiting_idx', ['status', 'waiting_since', 'id']],
    ['conversations_status_due_idx', ['status', 'reply_due_at', 'id']],
    ['conversations_status_last_idx', ['status', 'last_message_at desc', 'id desc']],
    ['conversations_assignee_idx', ['assignee_id', 'status', 'priority desc', 'id desc']],
    ['conversations_contact_idx', ['contact_id']],
    ['conversations_first_inbound_idx', ['first_inbound_at']],
  ];
  for (const [name, cols] of convIndexes) {
    await db.schema.createIndex(name).on('conversations').columns(cols).execute();
  }

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('author_external_id', 'text')
    .addColumn('author_handle', 'text')
    .addColumn('author_name', 'text')
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('sender_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('thread_id', 'text')
    .addColumn('url', 'text')
    .addColumn('author_followers', 'integer')
    .addColumn('raw_json', 'text')
    .addColumn('sentiment', 'text')
    .addColumn('sentiment_score', 'real')
    .addColumn('intent', 'text')
    .addColumn('priority', 'integer')
    .addColumn('triage_json', 'text')
    .addColumn('delivery_status', 'text', (c) => c.notNull())
    .addColumn('delivery_error', 'text')
    .addUniqueConstraint('messages_external_uq', ['channel', 'external_id'])
    .execute();
  await db.schema
    .createIndex('messages_reply_idx')
    .on('messages')
    .columns(['channel', 'in_reply_to'])
    .execute();
  await db.schema
    .createIndex('messages_conversation_idx')
    .on('messages')
    .columns(['conversation_id', 'created_at'])
    .execute();

  if (engine === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages BEGIN INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER messages_fts_au AFTER UPDATE OF text ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END`.execute(
      db,
    );
  } else {
    await sql`ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED`.execute(
      db,
    );
    await sql`CREATE INDEX messages_search_idx ON messages USING gin (search)`.execute(db);
  }

  await db.schema
    .createTable('notes')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('mentions_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_conversation_idx').on('notes').column('conversation_id').execute();

  await db.schema
    .createTable('labels')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('color', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('conversation_labels')
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id'))
    .addColumn('label_id', 'integer', (c) => c.notNull().references('labels.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('conversation_labels_pk', ['conversation_id', 'label_id'])
    .execute();
  await db.schema
    .createIndex('conversation_labels_label_idx')
    .on('conversation_labels')
    .column('label_id')
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'integer')
    .addColumn('data_json', 'text')
    .execute();
  await db.schema
    .createIndex('events_conversation_idx')
    .on('events')
    .columns(['conversation_id', 'id'])
    .execute();
  await db.schema.createIndex('events_type_idx').on('events').columns(['type', 'at']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('triage_models')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('workspace', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('metrics_json', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('triage_models_version_uq', ['workspace', 'version'])
    .execute();
  await db.schema
    .createTable('triage_corrections')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('workspace', 'text', (c) => c.notNull())
    .addColumn('message_id', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('triage_corrections_ws_idx')
    .on('triage_corrections')
    .columns(['workspace', 'id'])
    .execute();
}
