/**
 * Conversations, messages, labels and notes (store/conversations-repo.ts) and what the conversation
 * screen reads of them (store/conversation-views.ts), on both engines.
 */
import { expect } from 'vitest';
import { insertAttachments } from '../../src/store/channel-accounts-repo.js';
import { loadConversationDetail, presentConversations } from '../../src/store/conversation-views.js';
import {
  activeUsers,
  changeLabels,
  ensureLabels,
  getConversation,
  getMessage,
  insertNote,
  latestInbound,
  listLabels,
  requeueFailed,
  setDelivery,
  updateConversation,
} from '../../src/store/conversations-repo.js';
import { contractEngines } from '../support/contract.js';
import { expectUnchanged, runStoreContract } from '../support/store-contract.js';
import { addContact, addConversation, addMessage, addUser, NOW } from './seed.js';

for (const engine of contractEngines) {
  runStoreContract(
    'conversations, messages, labels and notes',
    {
      engine,
      skip:
        engine === 'postgres'
          ? [
              {
                reason:
                  'messages.sentiment_score is `real` (float4, about 7 significant digits) on PostgreSQL and a double on SQLite',
                tests: ['keeps a sentiment score exactly'],
              },
            ]
          : [],
    },
    (test) => {
      test('answers the newest inbound message, the later id on a tie', async ({ db }) => {
        const c = await addConversation(db);
        await addMessage(db, c, { created_at: NOW });
        const tieA = await addMessage(db, c, { created_at: NOW + 5 });
        const tieB = await addMessage(db, c, { created_at: NOW + 5 });
        await addMessage(db, c, { created_at: NOW + 9, direction: 'outbound', delivery_status: 'sent' });
        const latest = await latestInbound(db.kysely, c);
        expect(latest?.id).toBe(Math.max(tieA, tieB));
        expect(await latestInbound(db.kysely, 999)).toBeUndefined();
        return latest?.external_id;
      });

      test('records delivery outcomes; of two concurrent retries of a failed send, one wins', async ({
        db,
      }) => {
        const c = await addConversation(db);
        const m = await addMessage(db, c, { direction: 'outbound', delivery_status: 'queued' });
        await setDelivery(db.kysely, m, { status: 'failed', error: 'timeout' });
        const failed = await getMessage(db.kysely, m);
        const wins = await Promise.all([requeueFailed(db.kysely, m), requeueFailed(db.kysely, m)]);
        expect(wins.filter(Boolean)).toHaveLength(1);
        expect(await requeueFailed(db.kysely, m)).toBe(false);
        await setDelivery(db.kysely, m, { status: 'sent', externalId: 'chan-1' });
        const sent = await getMessage(db.kysely, m);
        return {
          failed: [failed?.delivery_status, failed?.delivery_error],
          sent: [sent?.delivery_status, sent?.delivery_error, sent?.external_id],
        };
      });

      test('keeps a sentiment score exactly', async ({ db }) => {
        const c = await addConversation(db);
        const m = await addMessage(db, c, { sentiment_score: -0.123456789 });
        expect((await getMessage(db.kysely, m))?.sentiment_score).toBe(-0.123456789);
      });

      test('creates only the labels that are missing and applies them once', async ({ db }) => {
        const c = await addConversation(db);
        const first = await ensureLabels(db.kysely, ['refund', 'vip'], NOW);
        const second = await ensureLabels(db.kysely, ['vip', 'Late', 'late', 'vip'], NOW);
        expect(second.get('vip')).toBe(first.get('vip'));
        await changeLabels(db.kysely, c, [first.get('vip')!, first.get('vip')!, second.get('late')!], []);
        await changeLabels(db.kysely, c, [first.get('vip')!], [second.get('late')!]);
        await changeLabels(db.kysely, c, [], [first.get('refund')!]);
        const applied = await db.kysely
          .selectFrom('conversation_labels')
          .select('label_id')
          .where('conversation_id', '=', c)
          .execute();
        return { labels: await listLabels(db.kysely), applied: applied.map((a) => a.label_id) };
      });

      test('refuses a label or note for a conversation that does not exist, changing nothing', async ({
        db,
      }) => {
        const c = await addConversation(db);
        const user = await addUser(db);
        const [label] = (await ensureLabels(db.kysely, ['vip'], NOW)).values();
        await expectUnchanged(db, () => changeLabels(db.kysely, 999, [label!], []));
        await expectUnchanged(db, () => changeLabels(db.kysely, c, [999], []));
        await expectUnchanged(db, () =>
          insertNote(db.kysely, {
            conversationId: 999,
            authorUserId: user.id,
            text: 'x',
            mentions: [],
            now: NOW,
          }),
        );
      });

      test('updates a conversation and lists active users', async ({ db }) => {
        const c = await addConversation(db);
        const sam = await addUser(db, { name: 'Sam' });
        await addUser(db, { name: 'Off', disabled: 1 });
        await updateConversation(db.kysely, c, {
          status: 'pending',
          assignee_id: sam.id,
          updated_at: NOW + 1,
        });
        const row = await getConversation(db.kysely, c);
        expect(await getConversation(db.kysely, 999)).toBeUndefined();
        return {
          row: [row?.status, row?.assignee_id, row?.updated_at],
          active: (await activeUsers(db.kysely)).map((u) => u.name).sort(),
        };
      });

      test('shows a conversation with its messages, files, notes, labels and contact', async ({ db }) => {
        const agent = await addUser(db, { name: 'Alex' });
        const contact = await addContact(db, 'twitter', 'cust-1', 'Casey');
        await db.kysely
          .insertInto('contact_identities')
          .values({
            contact_id: contact,
            channel: 'email',
            external_id: 'c@x.test',
            handle: 'c@x.test',
            name: null,
            created_at: NOW,
          })
          .execute();
        const old = await addConversation(db, {
          contact_id: contact,
          status: 'resolved',
          last_message_at: NOW - 10,
        });
        const c = await addConversation(db, {
          contact_id: contact,
          assignee_id: agent.id,
          sentiment: 'negative',
        });
        const inbound = await addMessage(db, c, {
          text: 'Where is my order?',
          contact_id: contact,
          sentiment: 'negative',
          triage_json: '{"intent":"question"}',
          meta_json:
            '{"subject":"Order","found_by":"listening","keyword":"order","engagements":{"like":{"status":"done"}}}',
        });
        await addMessage(db, c, {
          direction: 'outbound',
          text: 'On its way',
          sender_user_id: agent.id,
          delivery_status: 'sent',
          created_at: NOW + 1,
        });
        const file = { messageId: inbound, contentType: 'text/plain', now: NOW };
        await insertAttachments(db.kysely, [
          { ...file, filename: 'a.txt', size: 3, data: Buffer.from('abc'), omittedReason: null },
          { ...file, filename: 'big.bin', size: 9e6, data: null, omittedReason: 'too large' },
        ]);
        await insertNote(db.kysely, {
          conversationId: c,
          authorUserId: agent.id,
          text: 'VIP',
          mentions: [agent.id],
          now: NOW,
        });
        const labels = await ensureLabels(db.kysely, ['vip', 'refund'], NOW);
        await changeLabels(db.kysely, c, [...labels.values()], []);
        const detail = await loadConversationDetail(db.kysely, c);
        expect(detail?.conversation.labels).toEqual(['refund', 'vip']);
        expect(detail?.contact?.pastConversations.map((p) => p.id)).toEqual([old]);
        expect(await loadConversationDetail(db.kysely, 999)).toBeNull();
        const rows = await db.kysely.selectFrom('conversations').selectAll().orderBy('id').execute();
        return { detail, list: await presentConversations(db.kysely, rows) };
      });
    },
  );
}
