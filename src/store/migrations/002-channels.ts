import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { idColumn } from './helpers.js';

/**
 * Channel connectors: which account a conversation belongs to (replies go out through it),
 * channel-specific message metadata, per-account durable state (cursors, IMAP UIDs), stored
 * attachments and daily audience snapshots.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema.alterTable('channel_accounts').addColumn('updated_at', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('channel_account_id', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('meta_json', 'text').execute();

  await db.schema
    .createTable('channel_account_state')
    .addColumn('account_id', 'integer', (c) =>
      c.notNull().references('channel_accounts.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_account_state_pk', ['account_id', 'key'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', engine === 'sqlite' ? 'blob' : 'bytea')
    .addColumn('omitted_reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_message_idx').on('attachments').column('message_id').execute();

  await db.schema
    .createTable('audience_snapshots')
    .addColumn('account_id', 'integer', (c) =>
      c.notNull().references('channel_accounts.id').onDelete('cascade'),
    )
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('followers', 'integer', (c) => c.notNull())
    .addColumn('following', 'integer')
    .addColumn('posts', 'integer')
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_snapshots_pk', ['account_id', 'day'])
    .execute();
}
