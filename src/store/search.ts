import { type Expression, type SqlBool, sql } from 'kysely';
import type { Engine } from './engine.js';

/** How many of the newest matching messages a search considers (keeps search time bounded at 1M rows). */
export const SEARCH_MATCH_LIMIT = 1000;

/**
 * Turns what a person types into a safe FTS5 query: every word quoted (so operators and quotes in
 * the input are just text), all words required, the last one as a prefix while typing.
 */
export function toFts5Query(q: string): string | null {
  const words = searchWords(q);
  if (!words) return null;
  const quoted = words.map((w) => `"${w}"`);
  if (!/\s$/.test(q)) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}*`;
  return quoted.join(' ');
}

/** The same query for PostgreSQL's to_tsquery: words ANDed, the last one a prefix while typing. */
export function toTsQuery(q: string): string | null {
  const words = searchWords(q);
  if (!words) return null;
  const quoted = words.map((w) => `'${w.toLowerCase()}'`);
  if (!/\s$/.test(q)) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}:*`;
  return quoted.join(' & ');
}

/** Words of a search (letters, digits, underscore), at most 16: everything else is ignored. */
function searchWords(q: string): string[] | null {
  const words = q.match(/[\p{L}\p{N}_]+/gu);
  return words && words.length > 0 ? words.slice(0, 16) : null;
}

/** A condition "conversation id is among those whose messages match q", for either engine. */
export function conversationMatches(
  engine: Engine,
  q: string,
  idColumn: 'c.id' | 'id' = 'c.id',
): Expression<SqlBool> {
  if (engine === 'sqlite') {
    const fts = toFts5Query(q);
    if (!fts) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`${sql.ref(idColumn)} in (select m.conversation_id from messages m where m.id in (select rowid from messages_fts where messages_fts match ${fts} order by rowid desc limit ${SEARCH_MATCH_LIMIT}))`;
  }
  const tsq = toTsQuery(q);
  if (!tsq) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(idColumn)} in (select m.conversation_id from messages m where m.search @@ to_tsquery('simple', ${tsq}) order by m.id desc limit ${SEARCH_MATCH_LIMIT})`;
}
