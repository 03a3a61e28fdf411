import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';
import { idColumn } from './helpers.js';

/**
 * Replying well (issue 14): playbooks per complaint type (and intent), saved replies and the record
 * of each use (for the second-use rule: no form letters), replies held for approval, and each
 * person's human voice (signature, display name per channel) and approval flags (in training,
 * reviewer). Conversations get `approval_required` unless another migration added it first.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('shortcut', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('playbooks')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('complaint_type', 'text', (c) => c.notNull())
    // '' is "any intent": NULLs would not collide in the unique index
    .addColumn('intent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('plan_json', 'text', (c) => c.notNull())
    .addColumn('saved_reply_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('playbooks_type_intent', ['complaint_type', 'intent'])
    .execute();

  await db.schema
    .createTable('reply_approvals')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('conversation_id', 'integer', (c) => c.notNull())
    .addColumn('author_user_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('submitted_text', 'text', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('template_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'bigint')
    .addColumn('message_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reply_approvals_status')
    .on('reply_approvals')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reply_approvals_conversation')
    .on('reply_approvals')
    .columns(['conversation_id'])
    .execute();

  await db.schema
    .createTable('saved_reply_uses')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('saved_reply_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('conversation_id', 'integer', (c) => c.notNull())
    .addColumn('customer_key', 'text', (c) => c.notNull())
    .addColumn('inserted_text', 'text', (c) => c.notNull())
    .addColumn('sent_text', 'text', (c) => c.notNull())
    .addColumn('unedited', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('message_id', 'integer')
    .addColumn('approval_id', 'integer')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  // the first customer who got a template unedited on a day; a second one is refused
  await db.schema
    .createTable('saved_reply_claims')
    .addColumn('saved_reply_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('customer_key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('saved_reply_claims_pk', ['saved_reply_id', 'day'])
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('in_training', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('reviewer', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('signature', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('display_names_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  if (!(await hasColumn(db, engine, 'conversations', 'approval_required'))) {
    await db.schema
      .alterTable('conversations')
      .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

/** Whether a table already has a column (another migration may add `approval_required` too). */
async function hasColumn(db: Kysely<unknown>, engine: Engine, table: string, column: string) {
  const found =
    engine === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from pragma_table_info(${table}) where name = ${column}`.execute(db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(
          db,
        );
  return found.rows.length > 0;
}
