import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Engine } from './engine.js';
import type { ConversationRow, ConversationStatus, Database, Sentiment } from './schema.js';
import { matchingConversationIds } from './search.js';

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

type Key = { v: number; id: number };

/** The column each ordering uses, and its direction (ids break ties in the same direction). */
const sortColumns = {
  priority: { column: 'priority', desc: true },
  recent: { column: 'last_message_at', desc: true },
  waiting: { column: 'waiting_since', desc: false },
  due: { column: 'reply_due_at', desc: false },
} as const;

function keyOf(row: ConversationRow, sort: ConversationSort): Key {
  return { v: row[sortColumns[sort].column] ?? 0, id: row.id };
}

/** Opaque cursor text for the next page. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.v, key.id])).toString('base64url');
}

/**
 * Reads a cursor back; null when it is not one of ours (the list then starts from the top; the API
 * refuses such a cursor before it gets here). Both parts must be safe integers (sort keys are epoch
 * ms or priorities, ids are not negative): a forged `[1e308, 1e308]` must not reach SQL, where
 * PostgreSQL cannot compare it with a bigint.
 */
export function decodeCursor(cursor: string): Key | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [v, id] = parsed as unknown[];
    if (Number.isSafeInteger(v) && Number.isSafeInteger(id) && (id as number) >= 0) {
      return { v: v as number, id: id as number };
    }
  } catch {
    // fall through
  }
  return null;
}

/**
 * One page of the inbox, keyset-paginated (stable while new messages arrive, constant time per page
 * however deep). Each status is read along its own (status, sort key, id) index and the branches are
 * merged, because `status IN (…) ORDER BY …` cannot use an index and would sort every open
 * conversation. Waiting and due orderings list only conversations that are waiting or due.
 * A full-text search first collects the matching conversation ids (bounded by SEARCH_MATCH_LIMIT),
 * then reads those rows by primary key and orders and pages them in memory.
 */
export async function listConversations(db: Kysely<Database>, engine: Engine, f: ConversationFilter) {
  const { column, desc } = sortColumns[f.sort];
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const matches = f.q ? await matchingConversationIds(db, engine, f.q) : null;
  if (matches && matches.length === 0) return { rows: [], nextCursor: null };
  const base = () => db.selectFrom('conversations as c').selectAll('c');
  const branch = (statuses: ConversationStatus[]) => {
    // Search candidates are read first by primary key (a materialised CTE), so the planner cannot
    // choose a status index and scan every conversation to test membership in the match set.
    let query = matches
      ? (db
          .with(
            (cte) => cte('c').materialized(),
            (qb) => qb.selectFrom('conversations').selectAll().where('id', 'in', matches),
          )
          .selectFrom('c')
          .selectAll('c') as unknown as ReturnType<typeof base>)
      : base();
    if (statuses.length === 1) query = query.where('c.status', '=', statuses[0]!);
    else if (statuses.length > 1) query = query.where('c.status', 'in', statuses);
    if (f.channel) query = query.where('c.channel', '=', f.channel);
    if (f.sentiment) query = query.where('c.sentiment', '=', f.sentiment);
    if (f.assignee === 'none') query = query.where('c.assignee_id', 'is', null);
    else if (f.assignee !== undefined) query = query.where('c.assignee_id', '=', f.assignee);
    if (f.priorityMin !== undefined) query = query.where('c.priority', '>=', f.priorityMin);
    if (f.dueBefore !== undefined) query = query.where('c.reply_due_at', '<=', f.dueBefore);
    if (f.sort === 'waiting') query = query.where('c.waiting_since', 'is not', null);
    if (f.sort === 'due') query = query.where('c.reply_due_at', 'is not', null);
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
    // a search's candidates (≤ SEARCH_MATCH_LIMIT) are ordered and paged below
    if (matches) return query.execute();
    const col = sql.ref(`c.${column}`);
    if (after) {
      query = desc
        ? query.where(sql<boolean>`(${col} < ${after.v} or (${col} = ${after.v} and c.id < ${after.id}))`)
        : query.where(sql<boolean>`(${col} > ${after.v} or (${col} = ${after.v} and c.id > ${after.id}))`);
    }
    return query
      .orderBy(`c.${column}`, desc ? 'desc' : 'asc')
      .orderBy('c.id', desc ? 'desc' : 'asc')
      .limit(f.limit + 1)
      .execute();
  };
  const perStatus = !matches && f.statuses.length > 1;
  const parts = perStatus
    ? await Promise.all(f.statuses.map((s) => branch([s])))
    : [await branch(f.statuses)];
  const sign = desc ? -1 : 1;
  const afterCursor = (k: Key) =>
    !after || sign * (k.v - after.v) > 0 || (k.v === after.v && sign * (k.id - after.id) > 0);
  const rows = parts
    .flat()
    .map((row) => ({ row, key: keyOf(row, f.sort) }))
    .filter((r) => afterCursor(r.key))
    .sort((a, b) => sign * (a.key.v - b.key.v) || sign * (a.key.id - b.key.id))
    .slice(0, f.limit + 1)
    .map((r) => r.row);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > f.limit && last ? encodeCursor(keyOf(last, f.sort)) : null;
  return { rows: page, nextCursor };
}
