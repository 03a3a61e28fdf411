import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Engine } from './engine.js';
import type { ConversationRow, ConversationStatus, Database, Sentiment } from './schema.js';
import { conversationMatches } from './search.js';

/** Inbox orderings: most urgent first, longest waiting first, newest activity first, soonest due first. */
export type ConversationSort = 'priority' | 'waiting' | 'recent' | 'due';

/** Everything the inbox can filter by. */
export interface ConversationFilter {
  statuses: ConversationStatus[];
  channel?: string;
  sentiment?: Sentiment;
  assignee?: number | 'none';
  label?: string;
  priorityMin?: number;
  q?: string;
  /** Only conversations whose reply is due before this time (the Breaching view). */
  dueBefore?: number;
  sort: ConversationSort;
  limit: number;
  cursor?: string;
}

const FAR = 8_000_000_000_000_000; // "never" for null waiting/due times, beyond any epoch ms

type Key = { v: number; id: number };

function sortColumn(sort: ConversationSort) {
  switch (sort) {
    case 'priority':
      return { expr: sql<number>`c.priority`, desc: true };
    case 'recent':
      return { expr: sql<number>`c.last_message_at`, desc: true };
    case 'waiting':
      return { expr: sql<number>`coalesce(c.waiting_since, ${FAR})`, desc: false };
    case 'due':
      return { expr: sql<number>`coalesce(c.reply_due_at, ${FAR})`, desc: false };
  }
}

function keyOf(row: ConversationRow, sort: ConversationSort): Key {
  const v =
    sort === 'priority'
      ? row.priority
      : sort === 'recent'
        ? row.last_message_at
        : sort === 'waiting'
          ? (row.waiting_since ?? FAR)
          : (row.reply_due_at ?? FAR);
  return { v, id: row.id };
}

/** Opaque cursor text for the next page. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.v, key.id])).toString('base64url');
}

/** Reads a cursor back; null when it is not one of ours. */
export function decodeCursor(cursor: string): Key | null {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof v === 'number' && typeof id === 'number') return { v, id };
  } catch {
    // fall through
  }
  return null;
}

/**
 * One page of the inbox, keyset-paginated (stable while new messages arrive, constant time per page
 * however deep). Returns the rows and the cursor of the next page.
 */
export async function listConversations(db: Kysely<Database>, engine: Engine, f: ConversationFilter) {
  const { expr, desc } = sortColumn(f.sort);
  let query = db.selectFrom('conversations as c').selectAll('c');
  if (f.statuses.length > 0) query = query.where('c.status', 'in', f.statuses);
  if (f.channel) query = query.where('c.channel', '=', f.channel);
  if (f.sentiment) query = query.where('c.sentiment', '=', f.sentiment);
  if (f.assignee === 'none') query = query.where('c.assignee_id', 'is', null);
  else if (f.assignee !== undefined) query = query.where('c.assignee_id', '=', f.assignee);
  if (f.priorityMin !== undefined) query = query.where('c.priority', '>=', f.priorityMin);
  if (f.dueBefore !== undefined) query = query.where('c.reply_due_at', '<=', f.dueBefore);
  if (f.label) {
    const label = f.label;
    query = query.where((eb: ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>) =>
      eb.exists(
        eb
          .selectFrom('conversation_labels as cl')
          .innerJoin('labels as l', 'l.id', 'cl.label_id')
          .select(sql`1`.as('one'))
          .whereRef('cl.conversation_id', '=', 'c.id')
          .where('l.name', '=', label),
      ),
    );
  }
  if (f.q) {
    const q = f.q;
    query = query.where(() => conversationMatches(engine, q));
  }
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  if (after) {
    query = desc
      ? query.where(sql<boolean>`(${expr} < ${after.v} or (${expr} = ${after.v} and c.id < ${after.id}))`)
      : query.where(sql<boolean>`(${expr} > ${after.v} or (${expr} = ${after.v} and c.id > ${after.id}))`);
  }
  const rows = await query
    .orderBy(expr, desc ? 'desc' : 'asc')
    .orderBy('c.id', desc ? 'desc' : 'asc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > f.limit && last ? encodeCursor(keyOf(last, f.sort)) : null;
  return { rows: page, nextCursor };
}
