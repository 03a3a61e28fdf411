import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Reads a listener's stored working state under a key (null when there is none). Called inside the
 * listener's transaction, which holds its row: no other process runs the same listener meanwhile.
 */
export async function readListenerState<T>(
  trx: Kysely<Database>,
  listener: string,
  key: string,
): Promise<T | null> {
  const row = await trx
    .selectFrom('listener_state')
    .select('state_json')
    .where('listener', '=', listener)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.state_json) as T) : null;
}

/** Stores a listener's working state under a key, in the listener's transaction. */
export async function writeListenerState(
  trx: Kysely<Database>,
  listener: string,
  key: string,
  state: unknown,
  now: number,
): Promise<void> {
  const state_json = JSON.stringify(state);
  await trx
    .insertInto('listener_state')
    .values({ listener, key, state_json, updated_at: now })
    .onConflict((oc) => oc.columns(['listener', 'key']).doUpdateSet({ state_json, updated_at: now }))
    .execute();
}
