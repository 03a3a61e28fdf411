import { type Kysely, sql } from 'kysely';
import { chunk } from './chunks.js';
import type { Database } from './schema.js';

/** The person and everyone merged into them: one person, as far as privacy goes. */
export async function samePersonIds(db: Kysely<Database>, id: number): Promise<number[]> {
  const ids = [id];
  for (let i = 0; i < ids.length && ids.length < 1000; i += 1) {
    const merged = await db.selectFrom('contacts').select('id').where('merged_into', '=', ids[i]!).execute();
    for (const m of merged) if (!ids.includes(m.id)) ids.push(m.id);
  }
  return ids;
}

async function conversationIdsOf(db: Kysely<Database>, contactIds: number[]) {
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('contact_id', 'in', contactIds)
    .execute();
  return rows.map((r) => r.id);
}

async function messageIdsOf(db: Kysely<Database>, contactIds: number[], conversationIds: number[]) {
  const ids = new Set<number>();
  for (const r of await db
    .selectFrom('messages')
    .select('id')
    .where('contact_id', 'in', contactIds)
    .execute()) {
    ids.add(r.id);
  }
  for (const part of chunk(conversationIds)) {
    const rows = await db.selectFrom('messages').select('id').where('conversation_id', 'in', part).execute();
    for (const r of rows) ids.add(r.id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * Everything stored about a person (and the contacts merged into them): profile, identities,
 * scores, notes, interactions, occasions, stage history, merges, Today actions, their
 * conversations with every message, team note and attachment's description.
 */
export async function contactExport(db: Kysely<Database>, id: number) {
  const ids = await samePersonIds(db, id);
  const conversationIds = await conversationIdsOf(db, ids);
  const messageIds = await messageIdsOf(db, ids, conversationIds);
  const rows = async <T>(load: (part: number[]) => Promise<T[]>, list: number[]) => {
    const out: T[] = [];
    for (const part of chunk(list)) out.push(...(await load(part)));
    return out;
  };
  return {
    contacts: await db.selectFrom('contacts').selectAll().where('id', 'in', ids).execute(),
    identities: await db
      .selectFrom('contact_identities')
      .selectAll()
      .where('contact_id', 'in', ids)
      .execute(),
    notes: await db.selectFrom('contact_notes').selectAll().where('contact_id', 'in', ids).execute(),
    interactions: await db
      .selectFrom('contact_interactions')
      .selectAll()
      .where('contact_id', 'in', ids)
      .execute(),
    occasions: await db.selectFrom('contact_occasions').selectAll().where('contact_id', 'in', ids).execute(),
    stageChanges: await db
      .selectFrom('contact_stage_changes')
      .selectAll()
      .where('contact_id', 'in', ids)
      .execute(),
    scores: await db.selectFrom('contact_scores').selectAll().where('contact_id', 'in', ids).execute(),
    merges: await db
      .selectFrom('contact_merges')
      .selectAll()
      .where((eb) => eb.or([eb('target_id', 'in', ids), eb('source_id', 'in', ids)]))
      .execute(),
    todayActions: await db.selectFrom('today_actions').selectAll().where('contact_id', 'in', ids).execute(),
    conversations: await rows(
      (part) => db.selectFrom('conversations').selectAll().where('id', 'in', part).execute(),
      conversationIds,
    ),
    messages: await rows(
      (part) => db.selectFrom('messages').selectAll().where('id', 'in', part).orderBy('id').execute(),
      messageIds,
    ),
    conversationNotes: await rows(
      (part) => db.selectFrom('notes').selectAll().where('conversation_id', 'in', part).execute(),
      conversationIds,
    ),
    attachments: await rows(
      (part) =>
        db
          .selectFrom('attachments')
          .select(['id', 'message_id', 'filename', 'content_type', 'size', 'omitted_reason', 'created_at'])
          .where('message_id', 'in', part)
          .execute(),
      messageIds,
    ),
  };
}

/** What an erasure removed and kept (counts only: nothing that names the person). */
export interface ErasureCounts {
  contacts: number[];
  conversations: number;
  messages: number;
  identities: number;
}

/**
 * Erases a person (and the contacts merged into them): the words of their messages (and so the
 * search index: SQLite's triggers and PostgreSQL's generated column follow the text), the team's
 * notes on their conversations, attachments, identities, notes, occasions, training examples
 * taken from their messages and every profile field. Rows stay, anonymous, so counts and reports
 * keep adding up. Runs inside the caller's transaction.
 */
export async function eraseContactData(
  db: Kysely<Database>,
  id: number,
  now: number,
): Promise<ErasureCounts> {
  const ids = await samePersonIds(db, id);
  const conversationIds = await conversationIdsOf(db, ids);
  const messageIds = await messageIdsOf(db, ids, conversationIds);
  for (const part of chunk(messageIds)) {
    await db.deleteFrom('attachments').where('message_id', 'in', part).execute();
    await db.deleteFrom('triage_corrections').where('message_id', 'in', part).execute();
    await db
      .updateTable('messages')
      .set((eb) => ({
        text: '',
        // ids can name the person too (a Bluesky post's address holds their DID, a thread its address)
        external_id: sql<string>`${'erased:'} || ${eb.ref('id')}`,
        thread_id: null,
        in_reply_to: null,
        author_external_id: null,
        author_handle: null,
        author_name: null,
        author_followers: null,
        url: null,
        raw_json: null,
        triage_json: null,
        meta_json: null,
        delivery_error: null,
      }))
      .where('id', 'in', part)
      .execute();
  }
  for (const part of chunk(conversationIds)) {
    await db
      .updateTable('conversations')
      .set((eb) => ({ last_message_preview: '', thread_key: sql<string>`${'erased:'} || ${eb.ref('id')}` }))
      .where('id', 'in', part)
      .execute();
    await db
      .updateTable('notes')
      .set({ text: '', mentions_json: '[]' })
      .where('conversation_id', 'in', part)
      .execute();
  }
  const identities = await db
    .selectFrom('contact_identities')
    .select('id')
    .where('contact_id', 'in', ids)
    .execute();
  if (identities.length > 0) {
    await db
      .deleteFrom('contact_email_proofs')
      .where(
        'identity_id',
        'in',
        identities.map((i) => i.id),
      )
      .execute();
  }
  await db.deleteFrom('contact_identities').where('contact_id', 'in', ids).execute();
  await db.deleteFrom('contact_notes').where('contact_id', 'in', ids).execute();
  await db.deleteFrom('contact_occasions').where('contact_id', 'in', ids).execute();
  await db.deleteFrom('contact_scores').where('contact_id', 'in', ids).execute();
  await db.updateTable('contact_interactions').set({ note: '' }).where('contact_id', 'in', ids).execute();
  await db
    .updateTable('contact_stage_changes')
    .set({ reason: null })
    .where('contact_id', 'in', ids)
    .execute();
  await db
    .updateTable('contacts')
    .set({
      name: null,
      follower_count: null,
      preferred_name: null,
      preferred_name_confirmed: 0,
      name_pronunciation: null,
      pronouns: null,
      language: null,
      time_zone: null,
      company: null,
      custom_json: '{}',
      insights_json: '[]',
      opted_out: 1,
      erased_at: now,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .execute();
  return {
    contacts: ids,
    conversations: conversationIds.length,
    messages: messageIds.length,
    identities: identities.length,
  };
}
