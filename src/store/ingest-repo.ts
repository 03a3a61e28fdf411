import { type Kysely, sql } from 'kysely';
import type { MessageFacts } from '../domain/conversation-summary.js';
import type { NewConversation } from './bulk-writer.js';
import { chunk } from './chunks.js';
import type { ConversationClockFacts } from './ingest-lookups.js';
import type { Database, NewMessageRow } from './schema.js';

/**
 * Set-based lookups and writes for the ingest pipeline: every function takes a whole batch, so an
 * import of thousands of messages costs a handful of queries per batch, not several per message.
 */

/** Messages already stored for these external ids of one channel: external id → ids. */
export async function findStoredMessages(db: Kysely<Database>, channel: string, externalIds: string[]) {
  const found = new Map<string, { id: number; conversationId: number }>();
  for (const part of chunk([...new Set(externalIds)])) {
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'external_id', 'conversation_id'])
      .where('channel', '=', channel)
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows) found.set(r.external_id, { id: r.id, conversationId: r.conversation_id });
  }
  return found;
}

/** Conversations of stored messages that reply to any of these external ids: parent id → conversation ids. */
export async function findReplyConversations(db: Kysely<Database>, channel: string, parentIds: string[]) {
  const found = new Map<string, Set<number>>();
  for (const part of chunk([...new Set(parentIds)])) {
    const rows = await db
      .selectFrom('messages')
      .select(['in_reply_to', 'conversation_id'])
      .distinct()
      .where('channel', '=', channel)
      .where('in_reply_to', 'in', part)
      .execute();
    for (const r of rows) {
      if (!r.in_reply_to) continue;
      const set = found.get(r.in_reply_to) ?? new Set<number>();
      set.add(r.conversation_id);
      found.set(r.in_reply_to, set);
    }
  }
  return found;
}

/** Conversations already keyed by a channel's own thread ids: thread id → conversation id. */
export async function findThreadConversations(db: Kysely<Database>, channel: string, threadIds: string[]) {
  const found = new Map<string, number>();
  for (const part of chunk([...new Set(threadIds)])) {
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'thread_key'])
      .where('channel', '=', channel)
      .where('thread_key', 'in', part)
      .execute();
    for (const r of rows) if (r.thread_key) found.set(r.thread_key, r.id);
  }
  return found;
}

/**
 * Inserts new conversations with their summaries, multi-row, and returns their ids in input order
 * (both engines hand out ids increasing in row order within a statement).
 */
export async function insertConversations(db: Kysely<Database>, items: NewConversation[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunk(items, 100)) {
    const rows = await db
      .insertInto('conversations')
      .values(
        part.map((c) => ({
          ...c.summary,
          channel: c.channel,
          thread_key: c.threadKey,
          status: c.status,
          assignee_id: null,
          snoozed_until: null,
          created_at: c.now,
          updated_at: c.now,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/**
 * Folds `sources` into `target`: messages, notes and labels move, the target inherits an assignee
 * or thread key it lacks, and the emptied conversations are deleted.
 */
export async function mergeConversations(db: Kysely<Database>, target: number, sources: number[]) {
  if (sources.length === 0) return;
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'thread_key', 'assignee_id'])
    .where('id', 'in', [target, ...sources])
    .execute();
  const targetRow = rows.find((r) => r.id === target);
  const donor = rows.filter((r) => r.id !== target);
  await db
    .updateTable('messages')
    .set({ conversation_id: target })
    .where('conversation_id', 'in', sources)
    .execute();
  await db
    .updateTable('notes')
    .set({ conversation_id: target })
    .where('conversation_id', 'in', sources)
    .execute();
  const labels = await db
    .selectFrom('conversation_labels')
    .select('label_id')
    .distinct()
    .where('conversation_id', 'in', sources)
    .execute();
  await db.deleteFrom('conversation_labels').where('conversation_id', 'in', sources).execute();
  if (labels.length > 0) {
    await db
      .insertInto('conversation_labels')
      .values(labels.map((l) => ({ conversation_id: target, label_id: l.label_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await db.deleteFrom('conversations').where('id', 'in', sources).execute();
  const inherit: { thread_key?: string; assignee_id?: number } = {};
  const key = donor.find((d) => d.thread_key)?.thread_key;
  if (targetRow && !targetRow.thread_key && key) inherit.thread_key = key;
  const assignee = donor.find((d) => d.assignee_id)?.assignee_id;
  if (targetRow && !targetRow.assignee_id && assignee) inherit.assignee_id = assignee;
  if (Object.keys(inherit).length > 0)
    await db.updateTable('conversations').set(inherit).where('id', '=', target).execute();
}

/** Inserts messages (multi-row) and returns their ids by external id. */
export async function insertMessages(db: Kysely<Database>, rows: NewMessageRow[]) {
  const ids = new Map<string, number>();
  for (const part of chunk(rows, 100)) {
    const inserted = await db.insertInto('messages').values(part).returning(['id', 'external_id']).execute();
    for (const r of inserted) ids.set(r.external_id, r.id);
  }
  return ids;
}

/** The facts a conversation summary is computed from, grouped by conversation. */
/** What the SLA clock of these conversations depends on besides their messages, by id. */
export async function loadConversationClocks(db: Kysely<Database>, conversationIds: number[]) {
  const found = new Map<number, ConversationClockFacts>();
  for (const part of chunk(conversationIds)) {
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'channel', 'channel_account_id', 'sla_history', 'sla_pauses_json'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  return found;
}

export async function loadMessageFacts(db: Kysely<Database>, conversationIds: number[]) {
  const facts = new Map<number, MessageFacts[]>();
  for (const part of chunk(conversationIds)) {
    const rows = await db
      .selectFrom('messages')
      .select([
        'id',
        'conversation_id',
        'direction',
        'created_at',
        'sentiment',
        'priority',
        'intent',
        'contact_id',
        sql<string>`substr(text, 1, 300)`.as('preview'),
        'delivery_status',
      ])
      .where('conversation_id', 'in', part)
      .execute();
    for (const r of rows) {
      const list = facts.get(r.conversation_id) ?? [];
      list.push(r);
      facts.set(r.conversation_id, list);
    }
  }
  return facts;
}
