import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryResolve } from '../src/domain/conversation-summary.js';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { ingestBulk } from '../src/ingest/ingest-bulk.js';
import type { Db } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { bulk } from './support/bulk.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

function msg(id: string, at: number, opts: { reply?: string; out?: boolean } = {}): IncomingMessage {
  const v = validateMessage({
    channel: 'twitter',
    external_id: id,
    direction: opts.out ? 'outbound' : 'inbound',
    author: opts.out ? { id: 'brand' } : { id: `c-${id[0]}` },
    text: `message ${id}`,
    created_at: new Date(Date.UTC(2026, 0, 1) + at * 60_000).toISOString(),
    in_reply_to: opts.reply ?? null,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

/**
 * Four threads, named by their first letter, whose later messages come in later batches:
 * a: answered within its batch; b: a question answered only in the next batch;
 * c: answered, then the customer writes again; d: never answered.
 */
const history = (): IncomingMessage[][] => [
  [msg('a1', 0), msg('a2', 1, { out: true, reply: 'a1' }), msg('b1', 2), msg('c1', 3), msg('d1', 4)],
  [msg('b2', 5, { out: true, reply: 'b1' }), msg('c2', 6, { out: true, reply: 'c1' })],
  [msg('c3', 7, { reply: 'c2' })],
];

async function statuses(db: Db): Promise<Record<string, string>> {
  const rows = await db.kysely
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.external_id', 'c.status'])
    .execute();
  return Object.fromEntries(
    rows.filter((r) => r.external_id.endsWith('1')).map((r) => [r.external_id[0], r.status]),
  );
}

describe.each(testEngines)('importing history with --resolve, on %s', (engine) => {
  let db: Db;
  afterEach(async () => {
    await db?.close();
  });

  const load = async (resolve: HistoryResolve | undefined, perCommit: number) => {
    const services = await servicesFor(db);
    await ingestBulk(services, bulk(history()), systemActor, { perCommit, resolve, onCommit: () => {} });
  };

  it('leaves conversations as the mode says, however the batches fall into transactions', async () => {
    const expected: [HistoryResolve | undefined, Record<string, string>][] = [
      [undefined, { a: 'open', b: 'open', c: 'open', d: 'open' }],
      ['all', { a: 'resolved', b: 'resolved', c: 'resolved', d: 'resolved' }],
      ['answered', { a: 'resolved', b: 'resolved', c: 'open', d: 'open' }],
    ];
    for (const [resolve, want] of expected) {
      for (const perCommit of [1, 100]) {
        await db?.close();
        db = await freshDb(engine);
        await load(resolve, perCommit);
        expect(await statuses(db)).toEqual(want);
        // a rerun (after a crash, say) stores nothing and changes nothing
        await load(resolve, perCommit);
        expect(await statuses(db)).toEqual(want);
      }
    }
  });
});
