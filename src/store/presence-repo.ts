import type { Db } from './database.js';

/** A person viewing or replying to a conversation. */
export interface Viewer {
  userId: number;
  name: string;
  state: 'viewing' | 'replying';
}

/**
 * Records (or refreshes) a person's presence in a conversation until `until`, or removes it
 * (`state` null): stored, so every process answers with the same viewers.
 */
export async function savePresence(
  db: Db,
  conversationId: number,
  user: { id: number; name: string },
  state: Viewer['state'] | null,
  until: number,
): Promise<void> {
  const k = db.kysely;
  if (state === null) {
    await k
      .deleteFrom('conversation_presence')
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', user.id)
      .execute();
    return;
  }
  await k
    .insertInto('conversation_presence')
    .values({ conversation_id: conversationId, user_id: user.id, name: user.name, state, until })
    .onConflict((oc) =>
      oc.columns(['conversation_id', 'user_id']).doUpdateSet({ name: user.name, state, until }),
    )
    .execute();
}

/** The people present in a conversation now (reports that ran out are left out). */
export async function viewersOf(db: Db, conversationId: number, now: number): Promise<Viewer[]> {
  const rows = await db.kysely
    .selectFrom('conversation_presence')
    .select(['user_id', 'name', 'state'])
    .where('conversation_id', '=', conversationId)
    .where('until', '>=', now)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name, state: r.state }));
}

/** Deletes presence reports that ran out before `before` (kept small by the reports' refreshes). */
export async function prunePresence(db: Db, before: number): Promise<number> {
  const result = await db.kysely
    .deleteFrom('conversation_presence')
    .where('until', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
