import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { idColumn } from './helpers.js';

/**
 * Advocate scores, churn risk, segments and erasure (issue 12, second part).
 *
 * - `contact_scores`: one row per contact, kept up to date by the `people-scores` listener: the
 *   advocate score with the signals it came from, the churn-risk flag with its reasons, and when
 *   the team and the person were last in touch (the people list sorts and filters on these);
 * - `contact_segments`: saved filters of the people list;
 * - `contacts.erased_at`: a person erased on request keeps an anonymous row (counts stay) but no
 *   name, identity or words.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('contact_scores')
    .addColumn('contact_id', 'integer', (c) => c.primaryKey().references('contacts.id'))
    .addColumn('advocate_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signals_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('churn_risk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('churn_reasons_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('last_contact_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_scores_advocate_idx')
    .on('contact_scores')
    .column('advocate_score')
    .execute();
  await db.schema.createIndex('contact_scores_churn_idx').on('contact_scores').column('churn_risk').execute();

  await db.schema
    .createTable('contact_segments')
    .addColumn('id', 'integer', idColumn(engine))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('filter_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('contacts').addColumn('erased_at', 'bigint').execute();
}
