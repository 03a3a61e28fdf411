/**
 * The ingest pipeline's store side, where each engine has its own implementation: the bulk writer
 * (store/bulk-writer.ts: prepared statements on SQLite, multi-row Kysely on PostgreSQL), the batch
 * lookups (store/ingest-lookups.ts, store/sqlite-lookups.ts) and the merges (store/ingest-repo.ts).
 */
import { expect } from 'vitest';
import type { ConversationSummary } from '../../src/domain/conversation-summary.js';
import { bulkWriterFor, type NewConversation } from '../../src/store/bulk-writer.js';
import type { Db } from '../../src/store/database.js';
import { ingestLookupsFor } from '../../src/store/ingest-lookups.js';
import { mergeConversations } from '../../src/store/ingest-repo.js';
import type { NewMessageRow } from '../../src/store/schema.js';
import { contractEngines } from '../support/contract.js';
import { expectUnchanged, runStoreContract } from '../support/store-contract.js';
import { addConversation, addMessage, addUser, NOW } from './seed.js';

const summary = (preview: string, at: number): ConversationSummary => ({
  contact_id: null,
  first_inbound_at: at,
  first_response_at: null,
  first_response_due_at: null,
  waiting_since: at,
  reply_due_at: null,
  resolution_due_at: null,
  sla_history: 0,
  sla_pauses_json: null,
  sentiment: 'neutral',
  priority: 40,
  last_message_at: at,
  last_message_preview: preview,
  last_message_direction: 'inbound',
  message_count: 1,
});

const newConversation = (threadKey: string | null, at: number): NewConversation => ({
  channel: 'twitter',
  threadKey,
  now: at,
  summary: summary(`thread ${threadKey}`, at),
  status: 'open',
});

const message = (
  conversationId: number,
  externalId: string,
  extra: Partial<NewMessageRow> = {},
): NewMessageRow => ({
  conversation_id: conversationId,
  channel: 'twitter',
  external_id: externalId,
  direction: 'inbound',
  author_external_id: 'cust',
  text: `text of ${externalId}`,
  created_at: NOW,
  received_at: NOW,
  delivery_status: 'received',
  ...extra,
});

/** Conversations and messages as stored (not PostgreSQL's generated search column). */
async function stored(db: Db) {
  const messages = await db.kysely.selectFrom('messages').selectAll().orderBy('id').execute();
  return {
    conversations: await db.kysely.selectFrom('conversations').selectAll().orderBy('id').execute(),
    messages: messages.map(
      ({ search: _search, ...row }: (typeof messages)[number] & { search?: unknown }) => row,
    ),
  };
}

for (const engine of contractEngines) {
  runStoreContract('ingest writes and lookups', { engine }, (test) => {
    test("the engine's bulk writer stores conversations and messages in input order", async ({ db }) => {
      const result = await db.kysely.transaction().execute(async (trx) => {
        const writer = bulkWriterFor(db, trx);
        const ids = await writer.insertConversations([
          newConversation('t1', NOW),
          newConversation(null, NOW + 1),
        ]);
        const messages = await writer.insertMessages([
          message(ids[0]!, 'a', { meta_json: '{"subject":"Hi"}', sentiment_score: 0.5 }),
          message(ids[1]!, 'b', { in_reply_to: 'x', thread_id: 't9' }),
          message(ids[0]!, 'c', { text: '😀'.repeat(400) }),
        ]);
        await writer.updateSummaries([
          { id: ids[0]!, summary: summary('updated', NOW + 5), now: NOW + 5 },
          { id: ids[1]!, summary: summary('resolved', NOW + 6), status: 'resolved', now: NOW + 6 },
        ]);
        return { ids, messages: [...messages] };
      });
      expect(result.ids).toEqual([...result.ids].sort((a, b) => a - b));
      return { result, stored: await stored(db) };
    });

    test('a batch repeating an external id is refused with its whole transaction', async ({ db }) => {
      const c = await addConversation(db);
      await addMessage(db, c, { external_id: 'taken' });
      await expectUnchanged(db, () =>
        db.kysely.transaction().execute(async (trx) => {
          const writer = bulkWriterFor(db, trx);
          await writer.insertConversations([newConversation('new', NOW)]);
          await writer.insertMessages([message(c, 'fresh'), message(c, 'taken')]);
        }),
      );
    });

    test("the engine's lookups answer dedupe, replies, threads, contacts and facts alike", async ({ db }) => {
      const one = await addConversation(db, { thread_key: 'T1' });
      const two = await addConversation(db);
      const three = await addConversation(db);
      await addMessage(db, one, { external_id: 'p1', created_at: NOW + 2 });
      await addMessage(db, two, {
        external_id: 'r1',
        in_reply_to: 'p1',
        sentiment: 'negative',
        priority: 70,
      });
      await addMessage(db, three, { external_id: 'r2', in_reply_to: 'p1', text: `${'é'.repeat(299)}😀tail` });
      await addMessage(db, three, { external_id: 'other', channel: 'email', in_reply_to: 'p1' });
      const answers = await db.kysely.transaction().execute(async (trx) => {
        const lookups = ingestLookupsFor(db, trx);
        const stored = await lookups.storedMessages('twitter', ['p1', 'r2', 'missing', 'p1', 'other']);
        const replies = await lookups.replyConversations('twitter', ['p1', 'r1', 'nothing']);
        const threads = await lookups.threadConversations('twitter', ['T1', 'T2']);
        const contacts = await lookups.resolveContacts(
          'twitter',
          [{ id: 'cust', name: 'Casey' }, { id: 'new' }],
          NOW,
        );
        const facts = await lookups.messageFacts([one, two, three, 999]);
        return {
          stored: [...stored].sort(),
          replies: [...replies].map(([k, v]) => [k, [...v].sort()]).sort(),
          threads: [...threads],
          contacts: [...contacts].sort(),
          // the fields MessageFacts declares (PostgreSQL's rows also carry their conversation id)
          facts: [...facts]
            .sort(([a], [b]) => a - b)
            .map(([k, v]) => [
              k,
              v
                .sort((x, y) => x.id - y.id)
                .map(({ id, direction, created_at, sentiment, priority, contact_id, preview }) => ({
                  ...{ id, direction, created_at, sentiment, priority, contact_id, preview },
                })),
            ]),
        };
      });
      expect(answers.stored.map(([k]) => k)).toEqual(['p1', 'r2']);
      expect(answers.replies).toEqual([['p1', [two, three].sort()]]);
      const preview = (answers.facts.find(([k]) => k === three)![1] as { preview: string }[])[0]!.preview;
      expect([...preview]).toHaveLength(300);
      return answers;
    });

    test('merges conversations: messages, notes and labels move; thread key and assignee are inherited', async ({
      db,
    }) => {
      const sam = await addUser(db, { name: 'Sam' });
      const target = await addConversation(db);
      const a = await addConversation(db, { thread_key: 'TA', assignee_id: sam.id });
      const b = await addConversation(db, { thread_key: 'TB' });
      const keep = await addConversation(db, { thread_key: 'TK' });
      for (const c of [target, a, b, keep]) await addMessage(db, c, { text: `in ${c}` });
      await db.kysely
        .insertInto('notes')
        .values({
          conversation_id: a,
          author_user_id: sam.id,
          text: 'n',
          mentions_json: '[]',
          created_at: NOW,
        })
        .execute();
      const label = await db.kysely
        .insertInto('labels')
        .values({ name: 'vip', color: null, created_at: NOW })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const c of [target, a, b]) {
        await db.kysely
          .insertInto('conversation_labels')
          .values({ conversation_id: c, label_id: label.id })
          .execute();
      }
      await db.kysely.transaction().execute((trx) => mergeConversations(trx, target, [a, b]));
      await mergeConversations(db.kysely, target, []);
      const after = await stored(db);
      expect(after.conversations.map((c) => c.id)).toEqual([target, keep]);
      expect(after.conversations[0]).toMatchObject({ thread_key: 'TA', assignee_id: sam.id });
      const notes = await db.kysely.selectFrom('notes').select('conversation_id').execute();
      const labels = await db.kysely.selectFrom('conversation_labels').selectAll().execute();
      return { after, notes, labels };
    });
  });
}
