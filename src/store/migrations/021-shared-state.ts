import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * State several processes must share (issue 18): who is viewing or replying to which conversation
 * (the collision warning, whichever process each agent's browser talks to), and listeners' working
 * state (the negative-spike detector's per-channel counts), read and written in the listener's own
 * transaction so whichever process runs the next batch carries on from the same figures.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('conversation_presence')
    .addColumn('conversation_id', 'integer', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('until', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_presence_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('listener_state')
    .addColumn('listener', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('state_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('listener_state_pk', ['listener', 'key'])
    .execute();
}
