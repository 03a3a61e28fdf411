import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Gives each job the group it is sent through (a channel account, or a channel without accounts),
 * so the worker can send for several accounts at once while bounding how many sends one account has
 * in flight: a slow receiver then delays only its own replies.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('group_key', 'text').execute();
}
