/**
 * One person across channels (issue 12), on both engines: identities joining on confirmed email
 * and handles, a chat visitor's address confirmed by a reply from it, and merge/un-merge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { confirmContactEmail, mergeContact, unmergeContact } from '../src/commands/contact-merge.js';
import type { Services } from '../src/commands/services.js';
import type { EventOf } from '../src/domain/events.js';
import { type IncomingMessageInput, validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { emailProofs } from '../src/listeners/email-proofs.js';
import { applyVisitorProfile } from '../src/store/chat-repo.js';
import type { Db } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

const T0 = Date.UTC(2026, 10, 1, 10);
const agent = { type: 'user' as const, id: 1, userId: 1, name: 'Alex' };

function msg(
  input: Partial<IncomingMessageInput> & {
    channel: string;
    external_id: string;
    author: IncomingMessageInput['author'];
  },
  minute = 0,
) {
  const v = validateMessage({
    direction: 'inbound',
    text: `hello ${input.external_id}`,
    created_at: new Date(T0 + minute * 60_000).toISOString(),
    ...input,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

async function contactOf(db: Db, channel: string, externalId: string) {
  const row = await db.kysely
    .selectFrom('contact_identities')
    .select('contact_id')
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.contact_id ?? null;
}

/** Where every identity, message and conversation is: the state merge then un-merge must restore. */
async function placement(db: Db) {
  const k = db.kysely;
  return {
    identities: await k.selectFrom('contact_identities').select(['id', 'contact_id']).orderBy('id').execute(),
    messages: await k.selectFrom('messages').select(['id', 'contact_id']).orderBy('id').execute(),
    conversations: await k.selectFrom('conversations').select(['id', 'contact_id']).orderBy('id').execute(),
    notes: await k.selectFrom('contact_notes').select(['id', 'contact_id']).orderBy('id').execute(),
    merged: await k.selectFrom('contacts').select(['id', 'merged_into']).orderBy('id').execute(),
  };
}

/** A chat visitor's message, as the widget sends it (the handle is the address they typed). */
const visitorSays = (visitor: string, id: string, email: string | null, minute: number) =>
  msg(
    {
      channel: 'chat',
      external_id: `${visitor}:${id}`,
      author: { id: visitor, handle: email, name: 'Sam Lee' },
      thread_id: `visitor:${visitor}`,
    },
    minute,
  );

const mailFrom = (from: string, id: string, minute: number, inReplyTo: string | null = null) =>
  msg(
    {
      channel: 'email',
      external_id: id,
      author: { id: from, handle: from, name: 'Sam Lee' },
      in_reply_to: inReplyTo,
    },
    minute,
  );

for (const engine of testEngines) {
  describe(`one person across channels (${engine})`, () => {
    let db: Db;
    let services: Services;
    afterEach(async () => {
      await db?.close();
    });
    async function setup() {
      db = await freshDb(engine);
      services = await servicesFor(db);
    }

    it('a chat visitor joins the contact of their email once a reply from the address confirms it', async () => {
      await setup();
      await ingestMessages(services, [mailFrom('sam@shop.test', '<a@mail>', 0)], systemActor);
      await ingestMessages(services, [visitorSays('v1', 'c1', 'sam@shop.test', 5)], systemActor);
      await applyVisitorProfile(db.kysely, {
        channel: 'chat',
        visitorId: 'v1',
        name: 'Sam Lee',
        email: 'sam@shop.test',
        now: T0,
      });
      const owner = await contactOf(db, 'email', 'sam@shop.test');
      // typed, not confirmed: the visitor stays apart, and takes no mail
      expect(await contactOf(db, 'chat', 'v1')).not.toBe(owner);
      expect(await contactOf(db, 'email', 'sam@shop.test')).toBe(owner);

      // an agent's chat reply went out by email to the typed address
      const [chatConversation] = (
        await db.kysely.selectFrom('conversations').select('id').where('channel', '=', 'chat').execute()
      ).map((r) => r.id);
      const reply = await db.kysely
        .insertInto('messages')
        .values({
          conversation_id: chatConversation!,
          channel: 'chat',
          external_id: 'local-1',
          direction: 'outbound',
          author_external_id: null,
          author_handle: null,
          author_name: 'Alex',
          contact_id: null,
          sender_user_id: null,
          text: 'We will check',
          created_at: T0 + 600_000,
          received_at: T0 + 600_000,
          in_reply_to: null,
          thread_id: null,
          url: null,
          author_followers: null,
          raw_json: null,
          sentiment: null,
          sentiment_score: null,
          intent: null,
          priority: null,
          triage_json: null,
          delivery_status: 'sent',
          delivery_error: null,
          meta_json: JSON.stringify({
            deliveredBy: 'email',
            email: { to: 'sam@shop.test', externalId: '<fallback-1@shop>' },
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const event = {
        id: 1,
        at: T0,
        type: 'reply.sent',
        data: { messageId: reply.id, externalId: 'local-1' },
      } as unknown as EventOf<'reply.sent'>;
      await emailProofs.handle(event, db.kysely, services);

      // someone else answering that mail proves nothing
      await ingestMessages(
        services,
        [mailFrom('eve@else.test', '<e@mail>', 20, '<fallback-1@shop>')],
        systemActor,
      );
      expect(await contactOf(db, 'chat', 'v1')).not.toBe(owner);

      await ingestMessages(
        services,
        [mailFrom('sam@shop.test', '<b@mail>', 30, '<fallback-1@shop>')],
        systemActor,
      );
      expect(await contactOf(db, 'chat', 'v1')).toBe(owner);
      const messages = await db.kysely
        .selectFrom('messages')
        .select(['channel', 'contact_id', 'author_external_id'])
        .where('direction', '=', 'inbound')
        .execute();
      const sams = messages.filter((m) => m.author_external_id !== 'eve@else.test');
      expect(new Set(sams.map((m) => m.contact_id))).toEqual(new Set([owner]));
      expect(new Set(sams.map((m) => m.channel))).toEqual(new Set(['chat', 'email']));
      const audit = await db.kysely
        .selectFrom('events')
        .select('type')
        .where('type', 'like', 'contact.%')
        .execute();
      expect(audit.map((e) => e.type)).toEqual(['contact.email_confirmed', 'contact.merged']);
    });

    it('a visitor who typed an unknown address owns it once a teammate confirms it; mail from it then joins', async () => {
      await setup();
      await ingestMessages(services, [visitorSays('v2', 'c1', 'new@shop.test', 0)], systemActor);
      const visitor = (await contactOf(db, 'chat', 'v2'))!;
      expect(await contactOf(db, 'email', 'new@shop.test')).toBeNull();
      const identity = await db.kysely
        .selectFrom('contact_identities')
        .select('id')
        .where('external_id', '=', 'v2')
        .executeTakeFirstOrThrow();
      const done = await confirmContactEmail(services, agent, visitor, identity.id);
      expect(done).toMatchObject({ contactId: visitor, mergeId: null });
      await ingestMessages(services, [mailFrom('new@shop.test', '<n@mail>', 5)], systemActor);
      expect(await contactOf(db, 'email', 'new@shop.test')).toBe(visitor);
    });

    it('the same handle joins one contact; two strangers with the same name stay two', async () => {
      await setup();
      await ingestMessages(
        services,
        [
          msg({
            channel: 'bluesky',
            external_id: 'p1',
            author: { id: 'did:plc:alice', handle: 'alice.test', name: 'Alice' },
          }),
          msg(
            {
              channel: 'bluesky',
              external_id: 'p2',
              author: { id: 'alice-imported', handle: '@Alice.test', name: 'Alice' },
            },
            1,
          ),
          msg({
            channel: 'email',
            external_id: '<s1@x>',
            author: { id: 'sam@one.test', handle: 'sam@one.test', name: 'Sam Lee' },
          }),
          msg({
            channel: 'email',
            external_id: '<s2@x>',
            author: { id: 'sam@two.test', handle: 'sam@two.test', name: 'Sam Lee' },
          }),
        ],
        systemActor,
      );
      expect(await contactOf(db, 'bluesky', 'did:plc:alice')).toBe(
        await contactOf(db, 'bluesky', 'alice-imported'),
      );
      expect(await contactOf(db, 'email', 'sam@one.test')).not.toBe(
        await contactOf(db, 'email', 'sam@two.test'),
      );
    });

    it('merge then un-merge returns every message and identity to where it was', async () => {
      await setup();
      await ingestMessages(
        services,
        [
          mailFrom('kim@one.test', '<k1@x>', 0),
          mailFrom('kim@one.test', '<k2@x>', 1),
          visitorSays('v9', 'c1', null, 2),
          visitorSays('v9', 'c2', null, 3),
          mailFrom('lee@two.test', '<l1@x>', 4),
        ],
        systemActor,
      );
      const kim = (await contactOf(db, 'email', 'kim@one.test'))!;
      const visitor = (await contactOf(db, 'chat', 'v9'))!;
      await db.kysely
        .insertInto('contact_notes')
        .values({ contact_id: visitor, author_user_id: null, text: 'likes tea', created_at: T0 })
        .execute();
      const before = await placement(db);
      const { mergeId } = await mergeContact(services, agent, kim, visitor);
      const merged = await placement(db);
      expect(new Set(merged.messages.map((m) => m.contact_id))).toEqual(
        new Set([kim, await contactOf(db, 'email', 'lee@two.test')]),
      );
      expect(merged.notes).toEqual([{ id: 1, contact_id: kim }]);
      // the visitor writes again while merged: it lands on the merged contact, and goes back with them
      await ingestMessages(services, [visitorSays('v9', 'c3', null, 10)], systemActor);
      await unmergeContact(services, agent, kim, mergeId);
      const after = await placement(db);
      expect({ ...after, messages: after.messages.slice(0, before.messages.length) }).toEqual(before);
      expect(after.messages.at(-1)!.contact_id).toBe(visitor);
      await expect(unmergeContact(services, agent, kim, mergeId)).rejects.toThrow(/already undone/);
      const audit = await db.kysely
        .selectFrom('events')
        .select('type')
        .where('type', 'like', 'contact.%')
        .execute();
      expect(audit.map((e) => e.type)).toEqual(['contact.merged', 'contact.unmerged']);
    });
  });
}
