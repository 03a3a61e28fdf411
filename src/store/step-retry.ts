import { type Kysely, sql } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';
import { isLostRace } from './sql-errors.js';

/**
 * Runs one step of a longer transaction `trx`, retrying that step alone (up to `attempts` times)
 * when a concurrent writer got there first (a unique or foreign-key violation: see isLostRace); any other error, or the last
 * attempt's, is thrown and ends the transaction.
 *
 * On PostgreSQL each attempt runs in a savepoint, rolled back when it fails. SQLite gets none: its
 * transactions hold the database's only write lock from their BEGIN, so no other writer can commit
 * under them and a conflict cannot happen, and an open savepoint sends
 * every page the step writes through the sub-journal (costly for imports; bench/RESULTS.md).
 */
export async function retryStep<T>(
  db: Db,
  trx: Kysely<Database>,
  step: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  if (db.engine === 'sqlite') return step();
  for (let attempt = 1; ; attempt += 1) {
    await sql`savepoint retry_step`.execute(trx);
    try {
      const result = await step();
      await sql`release savepoint retry_step`.execute(trx);
      return result;
    } catch (error) {
      await sql`rollback to savepoint retry_step`.execute(trx);
      await sql`release savepoint retry_step`.execute(trx);
      if (!isLostRace(error) || attempt >= attempts) throw error;
    }
  }
}
