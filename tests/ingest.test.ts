import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../src/commands/services.js';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { type BulkBatch, ingestBulk } from '../src/ingest/ingest-bulk.js';
import { startEventStream } from '../src/runtime/event-stream.js';
import type { Db } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

function msg(
  id: string,
  opts: {
    dir?: 'inbound' | 'outbound';
    reply?: string;
    at?: number;
    author?: string;
    text?: string;
    thread?: string;
  } = {},
): IncomingMessage {
  const v = validateMessage({
    channel: 'twitter',
    external_id: id,
    direction: opts.dir ?? 'inbound',
    author: { id: opts.author ?? (opts.dir === 'outbound' ? 'brand' : 'cust1'), name: 'Sam' },
    text: opts.text ?? `message ${id}`,
    created_at: new Date(Date.UTC(2026, 0, 1, 10) + (opts.at ?? 0) * 60_000).toISOString(),
    in_reply_to: opts.reply ?? null,
    thread_id: opts.thread ?? null,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

/** A forest: two separate threads, one with a branch, plus a lone message. */
const corpus = (): IncomingMessage[] => [
  msg('1', { at: 0 }),
  msg('2', { dir: 'outbound', reply: '1', at: 5 }),
  msg('3', { reply: '2', at: 7 }),
  msg('4', { dir: 'outbound', reply: '3', at: 9 }),
  msg('5', { reply: '2', at: 8, author: 'cust2' }),
  msg('10', { at: 1, author: 'cust3', text: 'my order never arrived' }),
  msg('11', { dir: 'outbound', reply: '10', at: 30 }),
  msg('20', { at: 2, author: 'cust4' }),
];

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function partition(db: Db) {
  const rows = await db.kysely.selectFrom('messages').select(['external_id', 'conversation_id']).execute();
  const groups = new Map<number, string[]>();
  for (const r of rows)
    groups.set(r.conversation_id, [...(groups.get(r.conversation_id) ?? []), r.external_id]);
  return [...groups.values()].map((g) => g.sort().join(',')).sort();
}

/** Every conversation's summary columns, oldest first: what must not depend on how messages arrived. */
async function conversationSummaries(db: Db) {
  const rows = await db.kysely
    .selectFrom('conversations')
    .select([
      'first_inbound_at',
      'first_response_at',
      'first_response_due_at',
      'waiting_since',
      'reply_due_at',
      'sentiment',
      'priority',
      'last_message_at',
      'last_message_preview',
      'message_count',
      'status',
    ])
    .orderBy('first_inbound_at')
    .execute();
  return rows.map((r) => JSON.stringify(r));
}

describe.each(testEngines)('ingest pipeline on %s', (engine) => {
  let db: Db;
  let services: Services;
  afterEach(async () => {
    await db?.close();
  });
  async function setup() {
    db = await freshDb(engine);
    services = await servicesFor(db);
  }

  it('stores a message once, with its contact and a new conversation', async () => {
    await setup();
    const first = await ingestMessages(services, [msg('1')], systemActor);
    expect(first.inserted).toBe(1);
    const again = await ingestMessages(services, [msg('1'), msg('1')], systemActor);
    expect(again.inserted).toBe(0);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(again.results[0]!.messageId).toBe(first.results[0]!.messageId);
    const counts = await db.kysely
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(1);
    const identities = await db.kysely.selectFrom('contact_identities').selectAll().execute();
    expect(identities).toHaveLength(1);
    expect(identities[0]!.external_id).toBe('cust1');
  });

  it('threads replies and computes first response from timestamps', async () => {
    await setup();
    await ingestMessages(services, corpus(), systemActor);
    expect(await partition(db)).toEqual(['1,2,3,4,5', '10,11', '20']);
    const conv = await db.kysely
      .selectFrom('conversations as c')
      .innerJoin('messages as m', 'm.conversation_id', 'c.id')
      .selectAll('c')
      .where('m.external_id', '=', '10')
      .executeTakeFirstOrThrow();
    const t0 = Date.UTC(2026, 0, 1, 10);
    expect(conv.first_inbound_at).toBe(t0 + 60_000);
    expect(conv.first_response_at).toBe(t0 + 30 * 60_000);
    expect(conv.waiting_since).toBeNull();
    expect(conv.message_count).toBe(2);
    expect(conv.last_message_direction).toBe('outbound');
  });

  it('gives the same conversations whatever the arrival order (one by one and in batches)', async () => {
    await setup();
    await ingestMessages(services, corpus(), systemActor);
    const expected = await partition(db);
    const summaries = () => conversationSummaries(db);
    const expectedSummaries = await summaries();
    for (const seed of [1, 2, 3, 4]) {
      await db.close();
      await setup();
      const order = shuffled(corpus(), seed);
      if (seed % 2 === 0) {
        for (const m of order) await ingestMessages(services, [m], systemActor);
      } else {
        await ingestMessages(services, order.slice(0, 3), systemActor);
        await ingestMessages(services, order.slice(3), systemActor);
      }
      expect(await partition(db)).toEqual(expected);
      expect(await summaries()).toEqual(expectedSummaries);
    }
  });

  it('a late parent pulls two reply conversations together', async () => {
    await setup();
    await ingestMessages(services, [msg('c1', { reply: 'p', at: 3 })], systemActor);
    await ingestMessages(services, [msg('c2', { reply: 'p', at: 4, author: 'cust2' })], systemActor);
    expect(await partition(db)).toEqual(['c1', 'c2']);
    await ingestMessages(services, [msg('p', { dir: 'outbound', at: 1 })], systemActor);
    expect(await partition(db)).toEqual(['c1,c2,p']);
    const convs = await db.kysely.selectFrom('conversations').selectAll().execute();
    expect(convs).toHaveLength(1);
    expect(convs[0]!.message_count).toBe(3);
  });

  it('uses channel thread ids', async () => {
    await setup();
    await ingestMessages(services, [msg('a', { thread: 'T1' }), msg('b', { thread: 'T2' })], systemActor);
    await ingestMessages(services, [msg('c', { thread: 'T1', at: 3 })], systemActor);
    expect(await partition(db)).toEqual(['a,c', 'b']);
  });

  it('bulk ingest shares transactions between batches, with the same result as one call', async () => {
    await setup();
    await ingestMessages(services, corpus(), systemActor);
    const expected = await partition(db);
    const summaries = () => conversationSummaries(db);
    const expectedSummaries = await summaries();
    await db.close();
    await setup();
    const all = shuffled(corpus(), 5);
    async function* batches(): AsyncGenerator<BulkBatch<string>> {
      yield { messages: all.slice(0, 3), tag: 'a' };
      yield { messages: all.slice(3, 5), tag: 'b' };
      yield { messages: [], tag: 'empty' };
      yield { messages: [...all.slice(5), all[0]!], tag: 'c' };
    }
    const commits: string[][] = [];
    await ingestBulk(services, batches(), systemActor, {
      perCommit: 5,
      onCommit: (done) => commits.push(done.map((d) => `${d.tag}:${d.inserted}/${d.duplicates}`)),
    });
    expect(commits).toEqual([['a:3/0', 'b:2/0', 'empty:0/0'], ['c:3/1']]);
    expect(await partition(db)).toEqual(expected);
    expect(await summaries()).toEqual(expectedSummaries);
  });

  it('bulk ingest commits what came before a failing source, then fails', async () => {
    await setup();
    async function* batches(): AsyncGenerator<BulkBatch<number>> {
      yield { messages: corpus().slice(0, 2), tag: 1 };
      throw new Error('file is broken');
    }
    let committed = 0;
    await expect(
      ingestBulk(services, batches(), systemActor, {
        perCommit: 100,
        onCommit: (done) => {
          committed += done.length;
        },
      }),
    ).rejects.toThrow('file is broken');
    expect(committed).toBe(1);
    expect(await partition(db)).toEqual(['1,2']);
  });

  it('keeps one contact per author, with handle, name and reach kept current', async () => {
    await setup();
    let n = 0;
    const from = (author: Record<string, unknown>) => {
      const v = validateMessage({
        channel: 'twitter',
        external_id: `k${n++}`,
        direction: 'inbound',
        author,
        text: 'hello',
        created_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      });
      if (!v.ok) throw new Error(v.errors.join(', '));
      return v.message;
    };
    const contacts = async () =>
      db.kysely
        .selectFrom('contact_identities as i')
        .innerJoin('contacts as c', 'c.id', 'i.contact_id')
        .select([
          'i.external_id',
          'i.contact_id',
          'i.handle',
          'i.name',
          'c.name as contact',
          'c.follower_count',
        ])
        .orderBy('i.external_id')
        .execute();
    await ingestMessages(
      services,
      [from({ id: 'u1', handle: 'sam', name: 'Sam', followers: 10 }), from({ id: 'u2', handle: 'kim' })],
      systemActor,
    );
    const first = await contacts();
    expect(first).toMatchObject([
      { external_id: 'u1', handle: 'sam', name: 'Sam', contact: 'Sam', follower_count: 10 },
      { external_id: 'u2', handle: 'kim', name: null, contact: 'kim', follower_count: null },
    ]);
    // a new handle and reach; an author named twice in one batch keeps the latest; no handle keeps the old one
    await ingestMessages(
      services,
      [
        from({ id: 'u1', handle: 'sam_new', followers: 12 }),
        from({ id: 'u2', name: 'Kim A' }),
        from({ id: 'u2', name: 'Kim B' }),
        from({ id: 'u3', name: 'Lee', followers: 0 }),
      ],
      systemActor,
    );
    const second = await contacts();
    expect(second).toMatchObject([
      {
        external_id: 'u1',
        contact_id: first[0]!.contact_id,
        handle: 'sam_new',
        name: 'Sam',
        follower_count: 12,
      },
      { external_id: 'u2', contact_id: first[1]!.contact_id, handle: 'kim', name: 'Kim B', contact: 'kim' },
      { external_id: 'u3', handle: null, name: 'Lee', contact: 'Lee', follower_count: 0 },
    ]);
    const stored = await db.kysely.selectFrom('messages').select(['external_id', 'contact_id']).execute();
    const contactOf = new Map(second.map((c) => [c.external_id, c.contact_id]));
    expect(stored.find((m) => m.external_id === 'k4')!.contact_id).toBe(contactOf.get('u2'));
  });

  it('reopens a resolved conversation on a new inbound message', async () => {
    await setup();
    const r = await ingestMessages(services, [msg('1')], systemActor);
    const id = r.results[0]!.conversationId;
    await db.kysely.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', id).execute();
    await ingestMessages(services, [msg('2', { reply: '1', at: 60 })], systemActor);
    const conv = await db.kysely
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(conv.status).toBe('open');
  });
});

describe('negative spikes in live traffic', () => {
  it('raises one alert event when a channel suddenly turns negative, and none for imported history', async () => {
    const db = await freshDb('sqlite');
    const services = await servicesFor(db);
    const stream = await startEventStream(services);
    const live: string[] = [];
    services.live.subscribe((e) => {
      if (e.type === 'alert') live.push(e.kind);
    });
    const at = (ms: number) => new Date(ms).toISOString();
    const angry = 'still no refund, charged twice and nobody answers, this is terrible';
    let n = 0;
    const send = async (text: string, when: number) => {
      services.clock.set(when);
      const v = validateMessage({
        channel: 'generic',
        external_id: `s${n++}`,
        direction: 'inbound',
        author: { id: `a${n}` },
        text,
        created_at: at(when),
      });
      if (!v.ok) throw new Error(v.errors.join());
      await ingestMessages(services, [v.message], systemActor);
    };
    const start = Date.UTC(2026, 5, 1, 8);
    // history from last year: a burst that must not alert now
    services.clock.set(start);
    for (let i = 0; i < 30; i++) await send(angry, start - 365 * 86_400_000 + i * 1000);
    // two hours of normal live traffic: one complaint per quarter hour
    for (let w = 0; w < 8; w++) await send(angry, start + w * 15 * 60_000);
    await stream.settle();
    expect(live).toEqual([]);
    // then an outage: twenty complaints within ten minutes
    for (let i = 0; i < 20; i++) await send(angry, start + 8 * 15 * 60_000 + i * 30_000);
    await stream.settle();
    expect(live).toEqual(['negative_spike']);
    const events = await db.kysely
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'alert.negative_spike')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data_json!)).toMatchObject({ channel: 'generic', kind: 'negative_spike' });
    await stream.stop();
    await db.close();
  });
});
