import { describe, expect, test } from 'vitest';
import { keywordMatchers, matchStreamPost, searchableText } from './firehose-filter.js';

const BRAND = 'did:plc:brand';
const OTHER = 'did:plc:other';
const CUSTOMER = 'did:plc:customer';

function post(text: string, extra: Record<string, unknown> = {}) {
  return { $type: 'app.bsky.feed.post', text, createdAt: '2025-01-01T00:00:00Z', ...extra };
}
function ref(did: string, rkey = '3kabc') {
  return { uri: `at://${did}/app.bsky.feed.post/${rkey}`, cid: 'bafyrei' };
}
function mention(did: string) {
  return {
    facets: [
      { index: { byteStart: 0, byteEnd: 5 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] },
    ],
  };
}

describe('keywordMatchers', () => {
  const [acme, kettle] = keywordMatchers(['Acme', 'acme  kettle']);

  test('match whole words, case-insensitively, with punctuation and hashtags around them', () => {
    for (const text of ['acme', 'I love ACME!', "Acme's support", '#acme rocks', '(acme)', 'über-Acme'])
      expect(acme!.test(text), text).toBe(true);
  });

  test('do not match inside longer words', () => {
    for (const text of ['acmeology', 'packme', 'acme_corp', 'acme2', 'Ácme'])
      expect(acme!.test(text), text).toBe(false);
  });

  test('phrases match across any white space, and not with other words between', () => {
    expect(kettle!.test('my Acme\nkettle broke')).toBe(true);
    expect(kettle!.test('my acme red kettle')).toBe(false);
  });

  test('keywords with special characters are taken literally', () => {
    const [dotted] = keywordMatchers(['acme.io']);
    expect(dotted!.test('see acme.io today')).toBe(true);
    expect(dotted!.test('see acmexio today')).toBe(false);
  });

  test('blank keywords are dropped', () => {
    expect(keywordMatchers(['  ', 'x y']).map((k) => k.keyword)).toEqual(['x y']);
  });
});

describe('searchableText', () => {
  test('includes tags and image alt texts', () => {
    const text = searchableText(
      post('broken again', {
        tags: ['acme'],
        embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'an Akme kettle' }] },
      }),
    );
    expect(text).toContain('#acme');
    expect(text).toContain('an Akme kettle');
  });

  test('reads images under recordWithMedia too', () => {
    const record = post('x', {
      embed: {
        $type: 'app.bsky.embed.recordWithMedia',
        media: { $type: 'app.bsky.embed.images', images: [{ alt: 'acme box' }] },
      },
    });
    expect(searchableText(record)).toContain('acme box');
  });
});

describe('matchStreamPost', () => {
  const keywords = keywordMatchers(['acme']);

  test('a mention facet of the brand is a mention', () => {
    expect(
      matchStreamPost({ did: CUSTOMER, record: post('@brand help', mention(BRAND)) }, BRAND, []),
    ).toEqual({ foundBy: 'notification', reason: 'mention' });
  });

  test('a typed @handle without a facet is not a mention (but may match a keyword)', () => {
    expect(matchStreamPost({ did: CUSTOMER, record: post('@acme.bsky.social hi') }, BRAND, [])).toBeNull();
    expect(matchStreamPost({ did: CUSTOMER, record: post('@acme hi') }, BRAND, keywords)).toEqual({
      foundBy: 'listening',
      keyword: 'acme',
    });
  });

  test('replies to the brand’s post or in the brand’s thread are replies', () => {
    const direct = post('thanks', { reply: { root: ref(BRAND), parent: ref(BRAND) } });
    const deeper = post('me too', { reply: { root: ref(BRAND), parent: ref(OTHER) } });
    for (const record of [direct, deeper]) {
      expect(matchStreamPost({ did: CUSTOMER, record }, BRAND, keywords)).toEqual({
        foundBy: 'notification',
        reason: 'reply',
      });
    }
  });

  test('a quote of the brand is a quote, with or without media', () => {
    const plain = post('look', { embed: { $type: 'app.bsky.embed.record', record: ref(BRAND) } });
    const media = post('look', {
      embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: ref(BRAND) }, media: {} },
    });
    for (const record of [plain, media]) {
      expect(matchStreamPost({ did: CUSTOMER, record }, BRAND, [])).toEqual({
        foundBy: 'notification',
        reason: 'quote',
      });
    }
  });

  test('addressing the brand wins over a keyword: the post comes once, as the notification would', () => {
    const record = post('acme, help', mention(BRAND));
    expect(matchStreamPost({ did: CUSTOMER, record }, BRAND, keywords)?.foundBy).toBe('notification');
  });

  test('keyword posts that do not address the brand are listening finds', () => {
    const record = post('my Acme kettle broke', { reply: { root: ref(OTHER), parent: ref(OTHER) } });
    expect(matchStreamPost({ did: CUSTOMER, record }, BRAND, keywords)).toEqual({
      foundBy: 'listening',
      keyword: 'acme',
    });
  });

  test('the brand’s replies in other people’s threads come in as its own; its own threads do not', () => {
    const inCustomerThread = post('sorry!', { reply: { root: ref(CUSTOMER), parent: ref(CUSTOMER) } });
    const underOwnPost = post('more', { reply: { root: ref(BRAND), parent: ref(BRAND) } });
    const answerUnderOwnPost = post('hi', { reply: { root: ref(BRAND), parent: ref(CUSTOMER) } });
    expect(matchStreamPost({ did: BRAND, record: inCustomerThread }, BRAND, keywords)).toEqual({
      foundBy: 'brand',
    });
    expect(matchStreamPost({ did: BRAND, record: answerUnderOwnPost }, BRAND, keywords)).toEqual({
      foundBy: 'brand',
    });
    expect(matchStreamPost({ did: BRAND, record: underOwnPost }, BRAND, keywords)).toBeNull();
    expect(matchStreamPost({ did: BRAND, record: post('acme 2.0 is out') }, BRAND, keywords)).toBeNull();
  });

  test('unrelated posts and other record types are ignored', () => {
    expect(matchStreamPost({ did: CUSTOMER, record: post('nice weather') }, BRAND, keywords)).toBeNull();
    const like = { $type: 'app.bsky.feed.like', subject: ref(BRAND), text: 'acme' };
    expect(matchStreamPost({ did: CUSTOMER, record: like }, BRAND, keywords)).toBeNull();
  });
});
