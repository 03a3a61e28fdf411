/**
 * Helpers for the hostile-input suite: what a database holds (to prove a refused request changed
 * nothing), a scan for characters no table may hold, and the catalogue of hostile values.
 */
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../../src/store/engine.js';

/** Columns that change on every authenticated request by design (a token's last use). */
const VOLATILE: Record<string, string[]> = {
  api_tokens: ['last_used_at'],
  sessions: ['last_seen_at', 'expires_at'],
};

/** The application's tables on this engine (this test's PostgreSQL schema only). */
export async function tableNames<DB>(db: Kysely<DB>, engine: Engine): Promise<string[]> {
  const rows =
    engine === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

/**
 * Everything the database holds, as comparable text: every row of every table, volatile columns
 * left out, and the audit of failed sign-ins (a refused login is recorded on purpose).
 */
export async function snapshot<DB>(db: Kysely<DB>, engine: Engine): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await tableNames(db, engine)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const kept = rows
      .filter((r) => !(table === 'events' && String(r.type) === 'auth.login_failed'))
      .map((r) => {
        for (const column of VOLATILE[table] ?? []) delete r[column];
        return JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      })
      .sort();
    out[table] = `${kept.length}:${kept.join('\n')}`;
  }
  return out;
}

/** The tables whose content differs between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]);
}

const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every stored string holding NUL or an unpaired surrogate, as `table.column: text`. */
export async function unstorableText<DB>(db: Kysely<DB>, engine: Engine): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tableNames(db, engine)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && UNSTORABLE.test(value)) found.push(`${table}.${column}: ${value}`);
      }
    }
  }
  return found;
}

/** Nested arrays as JSON text (what an attacker sends; JSON.stringify could not build it). */
export const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A megabyte of text. */
export const MEGABYTE = 'x'.repeat(1024 * 1024);

/**
 * Valid but awkward text, all in one string: NUL, lone surrogates, right-to-left override,
 * zero-width characters, emoji. Stored, NUL is removed and lone surrogates become U+FFFD.
 */
export const AWKWARD =
  'nul\u0000 lone\uD800 \uDC00 rtl\u202Eevil\u202C zw\u200B\u200D\uFEFF emoji\u{1F600} عربي';
/** AWKWARD as every engine must store it. */
export const AWKWARD_STORED =
  'nul lone\uFFFD \uFFFD rtl\u202Eevil\u202C zw\u200B\u200D\uFEFF emoji\u{1F600} عربي';

/**
 * Field names the API's bodies use. A hostile body sets every one of them to the same hostile value,
 * so each route meets the value in the fields it reads without the suite knowing its schema.
 */
export const BODY_FIELDS = [
  'text',
  'assigneeId',
  'add',
  'remove',
  'status',
  'snoozedUntil',
  'state',
  'action',
  'sentiment',
  'intent',
  'complaintType',
  'type',
  'name',
  'settings',
  'secrets',
  'verify',
  'email',
  'password',
  'role',
  'disabled',
  'userId',
  'messages',
  'channel',
  'external_id',
  'direction',
  'author',
  'created_at',
  'in_reply_to',
  'raw',
  'meta',
] as const;

/** Query keys the API's routes read; hostile queries set each of them. */
export const QUERY_KEYS = [
  'view',
  'status',
  'channel',
  'sentiment',
  'assignee',
  'label',
  'priorityMin',
  'q',
  'sort',
  'limit',
  'cursor',
  'from',
  'to',
  'type',
] as const;

/** JSON text of an object with every BODY_FIELDS key set to `valueJson` (raw JSON text). */
export function everyField(valueJson: string): string {
  return `{${BODY_FIELDS.map((f) => `${JSON.stringify(f)}:${valueJson}`).join(',')}}`;
}

/** A cursor an attacker made: base64url of any JSON. */
export const forgedCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
