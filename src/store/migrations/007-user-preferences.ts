import type { Kysely } from 'kysely';

/**
 * Personal settings of each user (keyboard shortcuts on or off, and later theme and sounds), kept
 * with the user so they follow a person from laptop to phone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('preferences_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}
