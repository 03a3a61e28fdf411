import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';
import { idColumn } from './helpers.js';

/**
 * People, not tickets (issue 12): one person across channels and what the team knows about them.
 *
 * - identities say which email address they prove (`email`, `email_confirmed`: mail received from
 *   it, or a chat visitor's address once confirmed) and carry a `handle_key` (lowercased, no '@';
 *   null on chat, whose handle is an unconfirmed address) that new identities on the same channel
 *   join on;
 * - contacts get a profile (preferred name with its confirmation, pronouns, language, time zone,
 *   company, custom fields, pinned insights, journey stage, opt-out) and `merged_into` when merged;
 * - notes, offline interactions, occasions, stage history, merges (what moved, for un-merge) and
 *   the Today actions (dismissed, done, snoozed) each get a table;
 * - messages are indexed by contact (merge and un-merge move them; a person's messages are read by it).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const contactCols: [string, 'text' | 'integer' | 'bigint', string | number | null][] = [
    ['merged_into', 'integer', null],
    ['preferred_name', 'text', null],
    ['preferred_name_confirmed', 'integer', 0],
    ['name_pronunciation', 'text', null],
    ['pronouns', 'text', null],
    ['language', 'text', null],
    ['time_zone', 'text', null],
    ['company', 'text', null],
    ['custom_json', 'text', '{}'],
    ['insights_json', 'text', '[]'],
    ['journey_stage', 'text', null],
    ['opted_out', 'integer', 0],
  ];
  for (const [name, type, dflt] of contactCols) {
    await db.schema
      .alterTable('contacts')
      .addColumn(name, type, (c) => (dflt === null ? c : c.notNull().defaultTo(dflt)))
      .execute();
  }
  await db.schema.createIndex('contacts_merged_idx').on('contacts').column('merged_into').execute();

  await db.schema.alterTable('contact_identities').addColumn('email', 'text').execute();
  await db.schema
    .alterTable('contact_identities')
    .addColumn('email_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('contact_identities').addColumn('handle_key', 'text').execute();
  // what existing rows already say: a mail's sender proves its address; a chat handle is a claim
  await sql`update contact_identities set email = lower(external_id), email_confirmed = 1 where channel = 'email'`.execute(
    db,
  );
  await sql`update contact_identities set email = lower(handle) where channel = 'chat' and handle like '%@%'`.execute(
    db,
  );
  await sql`update contact_identities set handle_key = lower(ltrim(handle, '@'))
    where channel <> 'chat' and channel <> 'email' and handle is not null and handle <> ''`.execute(db);
  await db.schema
    .createIndex('contact_identities_email_idx')
    .on('contact_identities')
    .column('email')
    .execute();
  await db.schema
    .createIndex('contact_identities_handle_idx')
    .on('contact_identities')
    .columns(['channel', 'handle_key'])
    .execute();

  await db.schema.createIndex('messages_contact_idx').on('messages').column('contact_id').execute();

  await db.schema
    .createTable('contact_notes')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_notes_contact_idx')
    .on('contact_notes')
    .columns(['contact_id', 'id'])
    .execute();

  await db.schema
    .createTable('contact_interactions')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_interactions_contact_idx')
    .on('contact_interactions')
    .columns(['contact_id', 'at'])
    .execute();

  await db.schema
    .createTable('contact_occasions')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('remind_days_before', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_occasions_date_idx')
    .on('contact_occasions')
    .columns(['month', 'day'])
    .execute();
  await db.schema
    .createIndex('contact_occasions_contact_idx')
    .on('contact_occasions')
    .column('contact_id')
    .execute();

  await db.schema
    .createTable('contact_stage_changes')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text')
    .addColumn('reason', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_stage_changes_contact_idx')
    .on('contact_stage_changes')
    .columns(['contact_id', 'id'])
    .execute();

  await db.schema
    .createTable('contact_merges')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('moved_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('undone_at', 'bigint')
    .execute();
  await db.schema.createIndex('contact_merges_source_idx').on('contact_merges').column('source_id').execute();
  await db.schema.createIndex('contact_merges_target_idx').on('contact_merges').column('target_id').execute();

  await db.schema
    .createTable('contact_email_proofs')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('identity_id', 'integer', (c) => c.notNull().references('contact_identities.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('today_actions')
    .addColumn('item_key', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('until', 'bigint')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('today_actions_contact_idx')
    .on('today_actions')
    .columns(['contact_id', 'at'])
    .execute();
}
