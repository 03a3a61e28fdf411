import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Sign-in throttling kept in the database, so every process counts the same attempts: one row per
 * address (attempts in the current minute) and per account (consecutive failures and a lockout).
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .execute();
}
