/**
 * Listening: saved keyword searches find people talking about the brand without tagging it, marked as
 * found by listening; posts that tag the brand still arrive once, as notifications; the brand's own
 * posts are not customers. Plus the daily follower snapshot.
 */
import { RichText } from '@atproto/api';
import { afterEach, expect, test } from 'vitest';
import { createAccount, eventually, uniqueSuffix } from './support/accounts.js';
import { metaOf, type RapportUnderTest, startRapport } from './support/rapport.js';

let rapport: RapportUnderTest | null = null;
afterEach(async () => {
  await rapport?.close();
  rapport = null;
});

test('a keyword post without a mention is found by listening and marked; tagged posts come once', async () => {
  const keyword = `Zorblax${uniqueSuffix()}`;
  const brand = await createAccount('zorblax', 'Zorblax Support');
  const talker = await createAccount('ana', 'Ana');
  const tagger = await createAccount('bo', 'Bo');
  await talker.agent.follow(brand.did);
  await tagger.agent.follow(brand.did);
  rapport = await startRapport();
  const accountId = await rapport.addBluesky(brand, { keywords: [keyword], listenIntervalSeconds: 1 });

  const untagged = await talker.agent.post({ text: `my ${keyword} kettle broke after two days` });
  const rt = new RichText({ text: `@${brand.handle} ${keyword} support, are you there?` });
  await rt.detectFacets(tagger.agent);
  const tagged = await tagger.agent.post({ text: rt.text, facets: rt.facets });
  const own = await brand.agent.post({ text: `${keyword} 2.0 is out today` });

  const found = await eventually(() => metaOf(rapport!, untagged.uri), { what: 'the listening find' });
  expect(found).toMatchObject({
    direction: 'inbound',
    meta: { found_by: 'listening', keyword, cid: untagged.cid },
  });
  const detail = await rapport.conversationWith(untagged.uri);
  expect(detail.messages[0]).toMatchObject({ author: { handle: talker.handle, name: 'Ana' } });

  const notified = await eventually(() => metaOf(rapport!, tagged.uri), { what: 'the tagged post' });
  expect(notified.meta).toMatchObject({ found_by: 'notification', reason: 'mention' });

  // a few more listening rounds: nothing else comes in, the brand's own post included
  await new Promise((r) => setTimeout(r, 2_500));
  expect(await metaOf(rapport, own.uri)).toBeUndefined();
  const all = await rapport.services.db.kysely.selectFrom('messages').select('external_id').execute();
  expect(all.map((m) => m.external_id).sort()).toEqual([untagged.uri, tagged.uri].sort());

  // the brand's audience, recorded once a day
  const snapshot = await rapport.services.db.kysely
    .selectFrom('audience_snapshots')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  expect(snapshot).toMatchObject({ day: new Date().toISOString().slice(0, 10), followers: 2 });
});
