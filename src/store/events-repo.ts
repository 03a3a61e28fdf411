import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Who did something: a user, an API token, or Rapport itself. */
export interface EventActor {
  type: 'user' | 'token' | 'system';
  id: number | null;
}

/** The system actor, for jobs and imports. */
export const systemActor: EventActor = { type: 'system', id: null };

/**
 * Appends one entry to the event log (who did what, when). The log is append-only: nothing in
 * Rapport updates or deletes its rows.
 */
export async function appendEvent(
  db: Kysely<Database>,
  event: { at: number; actor: EventActor; type: string; conversationId?: number | null; data?: unknown },
): Promise<void> {
  await db
    .insertInto('events')
    .values({
      at: event.at,
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      type: event.type,
      conversation_id: event.conversationId ?? null,
      data_json: event.data === undefined ? null : JSON.stringify(event.data),
    })
    .execute();
}

/** Events of one conversation, oldest first (the audit trail shown beside it). */
export async function listConversationEvents(db: Kysely<Database>, conversationId: number) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'asc')
    .execute();
}
