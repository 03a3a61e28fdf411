import type SqliteDatabase from 'better-sqlite3';
import type { MessageFacts } from '../domain/conversation-summary.js';
import { handleKeyOf, identityEmail } from '../domain/identity-keys.js';
import {
  authorsById,
  identityChanges,
  joinKeyOf,
  newIdentityRow,
  type StoredIdentity,
} from './contacts-repo.js';
import type { ImportMemory } from './import-memory.js';
import type { ConversationClockFacts, IngestLookups, StoredMessage } from './ingest-lookups.js';

/**
 * The ingest lookups on SQLite: one prepared statement per question, run once per key on the same
 * connection (and so inside the same transaction) as Kysely. An index probe costs SQLite about a
 * microsecond; an IN-list query is built, compiled and prepared anew for every batch (its SQL
 * changes with the list's length), and the replaced statements' memory waits for V8's GC.
 */

function prepare(sqlite: SqliteDatabase.Database) {
  return {
    message: sqlite
      .prepare('select id, conversation_id from messages where channel = ? and external_id = ?')
      .raw(),
    // no DISTINCT: it would open a temporary b-tree per probe; the Set dedupes
    replies: sqlite
      .prepare('select conversation_id from messages where channel = ? and in_reply_to = ?')
      .pluck(),
    thread: sqlite.prepare('select id from conversations where channel = ? and thread_key = ?').pluck(),
    identity: sqlite.prepare(
      'select i.contact_id, i.handle, i.name, c.follower_count from contact_identities i join contacts c on c.id = i.contact_id where i.channel = ? and i.external_id = ?',
    ),
    updateIdentity: sqlite.prepare(
      "update contact_identities set handle = ?, name = ?, handle_key = ?, email_confirmed = case when coalesce(email, '') = ? then email_confirmed else ? end, email = ? where channel = ? and external_id = ?",
    ),
    byHandleKey: sqlite
      .prepare(
        'select contact_id from contact_identities where channel = ? and handle_key = ? order by id limit 1',
      )
      .pluck(),
    byConfirmedEmail: sqlite
      .prepare(
        'select contact_id from contact_identities where email = ? and email_confirmed = 1 order by id limit 1',
      )
      .pluck(),
    updateFollowers: sqlite.prepare('update contacts set follower_count = ?, updated_at = ? where id = ?'),
    insertContact: sqlite.prepare(
      "insert into contacts (name, lifecycle, follower_count, created_at, updated_at) values (?, 'prospect', ?, ?, ?)",
    ),
    facts: sqlite.prepare(
      'select id, direction, created_at, sentiment, priority, intent, contact_id, substr(text, 1, 300) as preview, delivery_status from messages where conversation_id = ?',
    ),
    clock: sqlite.prepare(
      'select id, channel, channel_account_id, sla_history, sla_pauses_json from conversations where id = ?',
    ),
    insertIdentity: sqlite.prepare(
      'insert into contact_identities (contact_id, channel, external_id, handle, name, created_at, email, email_confirmed, handle_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

const statements = new WeakMap<SqliteDatabase.Database, ReturnType<typeof prepare>>();

/**
 * The lookups on this SQLite connection (statements prepared once per connection); a bulk load's
 * memory answers first, and learns from the writes.
 */
export function sqliteLookups(sqlite: SqliteDatabase.Database, memory?: ImportMemory): IngestLookups {
  let st = statements.get(sqlite);
  if (!st) {
    st = prepare(sqlite);
    statements.set(sqlite, st);
  }
  const s = st;
  return {
    async storedMessages(channel, externalIds) {
      const found = new Map<string, StoredMessage>();
      for (const id of externalIds) {
        if (found.has(id)) continue;
        const known = memory?.message(channel, id);
        if (known === 'absent') continue;
        if (known) {
          found.set(id, known);
          continue;
        }
        const row = s.message.get(channel, id) as [number, number] | undefined;
        if (row) found.set(id, { id: row[0], conversationId: row[1] });
      }
      return found;
    },
    async replyConversations(channel, parentIds) {
      const found = new Map<string, Set<number>>();
      for (const id of new Set(parentIds)) {
        const conversations = memory?.replies(channel, id) ?? (s.replies.all(channel, id) as number[]);
        if (conversations.length > 0) found.set(id, new Set(conversations));
      }
      return found;
    },
    async threadConversations(channel, threadIds) {
      const found = new Map<string, number>();
      for (const id of new Set(threadIds)) {
        const conversation = s.thread.get(channel, id) as number | undefined;
        if (conversation !== undefined) found.set(id, conversation);
      }
      return found;
    },
    async resolveContacts(channel, authors, now) {
      const resolved = new Map<string, number>();
      for (const [id, a] of authorsById(authors)) {
        const known = memory?.identity(channel, id);
        const stored =
          known === 'absent'
            ? undefined
            : (known ?? (s.identity.get(channel, id) as StoredIdentity | undefined));
        if (stored) {
          const change = identityChanges(a, stored);
          if (change.identity) {
            const { handle, name } = change.identity;
            const { email, confirmed } = identityEmail(channel, id, handle);
            s.updateIdentity.run(
              handle,
              name,
              handleKeyOf(channel, handle),
              email ?? '',
              confirmed ? 1 : 0,
              email,
              channel,
              id,
            );
          }
          if (change.followers !== null) s.updateFollowers.run(change.followers, now, stored.contact_id);
          if (memory && (known === undefined || change.identity || change.followers !== null)) {
            memory.noteIdentity(channel, id, {
              contact_id: stored.contact_id,
              handle: change.identity ? change.identity.handle : stored.handle,
              name: change.identity ? change.identity.name : stored.name,
              follower_count: change.followers ?? stored.follower_count,
            });
          }
          resolved.set(id, stored.contact_id);
          continue;
        }
        const key = joinKeyOf(channel, id, a);
        const joined = key
          ? ((key.startsWith('h:')
              ? s.byHandleKey.get(channel, key.slice(2))
              : s.byConfirmedEmail.get(key.slice(2))) as number | undefined)
          : undefined;
        const contact =
          joined ??
          Number(
            s.insertContact.run(a.name ?? a.handle ?? null, a.followers ?? null, now, now).lastInsertRowid,
          );
        const row = newIdentityRow(channel, id, a, contact, now);
        s.insertIdentity.run(
          contact,
          channel,
          id,
          row.handle,
          row.name,
          now,
          row.email,
          row.email_confirmed,
          row.handle_key,
        );
        memory?.noteIdentity(channel, id, {
          contact_id: contact,
          handle: a.handle ?? null,
          name: a.name ?? null,
          follower_count: a.followers ?? null,
        });
        resolved.set(id, contact);
      }
      return resolved;
    },
    async messageFacts(conversationIds) {
      const facts = new Map<number, MessageFacts[]>();
      for (const id of new Set(conversationIds)) {
        const rows = s.facts.all(id) as MessageFacts[];
        if (rows.length > 0) facts.set(id, rows);
      }
      return facts;
    },
    async conversationClocks(conversationIds) {
      const found = new Map<number, ConversationClockFacts>();
      for (const id of new Set(conversationIds)) {
        const row = s.clock.get(id) as ConversationClockFacts | undefined;
        if (row) found.set(id, row);
      }
      return found;
    },
    noteInserted: (channel, rows) => memory?.noteInserted(channel, rows),
    noteMerged: (target, sources) => memory?.noteMerged(target, sources),
  };
}
