/**
 * The Bluesky channel end to end against a real local network: a customer's mention reaches the
 * inbox, and the agent's replies from Rapport land in the customer's thread with the right root and
 * parent references, through the real outbound queue.
 */
import { AppBskyFeedDefs, AtpAgent } from '@atproto/api';
import { afterEach, expect, inject, test } from 'vitest';
import { createAccount, eventually, mention, type TestAccount } from './support/accounts.js';
import { type RapportUnderTest, startRapport } from './support/rapport.js';

let rapport: RapportUnderTest | null = null;
afterEach(async () => {
  await rapport?.close();
  rapport = null;
});

async function replyAs(
  author: TestAccount,
  to: { uri: string; cid: string },
  root: { uri: string; cid: string },
  text: string,
) {
  return author.agent.post({ text, reply: { root, parent: to } });
}

/** The agent's reply as stored, once the outbound worker has sent it. */
async function sentReply(r: RapportUnderTest, conversationId: number, messageId: number) {
  return eventually(
    async () => {
      const detail = await r.get<{
        messages: { id: number; externalId: string; deliveryStatus: string; deliveryError: string | null }[];
      }>(`/api/v1/conversations/${conversationId}`);
      const m = detail.messages.find((x) => x.id === messageId);
      if (m?.deliveryStatus === 'failed') throw new Error(`send failed: ${m.deliveryError}`);
      return m?.deliveryStatus === 'sent' ? m : undefined;
    },
    { timeoutMs: 10_000, what: 'the reply to be sent' },
  );
}

test('a customer mention reaches the inbox within 5 s, with the author’s name and follower count', async () => {
  const brand = await createAccount('acme', 'Acme Support');
  const customer = await createAccount('sam', 'Sam Customer');
  const fan = await createAccount('fan');
  await fan.agent.follow(customer.did);
  rapport = await startRapport();
  await rapport.addBluesky(brand);

  const started = Date.now();
  const post = await mention(customer, brand, 'my order #1234 never arrived and nobody answers');
  const detail = await rapport.conversationWith(post.uri, 5_000);
  const elapsed = Date.now() - started;
  console.log(`[bluesky tests] mention reached the inbox in ${elapsed} ms`);
  expect(elapsed).toBeLessThan(5_000);

  expect(detail.conversation.channel).toBe('bluesky');
  const [message] = detail.messages;
  expect(message).toMatchObject({
    externalId: post.uri,
    direction: 'inbound',
    author: { externalId: customer.did, handle: customer.handle, name: 'Sam Customer' },
  });
  expect(message!.text).toContain('never arrived');
  const row = await rapport.services.db.kysely
    .selectFrom('messages')
    .select(['meta_json', 'thread_id'])
    .where('external_id', '=', post.uri)
    .executeTakeFirstOrThrow();
  expect(JSON.parse(row.meta_json!)).toMatchObject({
    cid: post.cid,
    found_by: 'notification',
    reason: 'mention',
  });
  const contact = await rapport.services.db.kysely
    .selectFrom('contact_identities as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .select(['c.follower_count', 'i.handle'])
    .where('i.channel', '=', 'bluesky')
    .where('i.external_id', '=', customer.did)
    .executeTakeFirst();
  expect(contact).toEqual({ follower_count: 1, handle: customer.handle });

  const list = await rapport.get<{ items: { id: number }[] }>('/api/v1/conversations?channel=bluesky');
  expect(list.items.map((c) => c.id)).toContain(detail.conversation.id);
});

test('agent replies from Rapport land in the customer’s thread with correct root and parent', async () => {
  const brand = await createAccount('acme', 'Acme Support');
  const customer = await createAccount('kim', 'Kim');
  rapport = await startRapport();
  await rapport.addBluesky(brand);

  const first = await mention(customer, brand, 'the app logs me out every hour');
  const detail = await rapport.conversationWith(first.uri);
  const convId = detail.conversation.id;

  // first reply: answers the thread's first post
  const r1 = await rapport.post<{ message: { id: number } }>(`/api/v1/conversations/${convId}/reply`, {
    text: `Sorry about that @${customer.handle}! Which version are you on?`,
  });
  expect(r1.status).toBe(200);
  const sent1 = await sentReply(rapport, convId, r1.body.message.id);
  expect(sent1.externalId).toMatch(/^at:\/\/did:plc:[a-z0-9]+\/app\.bsky\.feed\.post\//);

  // the customer answers the brand's reply (a "reply" notification), and the agent answers again
  const asCustomer = await eventually(
    async () => (await customer.agent.getPosts({ uris: [sent1.externalId] })).data.posts[0],
    { what: 'the brand reply in the AppView' },
  );
  const second = await replyAs(
    customer,
    { uri: asCustomer.uri, cid: asCustomer.cid },
    first,
    'version 2.3 on Android',
  );
  const again = await rapport.conversationWith(second.uri);
  expect(again.conversation.id).toBe(convId); // threaded into the same conversation

  const r2 = await rapport.post<{ message: { id: number } }>(`/api/v1/conversations/${convId}/reply`, {
    text: 'Thanks! A fix ships tomorrow.',
  });
  const sent2 = await sentReply(rapport, convId, r2.body.message.id);

  // the AppView's view of the thread, as anyone reading it sees it
  const reader = new AtpAgent({ service: inject('bluesky').pdsUrl });
  await reader.login({ identifier: customer.handle, password: customer.password });
  const thread = await eventually(
    async () => {
      const res = await reader.getPostThread({ uri: sent2.externalId, depth: 0, parentHeight: 10 });
      return AppBskyFeedDefs.isThreadViewPost(res.data.thread) ? res.data.thread : undefined;
    },
    { what: 'the second reply in the AppView' },
  );
  const chain: { uri: string; record: Record<string, unknown>; author: string }[] = [];
  let node: AppBskyFeedDefs.ThreadViewPost['parent'] = thread;
  while (AppBskyFeedDefs.isThreadViewPost(node)) {
    chain.unshift({ uri: node.post.uri, record: node.post.record, author: node.post.author.did });
    node = node.parent;
  }
  expect(chain.map((p) => p.uri)).toEqual([first.uri, sent1.externalId, second.uri, sent2.externalId]);
  expect(chain.map((p) => p.author)).toEqual([customer.did, brand.did, customer.did, brand.did]);
  const reply2 = chain[3]!.record as {
    reply: { root: { uri: string; cid: string }; parent: { uri: string } };
  };
  expect(reply2.reply.root).toEqual({ uri: first.uri, cid: first.cid });
  expect(reply2.reply.parent.uri).toBe(second.uri);
  const reply1 = chain[1]!.record as {
    text: string;
    reply: { root: { uri: string }; parent: { uri: string } };
    facets: { features: { $type: string; did?: string }[] }[];
  };
  expect(reply1.reply.root.uri).toBe(first.uri);
  expect(reply1.reply.parent.uri).toBe(first.uri);
  expect(reply1.facets.flatMap((f) => f.features)).toContainEqual({
    $type: 'app.bsky.richtext.facet#mention',
    did: customer.did,
  });

  // the customer is notified of the reply (it is a real reply, not a loose post)
  const notified = await eventually(
    async () =>
      (await reader.listNotifications({ limit: 50 })).data.notifications.find(
        (n) => n.reason === 'reply' && n.uri === sent2.externalId,
      ),
    { what: 'the customer’s reply notification' },
  );
  expect(notified.author.did).toBe(brand.did);

  // the poller reads the brand's own replies too: Rapport's replies are recognised, not duplicated
  await new Promise((r) => setTimeout(r, 2_500));
  const final = await rapport.get<{ messages: { direction: string; externalId: string }[] }>(
    `/api/v1/conversations/${convId}`,
  );
  expect(final.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound', 'outbound']);
});

test('a reply over 300 characters is refused before anything is sent', async () => {
  const brand = await createAccount('acme');
  const customer = await createAccount('lee');
  rapport = await startRapport();
  await rapport.addBluesky(brand);
  const post = await mention(customer, brand, 'hello?');
  const detail = await rapport.conversationWith(post.uri);
  const res = await rapport.post<{ error: { message: string } }>(
    `/api/v1/conversations/${detail.conversation.id}/reply`,
    { text: 'x'.repeat(301) },
  );
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(/301 characters; bluesky allows 300/);
});

test('brand replies made in the Bluesky app show up in the conversation as outbound', async () => {
  const brand = await createAccount('acme');
  const customer = await createAccount('ola', 'Ola');
  rapport = await startRapport();
  await rapport.addBluesky(brand);
  const post = await mention(customer, brand, 'is the shop open on Sunday?');
  const detail = await rapport.conversationWith(post.uri);
  const inApp = await replyAs(brand, post, post, 'Yes, 10 to 4!');
  const echo = await rapport.conversationWith(inApp.uri);
  expect(echo.conversation.id).toBe(detail.conversation.id);
  expect(echo.messages.find((m) => m.externalId === inApp.uri)).toMatchObject({
    direction: 'outbound',
    author: { externalId: brand.did },
    text: 'Yes, 10 to 4!',
  });
});
