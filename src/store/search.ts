import { type Kysely, sql } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './schema.js';

/** How many of the newest matching messages a search considers (keeps search time bounded at 1M rows). */
export const SEARCH_MATCH_LIMIT = 500;

/**
 * Turns what a person types into a safe FTS5 query: every word quoted (so operators and quotes in
 * the input are just text), all words required, the last one as a prefix while typing (see prefixLast).
 */
export function toFts5Query(q: string): string | null {
  const words = searchWords(q);
  if (!words) return null;
  const quoted = words.map((w) => `"${w}"`);
  if (prefixLast(q, words)) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}*`;
  return quoted.join(' ');
}

/** The same query for PostgreSQL's to_tsquery: words ANDed, the last one a prefix while typing. */
export function toTsQuery(q: string): string | null {
  const words = searchWords(q);
  if (!words) return null;
  const quoted = words.map((w) => `'${w.toLowerCase()}'`);
  if (prefixLast(q, words)) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}:*`;
  return quoted.join(' & ');
}

/**
 * The last word is matched as a prefix while it is being typed (no trailing space) and has at least
 * three characters: a one- or two-character prefix matches a large part of the vocabulary.
 */
function prefixLast(q: string, words: string[]): boolean {
  return !/\s$/.test(q) && [...words[words.length - 1]!].length >= 3;
}

/** Words of a search (letters, digits, underscore), at most 16: everything else is ignored. */
function searchWords(q: string): string[] | null {
  const words = q.match(/[\p{L}\p{N}_]+/gu);
  return words && words.length > 0 ? words.slice(0, 16) : null;
}

/**
 * Ids of the conversations whose newest matching messages (at most SEARCH_MATCH_LIMIT) match q.
 * Fetched first, on their own: a single query joining the match set into the inbox ordering lets
 * the planner walk every conversation by priority and probe the matches (bench/RESULTS.md).
 */
export async function matchingConversationIds(
  db: Kysely<Database>,
  engine: Engine,
  q: string,
): Promise<number[]> {
  if (engine === 'sqlite') {
    const fts = toFts5Query(q);
    if (!fts) return [];
    const rows = await sql<{
      conversation_id: number;
    }>`select distinct m.conversation_id from messages m where m.id in (select rowid from messages_fts where messages_fts match ${fts} order by rowid desc limit ${SEARCH_MATCH_LIMIT})`.execute(
      db,
    );
    return rows.rows.map((r) => r.conversation_id);
  }
  const tsq = toTsQuery(q);
  if (!tsq) return [];
  const rows = await sql<{
    conversation_id: number;
  }>`select distinct conversation_id from (select m.conversation_id from messages m where m.search @@ to_tsquery('simple', ${tsq}) order by m.id desc limit ${SEARCH_MATCH_LIMIT}) found`.execute(
    db,
  );
  return rows.rows.map((r) => r.conversation_id);
}
