/**
 * The Bluesky sender on its own, against the real network: a retried send does not post twice, a
 * deleted parent is a clear final error, and the like/repost helpers act as the brand.
 */
import { RichText } from '@atproto/api';
import { afterEach, expect, test } from 'vitest';
import { createBlueskySender } from '../../src/channels/bluesky/sender.js';
import type { OutboundMessage } from '../../src/channels/types.js';
import { loadChannelAccount } from '../../src/commands/channel-accounts.js';
import { SendError } from '../../src/platform/errors.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { createAccount, eventually, type TestAccount } from './support/accounts.js';
import { type RapportUnderTest, startRapport } from './support/rapport.js';

let rapport: RapportUnderTest | null = null;
afterEach(async () => {
  await rapport?.close();
  rapport = null;
});

async function senderFor(brand: TestAccount) {
  rapport = await startRapport({ supervisor: false });
  const id = await rapport.addBluesky(brand);
  const account = await loadChannelAccount(rapport.services, id);
  return createBlueskySender(
    account,
    createChannelContext(rapport.services, account, new AbortController().signal),
  );
}

/** Waits until the AppView has indexed a post. */
async function indexed(reader: TestAccount, uri: string) {
  await eventually(async () => (await reader.agent.getPosts({ uris: [uri] })).data.posts[0], {
    what: `${uri} in the AppView`,
  });
}

function outbound(
  parent: { uri: string; cid: string } | null,
  text: string,
  over: Partial<OutboundMessage> = {},
) {
  return {
    messageId: 41,
    localId: 'local-41',
    conversationId: 1,
    channel: 'bluesky',
    text,
    inReplyTo: parent?.uri ?? null,
    parent: parent
      ? { externalId: parent.uri, meta: { cid: parent.cid }, authorExternalId: null, createdAt: Date.now() }
      : null,
    references: [],
    threadKey: null,
    recipient: null,
    senderName: 'Alex',
    createdAt: Date.now(),
    ...over,
  } satisfies OutboundMessage;
}

test('a retried send finds the post it already made instead of posting twice', async () => {
  const brand = await createAccount('acme');
  const customer = await createAccount('ren');
  const sender = await senderFor(brand);
  const rt = new RichText({ text: `@${brand.handle} help` });
  await rt.detectFacets(customer.agent);
  const post = await customer.agent.post({ text: rt.text, facets: rt.facets });

  await indexed(customer, post.uri); // as it is once it reached the inbox
  const message = outbound(post, 'We are on it.');
  const first = await sender.send(message);
  const retry = await sender.send(message); // e.g. the first response was lost and the job ran again
  expect(retry.externalId).toBe(first.externalId);
  expect(first.meta).toMatchObject({ root: { uri: post.uri, cid: post.cid }, parent: { uri: post.uri } });

  const feed = await eventually(
    async () => {
      const res = await brand.agent.getAuthorFeed({ actor: brand.did, filter: 'posts_with_replies' });
      return res.data.feed.length > 0 ? res.data.feed : undefined;
    },
    { what: 'the brand’s feed' },
  );
  expect(feed.map((f) => f.post.uri)).toEqual([first.externalId]);
  await sender.close?.();
});

test('a reply to a deleted post, a closed thread or nothing fails at once with a clear reason', async () => {
  const brand = await createAccount('acme');
  const customer = await createAccount('ida');
  const sender = await senderFor(brand);
  const post = await customer.agent.post({ text: 'gone soon' });
  await indexed(customer, post.uri); // it reached the inbox…
  await customer.agent.deletePost(post.uri); // …then its author deleted it
  await eventually(
    async () =>
      (await customer.agent.getPosts({ uris: [post.uri] })).data.posts.length === 0 ? true : undefined,
    { what: 'the deletion in the AppView' },
  );

  const deleted = outbound(post, 'hello', { parent: null });
  const error = await sender.send(deleted).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SendError);
  expect((error as SendError).retryable).toBe(false);
  expect((error as SendError).message).toMatch(/was deleted or is not visible/);

  const gated = await customer.agent.post({ text: 'no replies please' });
  await customer.agent.com.atproto.repo.createRecord({
    repo: customer.did,
    collection: 'app.bsky.feed.threadgate',
    rkey: gated.uri.split('/').pop()!,
    record: {
      $type: 'app.bsky.feed.threadgate',
      post: gated.uri,
      allow: [],
      createdAt: new Date().toISOString(),
    },
  });
  const closed = await eventually(
    async () => {
      const e = await sender.send(outbound(gated, 'hello', { messageId: 42 })).catch((x: unknown) => x);
      return e instanceof SendError && /only lets some people reply/.test(e.message) ? e : undefined;
    },
    { what: 'the closed thread to be refused' },
  );
  expect(closed.retryable).toBe(false);

  const orphan = await sender.send(outbound(null, 'hello')).catch((e: unknown) => e);
  expect((orphan as SendError).retryable).toBe(false);
  expect((orphan as SendError).message).toMatch(/needs the post it answers/);
  await sender.close?.();
});

test('like and repost act as the brand', async () => {
  const brand = await createAccount('acme');
  const customer = await createAccount('uma');
  const sender = await senderFor(brand);
  const post = await customer.agent.post({ text: 'Acme fixed my bike in a day!' });
  await indexed(customer, post.uri);

  // through the channel-neutral engage() the outbound queue uses; the cid is looked up
  const like = await sender.engage!('like', { externalId: post.uri, meta: null });
  const repost = await sender.repost({ uri: post.uri, cid: post.cid });
  expect(like.externalId).toMatch(new RegExp(`^at://${brand.did}/app.bsky.feed.like/`));
  expect(repost.uri).toMatch(new RegExp(`^at://${brand.did}/app.bsky.feed.repost/`));
  const view = await eventually(
    async () => {
      const p = (await customer.agent.getPosts({ uris: [post.uri] })).data.posts[0];
      return p && p.likeCount === 1 && p.repostCount === 1 ? p : undefined;
    },
    { what: 'the like and repost in the AppView' },
  );
  expect(view.likeCount).toBe(1);
  await sender.close?.();
});
