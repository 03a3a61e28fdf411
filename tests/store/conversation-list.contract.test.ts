/** The inbox listing (store/conversation-list.ts): orderings, keyset pages and filters, on both engines. */
import { expect } from 'vitest';
import {
  type ConversationFilter,
  type ConversationSort,
  encodeCursor,
  listConversations,
} from '../../src/store/conversation-list.js';
import { changeLabels, ensureLabels } from '../../src/store/conversations-repo.js';
import type { Db } from '../../src/store/database.js';
import type { ConversationStatus } from '../../src/store/schema.js';
import { contractEngines } from '../support/contract.js';
import { runStoreContract } from '../support/store-contract.js';
import { addConversation, addMessage, addUser, NOW } from './seed.js';

const MIN = 60_000;

/**
 * Fourteen conversations across statuses and channels, with ties on every sort key (so only the
 * id decides between them) and some without a waiting or due time.
 */
async function seedInbox(db: Db) {
  const sam = await addUser(db, { name: 'Sam' });
  const statuses: ConversationStatus[] = [
    'open',
    'pending',
    'open',
    'resolved',
    'snoozed',
    'open',
    'pending',
  ];
  const ids: number[] = [];
  for (let i = 0; i < 14; i += 1) {
    const id = await addConversation(db, {
      status: statuses[i % statuses.length]!,
      channel: i % 3 === 0 ? 'email' : 'twitter',
      priority: [80, 50, 50, 20][i % 4]!,
      sentiment: i % 2 === 0 ? 'negative' : 'positive',
      assignee_id: i % 5 === 0 ? sam.id : null,
      last_message_at: NOW - (i % 4) * MIN,
      waiting_since: i % 3 === 2 ? null : NOW - (i % 5) * MIN,
      reply_due_at: i % 4 === 3 ? null : NOW + (i % 3) * MIN,
    });
    await addMessage(db, id, { text: i % 2 === 0 ? `parcel number ${i} is late` : `thanks for item ${i}` });
    ids.push(id);
  }
  const labels = await ensureLabels(db.kysely, ['vip'], NOW);
  for (const id of [ids[1]!, ids[4]!, ids[7]!]) await changeLabels(db.kysely, id, [labels.get('vip')!], []);
  return { ids, sam };
}

/** Every row of a listing, page by page (`limit` a page), checking that pages neither overlap nor skip. */
async function allPages(db: Db, filter: Omit<ConversationFilter, 'limit' | 'cursor'>, limit: number) {
  const ids: number[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const res = await listConversations(db.kysely, db.engine, { ...filter, limit, cursor });
    ids.push(...res.rows.map((r) => r.id));
    expect(res.rows.length).toBeLessThanOrEqual(limit);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

const sorts: ConversationSort[] = ['priority', 'recent', 'waiting', 'due'];

for (const engine of contractEngines) {
  runStoreContract('inbox listing', { engine }, (test) => {
    test('pages through every ordering in the order of one full read, ties broken by id', async ({ db }) => {
      await seedInbox(db);
      const out: Record<string, number[]> = {};
      for (const sort of sorts) {
        for (const statuses of [['open'], ['open', 'pending', 'snoozed']] as ConversationStatus[][]) {
          const whole = await allPages(db, { statuses, sort }, 100);
          for (const limit of [1, 3, 5]) expect(await allPages(db, { statuses, sort }, limit)).toEqual(whole);
          out[`${sort} ${statuses.join('+')}`] = whole;
        }
      }
      // the orderings' own rules, checked on the full read
      const rows = await db.kysely.selectFrom('conversations').selectAll().execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const priority = out['priority open+pending+snoozed']!.map((id) => [byId.get(id)!.priority, id]);
      expect(priority).toEqual([...priority].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!));
      expect(out['waiting open']!.every((id) => byId.get(id)!.waiting_since !== null)).toBe(true);
      expect(out['due open']!.every((id) => byId.get(id)!.reply_due_at !== null)).toBe(true);
      return out;
    });

    test('filters by channel, sentiment, assignee, label, priority and due time', async ({ db }) => {
      const { sam } = await seedInbox(db);
      const base = { statuses: ['open', 'pending'] as ConversationStatus[], sort: 'priority' as const };
      const filters: Record<string, Omit<ConversationFilter, 'limit' | 'cursor'>> = {
        email: { ...base, channel: 'email' },
        negative: { ...base, sentiment: 'negative' },
        sam: { ...base, assignee: sam.id },
        unassigned: { ...base, assignee: 'none' },
        vip: { ...base, label: 'vip' },
        unknownLabel: { ...base, label: 'nope' },
        urgent: { ...base, priorityMin: 50 },
        breaching: { ...base, sort: 'due', dueBefore: NOW + MIN },
        everything: { statuses: [], sort: 'recent' },
      };
      const out: Record<string, number[]> = {};
      for (const [name, filter] of Object.entries(filters)) out[name] = await allPages(db, filter, 4);
      expect(out.unknownLabel).toEqual([]);
      expect(out.everything).toHaveLength(14);
      return out;
    });

    test('searches within the inbox: only matching conversations, in the chosen order and pages', async ({
      db,
    }) => {
      await seedInbox(db);
      const out: Record<string, number[]> = {};
      for (const sort of sorts) {
        const filter = { statuses: ['open', 'pending'] as ConversationStatus[], sort, q: 'parcel late' };
        const whole = await allPages(db, filter, 100);
        expect(await allPages(db, filter, 2)).toEqual(whole);
        out[sort] = whole;
      }
      out.none = await allPages(db, { statuses: ['open'], sort: 'priority', q: 'walrus' }, 5);
      expect(out.none).toEqual([]);
      return out;
    });

    test('starts from the top when the cursor is not one of ours, and after any well-formed key', async ({
      db,
    }) => {
      await seedInbox(db);
      const filter = { statuses: ['open'] as ConversationStatus[], sort: 'priority' as const, limit: 3 };
      const first = await listConversations(db.kysely, db.engine, filter);
      const junk = await listConversations(db.kysely, db.engine, { ...filter, cursor: 'not a cursor' });
      expect(junk.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      // a key between rows (priority 60, any id) continues below it
      const below = await listConversations(db.kysely, db.engine, {
        ...filter,
        cursor: encodeCursor({ v: 60, id: 0 }),
      });
      expect(below.rows.every((r) => r.priority <= 50)).toBe(true);
      return { first: first.rows.map((r) => r.id), below: below.rows.map((r) => r.id) };
    });
  });
}
