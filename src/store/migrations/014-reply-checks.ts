import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The check before sending (issue 14): the workspace's settings of it, one row read and written
 * whole (levels per check and per channel, confidential terms, public contacts, whether agents
 * sign), and an index to find the replies recently sent for the form-letter check.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('reply_check_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema
    .createIndex('messages_outbound_recent_idx')
    .on('messages')
    .columns(['direction', 'created_at'])
    .execute();
}
