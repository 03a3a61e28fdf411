import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import type { Db } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { freshDb, pgTestUrl } from './support/engines.js';
import { servicesFor } from './support/services.js';

function msg(
  id: string,
  opts: { dir?: 'inbound' | 'outbound'; reply?: string; at: number },
): IncomingMessage {
  const v = validateMessage({
    channel: 'twitter',
    external_id: id,
    direction: opts.dir ?? 'inbound',
    author: { id: opts.dir === 'outbound' ? 'brand' : 'cust1', name: 'Sam' },
    text: `message ${id}`,
    created_at: new Date(Date.UTC(2026, 0, 1, 10) + opts.at * 60_000).toISOString(),
    in_reply_to: opts.reply ?? null,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

/** Copies a stored message as a new one with another external id (a raw insert another writer makes). */
const copyMessage = (fromExternalId: string, newExternalId: string) => sql`
  insert into messages (conversation_id, channel, external_id, direction, author_external_id, author_handle,
    author_name, contact_id, sender_user_id, text, created_at, received_at, in_reply_to, thread_id, url,
    author_followers, raw_json, sentiment, sentiment_score, intent, priority, triage_json, delivery_status,
    delivery_error, meta_json)
  select conversation_id, channel, ${newExternalId}, direction, author_external_id, author_handle, author_name,
    contact_id, sender_user_id, text, created_at, received_at, in_reply_to, thread_id, url, author_followers,
    raw_json, sentiment, sentiment_score, intent, priority, triage_json, delivery_status, delivery_error, meta_json
  from messages where external_id = ${fromExternalId}`;

// SQLite has one writer at a time: a merge cannot interleave with another transaction's insert there.
describe.skipIf(!pgTestUrl())('ingest racing another writer on PostgreSQL', () => {
  let db: Db | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('a merge that meets a message another transaction just committed into the merged conversation retries, and keeps it', async () => {
    db = await freshDb('postgres');
    const services = await servicesFor(db);
    // two conversations: '1' alone, and '3' waiting for its parent '2' (a late parent)
    await ingestMessages(services, [msg('1', { at: 0 })], systemActor);
    await ingestMessages(services, [msg('3', { reply: '2', at: 7 })], systemActor);
    const before = await db.kysely.selectFrom('conversations').select('id').execute();
    expect(before).toHaveLength(2);

    // Another writer adds a message to both conversations and holds its transaction open. Its rows
    // are invisible to the merge's UPDATE of messages, and its foreign-key lock on each
    // conversation makes the merge's DELETE wait until it commits: the classic interleaving.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted!: () => void;
    const insertedBoth = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const other = db.kysely.transaction().execute(async (trx) => {
      await copyMessage('1', 'other-1').execute(trx);
      await copyMessage('3', 'other-3').execute(trx);
      inserted();
      await released;
    });
    await insertedBoth;

    // '2' answers '1' and is the parent of '3': it joins the two conversations into one
    const merging = ingestMessages(services, [msg('2', { dir: 'outbound', reply: '1', at: 5 })], systemActor);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const waiting = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and query ilike 'delete from "conversations"%'`.execute(db.kysely);
      if ((waiting.rows[0]?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await other;

    const report = await merging;
    expect(report.inserted).toBe(1);
    const conversations = await db.kysely.selectFrom('conversations').select('id').execute();
    expect(conversations).toHaveLength(1);
    const messages = await db.kysely
      .selectFrom('messages')
      .select(['external_id', 'conversation_id'])
      .orderBy('external_id')
      .execute();
    expect(messages.map((m) => m.external_id)).toEqual(['1', '2', '3', 'other-1', 'other-3']);
    expect(new Set(messages.map((m) => m.conversation_id))).toEqual(new Set([conversations[0]?.id]));
  });
});
