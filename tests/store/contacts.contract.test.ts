/** Contacts (store/contacts-repo.ts) and the chat widget's reads and profile writes (store/chat-repo.ts). */
import { expect } from 'vitest';
import {
  applyVisitorProfile,
  conversationMessagesForWidget,
  messageInConversations,
  visitorConversationIds,
} from '../../src/store/chat-repo.js';
import { resolveContacts } from '../../src/store/contacts-repo.js';
import type { Db } from '../../src/store/database.js';
import { contractEngines } from '../support/contract.js';
import { runStoreContract } from '../support/store-contract.js';
import { addContact, addConversation, addMessage, NOW } from './seed.js';

/** Contacts with their identities, in id order, as plain rows. */
async function people(db: Db) {
  return db.kysely
    .selectFrom('contacts as c')
    .innerJoin('contact_identities as i', 'i.contact_id', 'c.id')
    .select([
      'c.id',
      'c.name',
      'c.follower_count',
      'c.updated_at',
      'i.channel',
      'i.external_id',
      'i.handle',
      'i.name as identity_name',
    ])
    .orderBy('c.id')
    .orderBy('i.id')
    .execute();
}

async function insertChatAccount(db: Db, name: string) {
  const row = await db.kysely
    .insertInto('channel_accounts')
    .values({
      channel: 'chat',
      name,
      settings_json: '{}',
      secrets_enc: null,
      status: 'active',
      status_message: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

for (const engine of contractEngines) {
  runStoreContract('contacts and chat visitors', { engine }, (test) => {
    test('creates one contact per new author, the latest fields winning within a batch', async ({ db }) => {
      const resolved = await resolveContacts(
        db.kysely,
        'bluesky',
        [
          { id: 'did:a', handle: 'a.test', name: null, followers: 10 },
          { id: 'did:b', handle: 'b.test' },
          { id: 'did:a', name: 'Ann', followers: 12 },
        ],
        NOW,
      );
      expect(resolved.size).toBe(2);
      return { resolved: [...resolved], people: await people(db) };
    });

    test('keeps handle, name and reach current; a missing value keeps the stored one', async ({ db }) => {
      await resolveContacts(
        db.kysely,
        'bluesky',
        [{ id: 'did:a', handle: 'a.test', name: 'Ann', followers: 10 }],
        NOW,
      );
      const again = await resolveContacts(
        db.kysely,
        'bluesky',
        [{ id: 'did:a', handle: 'ann.test' }],
        NOW + 1,
      );
      const reach = await resolveContacts(db.kysely, 'bluesky', [{ id: 'did:a', followers: 99 }], NOW + 2);
      expect(again.get('did:a')).toBe(reach.get('did:a'));
      const rows = await people(db);
      expect(rows).toMatchObject([
        { handle: 'ann.test', identity_name: 'Ann', follower_count: 99, updated_at: NOW + 2 },
      ]);
      return rows;
    });

    test('one author id on two channels is two contacts; large batches resolve whole', async ({ db }) => {
      const authors = Array.from({ length: 1_234 }, (_, i) => ({ id: `u${i}`, name: `User ${i}` }));
      const email = await resolveContacts(db.kysely, 'email', authors, NOW);
      const chat = await resolveContacts(db.kysely, 'chat', authors.slice(0, 3), NOW);
      const twice = await resolveContacts(db.kysely, 'email', authors, NOW);
      expect(Object.fromEntries(twice)).toEqual(Object.fromEntries(email));
      expect(chat.get('u0')).not.toBe(email.get('u0'));
      // ids follow the batch order
      const ids = authors.map((a) => email.get(a.id)!);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      return {
        email: [...email].slice(0, 3),
        chat: [...chat],
        contacts: new Set([...email.values(), ...chat.values()]).size,
      };
    });

    test("finds a visitor's conversations by thread key and account, never across accounts", async ({
      db,
    }) => {
      const shop = await insertChatAccount(db, 'shop');
      const other = await insertChatAccount(db, 'other');
      const mine = await addConversation(db, { channel: 'chat', thread_key: 'v1', channel_account_id: shop });
      await addConversation(db, { channel: 'chat', thread_key: 'v2', channel_account_id: shop });
      await addConversation(db, { channel: 'chat', thread_key: 'v1x', channel_account_id: other });
      const found = await visitorConversationIds(db.kysely, {
        channel: 'chat',
        accountId: shop,
        threadKey: 'v1',
      });
      expect(found).toEqual([mine]);
      expect(
        await visitorConversationIds(db.kysely, { channel: 'chat', accountId: other, threadKey: 'v1' }),
      ).toEqual([]);
      return found;
    });

    test('shows a visitor the newest messages of their own conversations only, oldest first', async ({
      db,
    }) => {
      const a = await addConversation(db, { channel: 'chat' });
      const b = await addConversation(db, { channel: 'chat' });
      const stranger = await addConversation(db, { channel: 'chat' });
      for (let i = 0; i < 6; i += 1) {
        await addMessage(db, i % 2 ? a : b, {
          channel: 'chat',
          text: `m${i}`,
          created_at: NOW + (i < 4 ? i : 3),
        });
      }
      const theirs = await addMessage(db, stranger, { channel: 'chat', text: 'not yours' });
      const history = await conversationMessagesForWidget(db.kysely, [a, b], 4);
      expect(history.map((m) => m.text)).toEqual(['m2', 'm3', 'm4', 'm5']);
      expect(await conversationMessagesForWidget(db.kysely, [], 4)).toEqual([]);
      expect(await messageInConversations(db.kysely, theirs, [a, b])).toBeNull();
      expect(await messageInConversations(db.kysely, theirs, [])).toBeNull();
      return { history, own: await messageInConversations(db.kysely, history[0]!.id, [a, b]) };
    });

    test("puts what a visitor said on their contact as a claim, never taking anyone's address", async ({
      db,
    }) => {
      const profile = { channel: 'chat', name: 'Casey', email: 'casey@x.test', now: NOW + 1 };
      await applyVisitorProfile(db.kysely, { ...profile, visitorId: 'nobody' });
      expect(await people(db)).toEqual([]);
      const visitor = await addContact(db, 'chat', 'v1', null);
      const owner = await addContact(db, 'email', 'taken@x.test', 'Owner');
      await applyVisitorProfile(db.kysely, { ...profile, visitorId: 'v1' });
      await addContact(db, 'chat', 'v2', 'Named');
      await applyVisitorProfile(db.kysely, {
        ...profile,
        visitorId: 'v2',
        email: 'taken@x.test',
        name: 'Other',
      });
      const rows = await people(db);
      // typed, not confirmed: no email identity, so mail from the address finds no visitor
      expect(rows.filter((r) => r.id === visitor).map((r) => r.channel)).toEqual(['chat']);
      expect(rows.filter((r) => r.id === visitor).map((r) => r.handle)).toEqual(['casey@x.test']);
      const claims = await db.kysely
        .selectFrom('contact_identities')
        .select(['external_id', 'email', 'email_confirmed'])
        .where('channel', '=', 'chat')
        .orderBy('id')
        .execute();
      expect(claims).toEqual([
        { external_id: 'v1', email: 'casey@x.test', email_confirmed: 0 },
        { external_id: 'v2', email: 'taken@x.test', email_confirmed: 0 },
      ]);
      expect(rows.filter((r) => r.external_id === 'taken@x.test').map((r) => r.id)).toEqual([owner]);
      return rows;
    });
  });
}
