import type { Kysely } from 'kysely';
import { identityUpdate } from './contacts-repo.js';
import type { Database } from './schema.js';

const widgetColumns = [
  'id',
  'external_id',
  'direction',
  'text',
  'created_at',
  'author_name',
  'in_reply_to',
] as const;

/**
 * The chat conversations of one visitor on one account: matched by the thread key derived from the
 * verified visitor id AND the account, never by anything the browser names.
 */
export async function visitorConversationIds(
  db: Kysely<Database>,
  input: { channel: string; accountId: number; threadKey: string },
): Promise<number[]> {
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('channel', '=', input.channel)
    .where('thread_key', '=', input.threadKey)
    .where('channel_account_id', '=', input.accountId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The newest `limit` messages of these conversations, oldest first (the widget's history). */
export async function conversationMessagesForWidget(
  db: Kysely<Database>,
  conversationIds: number[],
  limit: number,
) {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('messages')
    .select(widgetColumns)
    .where('conversation_id', 'in', conversationIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** One message, only if it belongs to one of these conversations (null otherwise). */
export async function messageInConversations(
  db: Kysely<Database>,
  messageId: number,
  conversationIds: number[],
) {
  if (conversationIds.length === 0) return null;
  const row = await db
    .selectFrom('messages')
    .select(widgetColumns)
    .where('id', '=', messageId)
    .where('conversation_id', 'in', conversationIds)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Puts what a visitor told us on their contact: the chat identity's name, and the address as its
 * handle and its claimed email (not confirmed: a visitor can type anyone's address, so it joins
 * nobody and takes no mail until confirmed, see confirmIdentityEmail), and the contact's name when
 * it had none. No-op before the visitor's first message (there is no contact yet).
 */
export async function applyVisitorProfile(
  db: Kysely<Database>,
  input: { channel: string; visitorId: string; name: string | null; email: string | null; now: number },
): Promise<void> {
  const identity = await db
    .selectFrom('contact_identities')
    .select(['contact_id', 'handle', 'name'])
    .where('channel', '=', input.channel)
    .where('external_id', '=', input.visitorId)
    .executeTakeFirst();
  if (!identity) return;
  const handle = input.email ?? identity.handle;
  const name = input.name ?? identity.name;
  if (handle !== identity.handle || name !== identity.name) {
    await db
      .updateTable('contact_identities')
      .set(identityUpdate(input.channel, input.visitorId, { handle, name }))
      .where('channel', '=', input.channel)
      .where('external_id', '=', input.visitorId)
      .execute();
  }
  if (input.name) {
    await db
      .updateTable('contacts')
      .set({ name: input.name, updated_at: input.now })
      .where('id', '=', identity.contact_id)
      .where((eb) => eb.or([eb('name', 'is', null), eb('name', '=', input.email ?? '')]))
      .execute();
  }
}
