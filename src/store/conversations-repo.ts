import type { Kysely } from 'kysely';
import type { ConversationUpdate, Database } from './schema.js';

/** Simple reads and writes on conversations, messages, labels and notes used by the action commands. */

/** A conversation row, or undefined. */
export function getConversation(db: Kysely<Database>, id: number) {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates some columns of a conversation. */
export async function updateConversation(db: Kysely<Database>, id: number, set: ConversationUpdate) {
  await db.updateTable('conversations').set(set).where('id', '=', id).execute();
}

/** A message row, or undefined. */
export function getMessage(db: Kysely<Database>, id: number) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest inbound message of a conversation: what a reply answers. */
export function latestInbound(db: Kysely<Database>, conversationId: number) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Records the outcome of a delivery attempt on the message itself, where the agent sees it. */
export async function setDelivery(
  db: Kysely<Database>,
  id: number,
  values: { status: 'queued' | 'sending' | 'sent' | 'failed'; error?: string | null; externalId?: string },
) {
  await db
    .updateTable('messages')
    .set({
      delivery_status: values.status,
      delivery_error: values.error ?? null,
      ...(values.externalId ? { external_id: values.externalId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Moves a failed outbound message back to 'queued', only if it is still failed: true when this
 * call made the change (of two concurrent retries, exactly one wins and queues the send).
 */
export async function requeueFailed(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set({ delivery_status: 'queued', delivery_error: null })
    .where('id', '=', id)
    .where('delivery_status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ids of labels by name, creating the missing ones. */
export async function ensureLabels(
  db: Kysely<Database>,
  names: string[],
  now: number,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (names.length === 0) return ids;
  const existing = await db.selectFrom('labels').select(['id', 'name']).where('name', 'in', names).execute();
  for (const l of existing) ids.set(l.name, l.id);
  for (const name of names) {
    if (ids.has(name)) continue;
    const row = await db
      .insertInto('labels')
      .values({ name, color: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(name, row.id);
  }
  return ids;
}

/** Adds and removes labels on a conversation. */
export async function changeLabels(
  db: Kysely<Database>,
  conversationId: number,
  add: number[],
  remove: number[],
) {
  if (remove.length > 0) {
    await db
      .deleteFrom('conversation_labels')
      .where('conversation_id', '=', conversationId)
      .where('label_id', 'in', remove)
      .execute();
  }
  if (add.length > 0) {
    await db
      .insertInto('conversation_labels')
      .values(add.map((label_id) => ({ conversation_id: conversationId, label_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** All labels, for the filter menu. */
export function listLabels(db: Kysely<Database>) {
  return db.selectFrom('labels').select(['id', 'name', 'color']).orderBy('name').execute();
}

/** Stores a private note. */
export async function insertNote(
  db: Kysely<Database>,
  note: { conversationId: number; authorUserId: number; text: string; mentions: number[]; now: number },
) {
  const row = await db
    .insertInto('notes')
    .values({
      conversation_id: note.conversationId,
      author_user_id: note.authorUserId,
      text: note.text,
      mentions_json: JSON.stringify(note.mentions),
      created_at: note.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Active users, for assignment checks and @mentions. */
export function activeUsers(db: Kysely<Database>) {
  return db.selectFrom('users').select(['id', 'name', 'email']).where('disabled', '=', 0).execute();
}
