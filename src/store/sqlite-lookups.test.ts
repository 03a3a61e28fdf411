import { describe, expect, it } from 'vitest';
import { configFrom } from '../platform/config.js';
import type { AuthorIdentity } from './contacts-repo.js';
import { type Db, migrate, openDatabase } from './database.js';
import { type IngestLookups, kyselyLookups } from './ingest-lookups.js';
import { sqliteLookups } from './sqlite-lookups.js';

async function sqliteDb(): Promise<Db & { sqlite: NonNullable<Db['sqlite']> }> {
  const db = await openDatabase(configFrom({}), { sqliteFile: ':memory:' });
  await migrate(db);
  if (!db.sqlite) throw new Error('expected SQLite');
  return db as Db & { sqlite: NonNullable<Db['sqlite']> };
}

async function seed(db: Db) {
  const conversation = (id: number, threadKey: string | null) => ({
    id,
    channel: 'x',
    thread_key: threadKey,
    status: 'open' as const,
    priority: 0,
    last_message_at: 0,
    last_message_preview: '',
    last_message_direction: 'inbound' as const,
    message_count: 1,
    created_at: 0,
    updated_at: 0,
  });
  await db.kysely
    .insertInto('conversations')
    .values([conversation(1, 'T1'), conversation(2, null), conversation(3, null)])
    .execute();
  const message = (externalId: string, conversationId: number, inReplyTo: string | null, channel = 'x') => ({
    conversation_id: conversationId,
    channel,
    external_id: externalId,
    direction: 'inbound' as const,
    text: externalId,
    created_at: 0,
    received_at: 0,
    in_reply_to: inReplyTo,
    delivery_status: 'received' as const,
  });
  await db.kysely
    .insertInto('messages')
    .values([
      message('a', 1, null),
      message('b', 1, 'a'),
      message('c', 2, 'p'),
      message('d', 3, 'p'),
      message('e', 3, 'p'),
      message('a', 2, 'q', 'y'),
    ])
    .execute();
}

describe('SQLite ingest lookups', () => {
  it('answer exactly like the Kysely queries', async () => {
    const db = await sqliteDb();
    await seed(db);
    const fast = sqliteLookups(db.sqlite);
    const reference = kyselyLookups(db.kysely);
    const ids = ['a', 'b', 'c', 'zz', 'a', 'p', 'q'];
    for (const channel of ['x', 'y', 'none']) {
      expect(await fast.storedMessages(channel, ids)).toEqual(await reference.storedMessages(channel, ids));
      expect(await fast.replyConversations(channel, ids)).toEqual(
        await reference.replyConversations(channel, ids),
      );
      const threads = ['T1', 'T2', 'T1'];
      expect(await fast.threadConversations(channel, threads)).toEqual(
        await reference.threadConversations(channel, threads),
      );
    }
    expect((await fast.replyConversations('x', ['p'])).get('p')).toEqual(new Set([2, 3]));
    const facts = async (lookups: IngestLookups) =>
      [...(await lookups.messageFacts([3, 1, 99, 2, 3]))]
        .sort(([a], [b]) => a - b)
        .map(([id, rows]) => [
          id,
          rows
            .map(({ id, direction, created_at, preview }) => ({ id, direction, created_at, preview }))
            .sort((a, b) => a.id - b.id),
        ]);
    expect(await facts(fast)).toEqual(await facts(reference));
    expect((await facts(fast)).map(([id]) => id)).toEqual([1, 2, 3]);
    await db.close();
  });

  it('resolve contacts exactly like the Kysely implementation', async () => {
    const batches: AuthorIdentity[][] = [
      [{ id: 'u1', handle: 'sam', name: 'Sam', followers: 10 }, { id: 'u2', handle: 'kim' }, { id: 'u1' }],
      [
        { id: 'u2', name: 'Kim', followers: null },
        { id: 'u3', name: 'Lee', followers: 0 },
        { id: 'u1', handle: 'sam2', followers: 11 },
        { id: 'u2', name: 'Kim B' },
      ],
      [{ id: 'u3' }, { id: 'u4' }],
    ];
    const run = async (pick: (db: Db & { sqlite: NonNullable<Db['sqlite']> }) => IngestLookups) => {
      const db = await sqliteDb();
      const lookups = pick(db);
      const results = [];
      for (const [k, authors] of batches.entries()) {
        results.push([...(await lookups.resolveContacts('x', authors, 1000 + k))].sort());
      }
      const tables = {
        contacts: await db.kysely.selectFrom('contacts').selectAll().orderBy('id').execute(),
        identities: await db.kysely.selectFrom('contact_identities').selectAll().orderBy('id').execute(),
      };
      await db.close();
      return { results, tables };
    };
    expect(await run((db) => sqliteLookups(db.sqlite))).toEqual(await run((db) => kyselyLookups(db.kysely)));
  });
});
