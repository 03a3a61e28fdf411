/**
 * Stream mode (`stream: firehose`) against the local network's real firehose (the PDS's
 * com.atproto.sync.subscribeRepos): mentions, replies, quotes and keyword posts arrive through the
 * stream within 5 s; a restart resumes from the stored cursor, taking in what was posted while it was
 * stopped without reading earlier posts again; an unreachable stream marks the account broken.
 */
import net from 'node:net';
import { afterEach, expect, inject, test } from 'vitest';
import { startBlueskyInbound } from '../../src/channels/bluesky/inbound.js';
import type { ChannelContext, InboundRunner } from '../../src/channels/types.js';
import { loadChannelAccount } from '../../src/commands/channel-accounts.js';
import type { IncomingMessageInput } from '../../src/domain/message-format.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { createAccount, eventually, mention, uniqueSuffix } from './support/accounts.js';
import { metaOf, type RapportUnderTest, startRapport } from './support/rapport.js';

let rapport: RapportUnderTest | null = null;
let runner: InboundRunner | null = null;
let proxy: net.Server | null = null;
afterEach(async () => {
  await runner?.stop();
  runner = null;
  proxy?.close();
  proxy = null;
  await rapport?.close();
  rapport = null;
});

async function stateOf(r: RapportUnderTest, accountId: number, key: string) {
  const row = await r.services.db.kysely
    .selectFrom('channel_account_state')
    .select('value')
    .where('account_id', '=', accountId)
    .where('key', 'like', key)
    .executeTakeFirst();
  return row?.value;
}

/**
 * Waits until the account's first safety-net poll is done (its audience snapshot is written last)
 * and the stream is connected: it has stored a cursor. Commits (profile rewrites) are made until
 * then, since a stream without a cursor starts live and would not see one made before it connected.
 */
async function streamReady(r: RapportUnderTest, accountId: number) {
  const someone = await createAccount('warmup');
  await eventually(() => stateOf(r, accountId, 'audience-day'), { what: 'the first poll' });
  let rewrites = 0;
  const cursor = await eventually(
    async () => {
      const stored = await stateOf(r, accountId, 'firehose:%');
      if (stored) return stored;
      // a different name each time: the PDS makes no commit for a record rewritten unchanged
      rewrites += 1;
      await someone.agent.com.atproto.repo.putRecord({
        repo: someone.did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        record: { $type: 'app.bsky.actor.profile', displayName: `${someone.handle} ${rewrites}` },
      });
      return undefined;
    },
    { intervalMs: 200, what: 'a firehose cursor' },
  );
  return Number(cursor);
}

test('mentions, replies, quotes and keyword posts arrive through the firehose within 5 s', async () => {
  const keyword = `Quibblo${uniqueSuffix()}`;
  const brand = await createAccount('quibblo', 'Quibblo Support');
  const customer = await createAccount('cat', 'Cat Customer');
  const talker = await createAccount('tal', 'Tal');
  const announcement = await brand.agent.post({ text: 'Our new kettle is out' });
  rapport = await startRapport();
  const id = await rapport.addBluesky(brand, { stream: 'firehose', keywords: [keyword] });
  await streamReady(rapport, id);

  // each post must reach the inbox within 5 s of being made (timed from its own creation)
  const arrivals: Promise<number>[] = [];
  const timed = async <T extends { uri: string }>(make: () => Promise<T>): Promise<T> => {
    const post = await make();
    const made = Date.now();
    const r = rapport!;
    arrivals.push(r.conversationWith(post.uri, 5_000).then(() => Date.now() - made));
    return post;
  };
  const mentioned = await timed(() => mention(customer, brand, 'my kettle leaks'));
  const found = await timed(() => talker.agent.post({ text: `is anyone else's ${keyword} kettle leaking?` }));
  const reply = await timed(() =>
    customer.agent.post({ text: 'mine arrived broken', reply: { root: announcement, parent: announcement } }),
  );
  const quote = await timed(() =>
    talker.agent.post({
      text: 'hmm',
      embed: { $type: 'app.bsky.embed.record', record: { uri: announcement.uri, cid: announcement.cid } },
    }),
  );
  const unrelated = await talker.agent.post({ text: 'nice weather today' });
  const waits = await Promise.all(arrivals);
  console.log(`[bluesky tests] firehose posts reached the inbox after ${waits.join(', ')} ms`);
  expect(Math.max(...waits)).toBeLessThan(5_000);

  expect(await metaOf(rapport, mentioned.uri)).toMatchObject({
    direction: 'inbound',
    meta: { found_by: 'notification', reason: 'mention', via: 'firehose', cid: mentioned.cid },
  });
  expect((await metaOf(rapport, found.uri))?.meta).toMatchObject({
    found_by: 'listening',
    keyword,
    via: 'firehose',
  });
  expect((await metaOf(rapport, reply.uri))?.meta).toMatchObject({ reason: 'reply', via: 'firehose' });
  expect((await metaOf(rapport, quote.uri))?.meta).toMatchObject({
    reason: 'quote',
    via: 'firehose',
    quote_of: announcement.uri,
  });
  const detail = await rapport.conversationWith(mentioned.uri);
  expect(detail.messages[0]).toMatchObject({
    author: { externalId: customer.did, handle: customer.handle, name: 'Cat Customer' },
  });
  const reach = await rapport.services.db.kysely
    .selectFrom('contact_identities as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .select('c.follower_count')
    .where('i.external_id', '=', talker.did)
    .executeTakeFirst();
  expect(reach).toEqual({ follower_count: 0 });
  expect(await metaOf(rapport, unrelated.uri)).toBeUndefined();
  expect(await metaOf(rapport, announcement.uri)).toBeUndefined();
  const list = await rapport.get<{ items: { id: number; status: string }[] }>('/api/v1/channels');
  expect(list.items.find((a) => a.id === id)?.status).toBe('active');
});

/** A channel context whose ingest also records every message it is handed. */
function recordingContext(r: RapportUnderTest, account: Awaited<ReturnType<typeof loadChannelAccount>>) {
  const handed: IncomingMessageInput[] = [];
  const ctx: ChannelContext = createChannelContext(r.services, account, new AbortController().signal);
  const ingest = ctx.ingest.bind(ctx);
  ctx.ingest = (messages, options) => {
    handed.push(...messages);
    return ingest(messages, options);
  };
  const viaFirehose = () => handed.filter((m) => m.meta?.via === 'firehose').map((m) => m.external_id);
  return { ctx, viaFirehose };
}

test('a restart resumes from the stored cursor: posts made while stopped arrive, earlier ones are not read again', async () => {
  const keyword = `Frobnic${uniqueSuffix()}`;
  const brand = await createAccount('frobnic', 'Frobnic');
  const customer = await createAccount('dee', 'Dee');
  const talker = await createAccount('eli', 'Eli');
  rapport = await startRapport({ supervisor: false });
  const id = await rapport.addBluesky(brand, { stream: 'firehose', keywords: [keyword] });
  const account = await loadChannelAccount(rapport.services, id);
  const options = { streamPollMs: 3_600_000 };

  const first = recordingContext(rapport, account);
  runner = await startBlueskyInbound(account, first.ctx, options);
  await streamReady(rapport, id);
  const before = await mention(customer, brand, 'first question');
  await rapport.conversationWith(before.uri, 5_000);
  await runner.stop();
  runner = null;
  const cursor = Number(await stateOf(rapport, id, 'firehose:%'));
  expect(first.viaFirehose()).toEqual([before.uri]);

  // while stopped
  const during = await mention(customer, brand, 'second question, while you were away');
  const heard = await talker.agent.post({ text: `${keyword} ate my homework` });
  await talker.agent.post({ text: 'something else entirely' });

  const second = recordingContext(rapport, account);
  const restarted = Date.now();
  runner = await startBlueskyInbound(account, second.ctx, options);
  for (const post of [during, heard]) await rapport.conversationWith(post.uri, 5_000);
  console.log(`[bluesky tests] posts made while stopped arrived ${Date.now() - restarted} ms after restart`);
  await eventually(async () => (second.viaFirehose().length >= 2 ? true : undefined), {
    what: 'both posts through the firehose',
  });
  expect(second.viaFirehose().sort()).toEqual([during.uri, heard.uri].sort());
  expect((await metaOf(rapport, heard.uri))?.meta).toMatchObject({ found_by: 'listening', keyword });

  // the cursor moved on, and every post is stored once
  await eventually(
    async () => (Number(await stateOf(rapport!, id, 'firehose:%')) > cursor ? true : undefined),
    {
      what: 'the cursor to advance',
    },
  );
  const rows = await rapport.services.db.kysely.selectFrom('messages').select('external_id').execute();
  expect(rows.map((r) => r.external_id).sort()).toEqual([before.uri, during.uri, heard.uri].sort());
});

/** A free local port (nothing listens there until the caller does). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function statusOf(r: RapportUnderTest, id: number, status: string) {
  const list = await r.get<{ items: { id: number; status: string; statusMessage: string | null }[] }>(
    '/api/v1/channels',
  );
  const a = list.items.find((x) => x.id === id);
  return a?.status === status ? a : undefined;
}

test('a firehose that cannot be reached marks the account broken, saying where and why, until it is back', async () => {
  const brand = await createAccount('nofire');
  const customer = await createAccount('fay');
  rapport = await startRapport({ supervisor: false });
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const id = await rapport.addBluesky(brand, { stream: 'firehose', firehoseUrl: url });
  const account = await loadChannelAccount(rapport.services, id);
  const ctx = createChannelContext(rapport.services, account, new AbortController().signal);
  runner = await startBlueskyInbound(account, ctx, { unreachableMs: 1_500 });
  const broken = await eventually(() => statusOf(rapport!, id, 'broken'), {
    timeoutMs: 8_000,
    what: 'the account to be reported broken',
  });
  const escaped = url.replace(/\./g, '\\.');
  expect(broken.statusMessage).toMatch(
    new RegExp(
      `^cannot reach the Bluesky firehose at ${escaped} since \\S+: .*ECONNREFUSED.*\\(retrying; notifications are still polled\\)$`,
    ),
  );

  // the relay comes back (a proxy to the PDS on that port): reconnected with backoff, active again
  const pds = new URL(inject('bluesky').pdsUrl);
  proxy = net.createServer((socket) => {
    const upstream = net.connect(Number(pds.port), pds.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));
  await eventually(() => statusOf(rapport!, id, 'active'), {
    timeoutMs: 15_000,
    what: 'the account to recover',
  });
  const post = await mention(customer, brand, 'are you back?');
  await rapport.conversationWith(post.uri, 5_000);
  expect((await metaOf(rapport, post.uri))?.meta).toMatchObject({ via: 'firehose' });
});
