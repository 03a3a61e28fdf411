/** The local network works end to end: a post mentioning the brand shows in the brand's notifications. */
import { AtpAgent, RichText } from '@atproto/api';
import { expect, inject, test } from 'vitest';
import { createAccount, eventually } from './support/accounts.js';

test('a mention reaches the brand as a notification', async () => {
  const brand = await createAccount('brand', 'Acme Support');
  const customer = await createAccount('sam', 'Sam');

  const rt = new RichText({ text: `@${brand.handle} my order never arrived` });
  await rt.detectFacets(customer.agent);
  const post = await customer.agent.post({ text: rt.text, facets: rt.facets });

  // the brand logs in with its app password, as Rapport will
  const asBrand = new AtpAgent({ service: inject('bluesky').pdsUrl });
  await asBrand.login({ identifier: brand.handle, password: brand.appPassword });
  const mention = await eventually(
    async () => {
      const res = await asBrand.listNotifications({ limit: 50 });
      return res.data.notifications.find((n) => n.reason === 'mention' && n.uri === post.uri);
    },
    { what: 'the mention notification' },
  );
  expect(mention.author.did).toBe(customer.did);
  expect(mention.author.displayName).toBe('Sam');
  expect((mention.record as { text: string }).text).toContain('never arrived');
});
