/**
 * Rows for the store contract suites, written straight through Kysely with fixed times, so both
 * engines start every test from the same data.
 */
import type { Db } from '../../src/store/database.js';
import type { ConversationsTable, MessagesTable, UserRow } from '../../src/store/schema.js';

/** The fixed "now" of the store suites (2026-11-01 12:00 UTC). */
export const NOW = Date.UTC(2026, 10, 1, 12);

/** A user without a real password hash (users-repo's own tests hash real ones). */
export async function addUser(
  db: Db,
  values: Partial<Pick<UserRow, 'email' | 'name' | 'role' | 'disabled'>> = {},
): Promise<UserRow> {
  const name = values.name ?? 'Alex Agent';
  return db.kysely
    .insertInto('users')
    .values({
      email: values.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
      name,
      role: values.role ?? 'agent',
      password_hash: 'not-a-hash',
      disabled: values.disabled ?? 0,
      created_at: NOW,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A contact with one identity on `channel`. */
export async function addContact(db: Db, channel: string, externalId: string, name: string | null = null) {
  const contact = await db.kysely
    .insertInto('contacts')
    .values({ name, lifecycle: 'prospect', follower_count: null, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.kysely
    .insertInto('contact_identities')
    .values({ contact_id: contact.id, channel, external_id: externalId, handle: null, name, created_at: NOW })
    .execute();
  return contact.id;
}

type ConversationValues = Partial<
  Omit<
    ConversationsTable,
    | 'id'
    | 'channel_account_id'
    | 'sla_history'
    | 'resolution_due_at'
    | 'sla_pauses_json'
    | 'approval_required'
  >
> & {
  approval_required?: number;
  channel_account_id?: number | null;
  sla_history?: number;
  resolution_due_at?: number | null;
  sla_pauses_json?: string | null;
};

/** A conversation with a summary (open, priority 50, one inbound message at NOW unless told). */
export async function addConversation(db: Db, values: ConversationValues = {}): Promise<number> {
  const row = await db.kysely
    .insertInto('conversations')
    .values({
      channel: 'twitter',
      thread_key: null,
      contact_id: null,
      status: 'open',
      assignee_id: null,
      snoozed_until: null,
      priority: 50,
      sentiment: null,
      first_inbound_at: NOW,
      first_response_at: null,
      first_response_due_at: null,
      waiting_since: null,
      reply_due_at: null,
      last_message_at: NOW,
      last_message_preview: 'hello',
      last_message_direction: 'inbound',
      message_count: 1,
      created_at: NOW,
      updated_at: NOW,
      ...values,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A message in a conversation (inbound, received, at NOW unless told); returns its id. */
export async function addMessage(
  db: Db,
  conversationId: number,
  values: Partial<Omit<MessagesTable, 'id' | 'conversation_id' | 'meta_json'>> & {
    meta_json?: string | null;
  } = {},
): Promise<number> {
  // numbered by what the test stored so far, so both engines name it alike
  const { n } = await db.kysely
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const row = await db.kysely
    .insertInto('messages')
    .values({
      conversation_id: conversationId,
      channel: 'twitter',
      external_id: `m-${Number(n) + 1}`,
      direction: 'inbound',
      author_external_id: 'customer-1',
      author_handle: null,
      author_name: null,
      contact_id: null,
      sender_user_id: null,
      text: 'hello',
      created_at: NOW,
      received_at: NOW,
      in_reply_to: null,
      thread_id: null,
      url: null,
      author_followers: null,
      raw_json: null,
      sentiment: null,
      sentiment_score: null,
      intent: null,
      priority: null,
      triage_json: null,
      delivery_status: 'received',
      delivery_error: null,
      ...values,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
