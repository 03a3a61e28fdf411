import { type Kysely, sql } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** The advisory-lock key user administration takes on PostgreSQL. */
const USER_ADMIN_LOCK = 72617001;

/**
 * Serialises changes to who may administer (setup, role changes, disabling) for the rest of the
 * transaction `trx`, so two concurrent changes cannot both pass the "another active admin exists"
 * check and leave none. On PostgreSQL this is an advisory transaction lock; SQLite transactions
 * already hold the write lock from their start (BEGIN IMMEDIATE).
 */
export async function lockUserAdministration(db: Db, trx: Kysely<Database>): Promise<void> {
  if (db.engine === 'postgres')
    await sql`select pg_advisory_xact_lock(${sql.lit(USER_ADMIN_LOCK)})`.execute(trx);
}
