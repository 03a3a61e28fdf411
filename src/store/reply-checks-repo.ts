import type { Kysely } from 'kysely';
import { type CheckSettings, defaultCheckSettings } from '../guidelines/types.js';
import { latestInbound } from './conversations-repo.js';
import type { Database } from './schema.js';

/** The workspace's settings of the check before sending; the defaults until an admin saves some. */
export async function loadCheckSettings(db: Kysely<Database>): Promise<CheckSettings> {
  const row = await db
    .selectFrom('reply_check_settings')
    .select('settings_json')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return structuredClone(defaultCheckSettings);
  return {
    ...structuredClone(defaultCheckSettings),
    ...(JSON.parse(row.settings_json) as Partial<CheckSettings>),
  };
}

/** Replaces the settings (one row, written whole). */
export async function saveCheckSettings(
  db: Kysely<Database>,
  settings: CheckSettings,
  now: number,
  userId: number | null,
) {
  const values = { settings_json: JSON.stringify(settings), updated_at: now, updated_by: userId };
  await db
    .insertInto('reply_check_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/**
 * The texts of the newest replies sent since `since` in other conversations than `conversationId`
 * (with other contacts, when the conversation has one): what a form letter would repeat.
 */
export async function recentReplyTexts(
  db: Kysely<Database>,
  opts: { conversationId: number | null; contactId: number | null; since: number; limit: number },
): Promise<string[]> {
  let q = db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.text')
    .where('messages.direction', '=', 'outbound')
    .where('messages.created_at', '>=', opts.since);
  if (opts.conversationId !== null) q = q.where('messages.conversation_id', '!=', opts.conversationId);
  if (opts.contactId !== null) {
    const contactId = opts.contactId;
    q = q.where((eb) =>
      eb.or([eb('conversations.contact_id', 'is', null), eb('conversations.contact_id', '!=', contactId)]),
    );
  }
  const rows = await q.orderBy('messages.created_at', 'desc').limit(opts.limit).execute();
  return rows.map((r) => r.text);
}

/** What the check needs to know about a conversation's customer: their last words and confirmed name. */
export async function checkContext(db: Kysely<Database>, conversationId: number) {
  const conv = await db
    .selectFrom('conversations')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select([
      'conversations.id',
      'conversations.channel',
      'conversations.contact_id',
      'contacts.preferred_name',
      'contacts.preferred_name_confirmed',
    ])
    .where('conversations.id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) return undefined;
  const last = await latestInbound(db, conversationId);
  return {
    channel: conv.channel,
    contactId: conv.contact_id,
    customerText: last?.text ?? null,
    customerName: conv.preferred_name_confirmed ? conv.preferred_name : null,
  };
}
