import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../src/commands/services.js';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { ingestBulk } from '../src/ingest/ingest-bulk.js';
import { configFrom } from '../src/platform/config.js';
import { type Db, migrate, openDatabase } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { bulk } from './support/bulk.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

function msg(
  id: string,
  at: number,
  opts: { reply?: string; out?: boolean; author?: Record<string, unknown>; thread?: string } = {},
): IncomingMessage {
  const v = validateMessage({
    channel: 'twitter',
    external_id: id,
    direction: opts.out ? 'outbound' : 'inbound',
    author: opts.author ?? (opts.out ? { id: 'brand' } : { id: `c-${id}` }),
    text: `message ${id}`,
    created_at: new Date(Date.UTC(2026, 0, 1) + at * 60_000).toISOString(),
    in_reply_to: opts.reply ?? null,
    thread_id: opts.thread ?? null,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

/** Batches whose threads, late parents, duplicates and authors cross batch (and transaction) lines. */
const batches = (): IncomingMessage[][] => [
  [
    msg('p1', 0, { author: { id: 'u1', handle: 'sam', followers: 5 } }),
    msg('r2', 2, { reply: 'p2' }),
    msg('r3a', 3, { reply: 'p3' }),
    msg('d1', 4),
    msg('t1', 5, { thread: 'T' }),
  ],
  [
    msg('r3b', 6, { reply: 'p3', author: { id: 'u1', name: 'Sam' } }),
    msg('a1', 7, { out: true, reply: 'p1' }),
    msg('t2', 8, { thread: 'T', author: { id: 'u1', handle: 'sam2', followers: 6 } }),
  ],
  [
    msg('p2', 1, { out: true }),
    msg('p3', 2, { out: true }),
    msg('d1', 4),
    msg('r1', 9, { reply: 'a1', author: { id: 'u1', handle: 'sam' } }),
  ],
  [msg('p3', 2, { out: true }), msg('x', 10, { reply: 'r2' }), msg('y', 11, { reply: 'r3b' })],
];

async function state(db: Db) {
  const messages = await db.kysely
    .selectFrom('messages')
    .select(['external_id', 'conversation_id', 'contact_id'])
    .orderBy('external_id')
    .execute();
  const groups = new Map<number, string[]>();
  for (const m of messages)
    groups.set(m.conversation_id, [...(groups.get(m.conversation_id) ?? []), m.external_id]);
  const conversations = await db.kysely
    .selectFrom('conversations')
    .select(['id', 'first_inbound_at', 'first_response_at', 'waiting_since', 'priority', 'message_count'])
    .execute();
  const summaryOf = new Map(conversations.map(({ id, ...rest }) => [id, JSON.stringify(rest)]));
  const contacts = await db.kysely
    .selectFrom('contact_identities as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .select(['i.external_id', 'i.handle', 'i.name', 'c.follower_count'])
    .orderBy('i.external_id')
    .execute();
  return {
    threads: [...groups].map(([id, ids]) => `${ids.join(',')} ${summaryOf.get(id)}`).sort(),
    conversations: conversations.length,
    contacts,
    messagesWithContact: messages.filter((m) => m.contact_id !== null).length,
  };
}

describe.each(testEngines)('bulk loads remembering their own writes, on %s', (engine) => {
  let db: Db;
  let services: Services;
  afterEach(async () => {
    await db?.close();
  });

  it('end exactly as batch-by-batch ingest does, one batch per transaction or several', async () => {
    db = await freshDb(engine);
    services = await servicesFor(db);
    for (const b of batches()) await ingestMessages(services, b, systemActor);
    const expected = await state(db);
    expect(expected.threads).toHaveLength(5);
    for (const perCommit of [1, 7, 100]) {
      await db.close();
      db = await freshDb(engine);
      services = await servicesFor(db);
      let inserted = 0;
      await ingestBulk(services, bulk(batches()), systemActor, {
        perCommit,
        onCommit: (done) => {
          for (const d of done) inserted += d.inserted;
        },
      });
      expect(inserted).toBe(13);
      expect(await state(db)).toEqual(expected);
      // the load's checkpoint interval (see tuneForBulkLoad) is undone afterwards
      if (db.sqlite) expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // a rerun finds everything stored
      await ingestBulk(services, bulk(batches()), systemActor, {
        perCommit,
        onCommit: (done) => {
          for (const d of done) expect(d.inserted).toBe(0);
        },
      });
      expect(await state(db)).toEqual(expected);
    }
  });

  it('never confuses a merged-away conversation with a new one (ids are not reused)', async () => {
    // r1 and r2 start conversations; their late parent p merges them while n starts a new one, and
    // m, a reply to n, must then join n (not the conversation the merged one went into)
    const load = () => [
      [msg('r1', 1, { reply: 'p' })],
      [msg('r2', 2, { reply: 'p' })],
      [msg('p', 0, { out: true }), msg('n', 3)],
      [msg('m', 4, { out: true, reply: 'n' })],
    ];
    for (const perCommit of [1, 100]) {
      await db?.close();
      db = await freshDb(engine);
      services = await servicesFor(db);
      await ingestBulk(services, bulk(load()), systemActor, { perCommit, onCommit: () => {} });
      const after = await state(db);
      expect(after.threads.map((t) => t.split(' ')[0])).toEqual(['m,n', 'p,r1,r2']);
      const ids = await db.kysely.selectFrom('conversations').select('id').orderBy('id').execute();
      expect(ids.map((r) => r.id)).toEqual([2, 3]);
    }
  });
});

describe('a bulk load on SQLite with another writer', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('stops trusting its memory once another connection commits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-memory-'));
    dirs.push(dir);
    const file = path.join(dir, 'rapport.db');
    const db = await openDatabase(configFrom({}), { sqliteFile: file });
    await migrate(db);
    const services = await servicesFor(db);
    const other = new SqliteDatabase(file);
    // after the first commit, another process stores p2 and p3 (the load's late parents), in a
    // conversation of its own
    const write = () => {
      const conv = other
        .prepare(
          "insert into conversations (channel, status, priority, last_message_at, last_message_preview, last_message_direction, message_count, created_at, updated_at) values ('twitter', 'open', 0, 0, '', 'outbound', 2, 0, 0)",
        )
        .run().lastInsertRowid;
      const insert = other.prepare(
        "insert into messages (conversation_id, channel, external_id, direction, text, created_at, received_at, delivery_status) values (?, 'twitter', ?, 'outbound', ?, 0, 0, 'sent')",
      );
      insert.run(conv, 'p2', 'p2');
      insert.run(conv, 'p3', 'p3');
    };
    const commits: string[] = [];
    await ingestBulk(services, bulk(batches()), systemActor, {
      perCommit: 1,
      onCommit: (done) => {
        if (commits.length === 0) write();
        commits.push(done.map((d) => `${d.inserted}/${d.duplicates}`).join());
      },
    });
    other.close();
    // p2 and p3 are found stored (memory would have called them new), and r3b joins p3
    expect(commits).toEqual(['5/0', '3/0', '1/3', '2/1']);
    const rows = await db.kysely.selectFrom('messages').select(['external_id', 'conversation_id']).execute();
    const convOf = new Map(rows.map((r) => [r.external_id, r.conversation_id]));
    expect(convOf.get('r3b')).toBe(convOf.get('p3'));
    expect(rows).toHaveLength(13);
    await db.close();
  });
});
