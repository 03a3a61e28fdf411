import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { ingestBulk } from '../src/ingest/ingest-bulk.js';
import { bulkWriterFor } from '../src/store/bulk-writer.js';
import type { Db } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { insertMessages } from '../src/store/ingest-repo.js';
import type { Database, NewMessageRow } from '../src/store/schema.js';
import { matchingConversationIds } from '../src/store/search.js';
import { bulk } from './support/bulk.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

function msg(id: string, text: string, reply?: string): IncomingMessage {
  const v = validateMessage({
    channel: 'twitter',
    external_id: id,
    direction: 'inbound',
    author: { id: `c-${id}` },
    text,
    created_at: '2026-01-01T10:00:00Z',
    in_reply_to: reply ?? null,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

/** A stored-shape row for writing straight through the store, in conversation `conversationId`. */
function row(conversationId: number, externalId: string, text: string): NewMessageRow {
  return {
    conversation_id: conversationId,
    channel: 'twitter',
    external_id: externalId,
    direction: 'outbound',
    author_external_id: 'brand',
    text,
    created_at: 0,
    received_at: 0,
    delivery_status: 'sent',
  } as NewMessageRow;
}

/** Checks SQLite's search index against the messages table, and that no writer left it paused. */
async function expectIndexIntact(db: Db) {
  if (db.engine !== 'sqlite') return;
  await sql`insert into messages_fts (messages_fts) values ('integrity-check')`.execute(db.kysely);
  const paused = await sql<{ n: number }>`select count(*) as n from messages_fts_deferred`.execute(db.kysely);
  expect(paused.rows[0]!.n).toBe(0);
}

const search = (db: Db, q: string) => matchingConversationIds(db.kysely, db.engine, q);

describe.each(testEngines)('full-text search of every write path, on %s', (engine) => {
  let db: Db;
  afterEach(async () => {
    await db?.close();
  });

  it('finds text written in bulk, by single ingest and by a plain insert', async () => {
    db = await freshDb(engine);
    const services = await servicesFor(db);
    await ingestBulk(
      services,
      bulk([
        [msg('a1', 'zebra parcel lost'), msg('a2', 'walrus invoice')],
        [msg('a3', 'zebra again', 'a1'), msg('a4', 'quokka refund')],
      ]),
      systemActor,
      { perCommit: 100, onCommit: () => {} },
    );
    await ingestMessages(services, [msg('b1', 'narwhal router')], systemActor);
    const [conversation] = await search(db, 'narwhal');
    await db.kysely
      .transaction()
      .execute((trx) => insertMessages(trx, [row(conversation!, 'c1', 'pangolin reply')]));

    expect(await search(db, 'zebra')).toHaveLength(1);
    expect(await search(db, 'walrus')).toHaveLength(1);
    expect(await search(db, 'quokka')).toHaveLength(1);
    expect(await search(db, 'pangolin')).toEqual([conversation]);
    await expectIndexIntact(db);
  });

  it('keeps the index whole when a bulk write fails part-way and its transaction goes on', async () => {
    db = await freshDb(engine);
    const services = await servicesFor(db);
    await ingestMessages(services, [msg('x1', 'ocelot start')], systemActor);
    const [conversation] = await search(db, 'ocelot');
    await db.kysely.transaction().execute(async (trx: Kysely<Database>) => {
      const writer = bulkWriterFor(db, trx);
      await writer.insertMessages([row(conversation!, 'y1', 'tapir first')]);
      // the second row repeats an external id: the write stops there
      if (engine === 'sqlite') {
        await expect(
          writer.insertMessages([row(conversation!, 'y2', 'tapir second'), row(conversation!, 'y1', 'dup')]),
        ).rejects.toThrow(/UNIQUE/);
      }
      // a later plain insert in the same transaction is indexed by the trigger again
      await insertMessages(trx, [row(conversation!, 'y3', 'okapi later')]);
    });
    expect(await search(db, 'okapi')).toEqual([conversation]);
    expect(await search(db, 'tapir')).toEqual([conversation]);
    await expectIndexIntact(db);
  });
});
