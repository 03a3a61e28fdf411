import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../domain/message-format.js';
import {
  type FoundPost,
  mentionsAccount,
  nextWatermark,
  postToMessage,
  postUrl,
  sinceWatermark,
  threadKeyOf,
} from './mapping.js';
import { listeningSkipReason } from './sources.js';

const BRAND = 'did:plc:brand';
const SAM = 'did:plc:sam';
const uri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

function post(over: Partial<FoundPost> & { record?: Record<string, unknown> } = {}): FoundPost {
  return {
    uri: uri(SAM, '3kaaa'),
    cid: 'bafysam',
    author: { did: SAM, handle: 'sam.test', displayName: 'Sam' },
    indexedAt: '2026-11-20T10:00:01.000Z',
    ...over,
    record: {
      $type: 'app.bsky.feed.post',
      text: 'hi',
      createdAt: '2026-11-20T10:00:00.000Z',
      ...over.record,
    },
  };
}

const replyRecord = (rootDid: string, parentDid: string) => ({
  reply: {
    root: { uri: uri(rootDid, 'root'), cid: 'bafyroot' },
    parent: { uri: uri(parentDid, 'parent'), cid: 'bafyparent' },
  },
});

describe('postToMessage', () => {
  it('maps a mention to a valid inbound message keyed by its URI, threaded on itself', () => {
    const m = postToMessage(post({ record: { text: '@acme.test my order never arrived' } }), {
      brandDid: BRAND,
      foundBy: 'notification',
      reason: 'mention',
      followers: 42,
    });
    expect(m).toMatchObject({
      channel: 'bluesky',
      external_id: uri(SAM, '3kaaa'),
      direction: 'inbound',
      author: { id: SAM, handle: 'sam.test', name: 'Sam', followers: 42 },
      text: '@acme.test my order never arrived',
      created_at: '2026-11-20T10:00:00.000Z',
      in_reply_to: null,
      thread_id: uri(SAM, '3kaaa'),
      url: `https://bsky.app/profile/${SAM}/post/3kaaa`,
      meta: {
        cid: 'bafysam',
        root: { uri: uri(SAM, '3kaaa'), cid: 'bafysam' },
        parent: null,
        found_by: 'notification',
        reason: 'mention',
      },
    });
    expect(validateMessage(m).ok).toBe(true);
  });

  it('threads a reply on its parent and on the customer’s thread root', () => {
    const m = postToMessage(post({ record: replyRecord(SAM, BRAND) }), {
      brandDid: BRAND,
      foundBy: 'notification',
    });
    expect(m.in_reply_to).toBe(uri(BRAND, 'parent'));
    expect(m.thread_id).toBe(uri(SAM, 'root'));
    expect(m.meta).toMatchObject({
      root: { uri: uri(SAM, 'root'), cid: 'bafyroot' },
      parent: { uri: uri(BRAND, 'parent'), cid: 'bafyparent' },
    });
  });

  it('does not key conversations on a thread the brand started (each customer gets their own)', () => {
    const m = postToMessage(post({ record: replyRecord(BRAND, BRAND) }), {
      brandDid: BRAND,
      foundBy: 'notification',
    });
    expect(m.thread_id).toBeNull();
    expect(m.in_reply_to).toBe(uri(BRAND, 'parent'));
  });

  it('makes the brand’s own posts outbound', () => {
    const m = postToMessage(
      post({
        uri: uri(BRAND, 'r1'),
        author: { did: BRAND, handle: 'acme.test' },
        record: replyRecord(SAM, SAM),
      }),
      { brandDid: BRAND, foundBy: 'brand' },
    );
    expect(m.direction).toBe('outbound');
    expect(m.author.name).toBeNull();
    expect(m.thread_id).toBe(uri(SAM, 'root'));
  });

  it('marks listening finds with the keyword, and records quotes and media', () => {
    const m = postToMessage(
      post({
        record: {
          text: '',
          embed: {
            $type: 'app.bsky.embed.recordWithMedia',
            record: { record: { uri: uri('did:plc:x', 'q'), cid: 'c' } },
            media: { $type: 'app.bsky.embed.images', images: [] },
          },
        },
      }),
      { brandDid: BRAND, foundBy: 'listening', keyword: 'Acme' },
    );
    expect(m.meta).toMatchObject({
      found_by: 'listening',
      keyword: 'Acme',
      quote_of: uri('did:plc:x', 'q'),
      embed: 'recordWithMedia',
    });
    expect(m.text).toBe('[recordWithMedia]');
  });

  it('never dates a post later than the AppView saw it (backdating is allowed, future dates are not)', () => {
    const m = postToMessage(post({ record: { createdAt: '2030-01-01T00:00:00Z' } }), {
      brandDid: BRAND,
      foundBy: 'notification',
    });
    expect(m.created_at).toBe('2026-11-20T10:00:01.000Z');
  });
});

describe('mentions and listening filters', () => {
  it('finds the brand by mention facets only (a bare @handle notifies nobody)', () => {
    const facet = {
      facets: [{ index: {}, features: [{ $type: 'app.bsky.richtext.facet#mention', did: BRAND }] }],
    };
    expect(mentionsAccount({ text: 'hey', ...facet }, BRAND)).toBe(true);
    expect(mentionsAccount({ text: 'hey @acme.test!' }, BRAND)).toBe(false);
    expect(mentionsAccount({ text: 'hey', ...facet }, SAM)).toBe(false);
  });

  it('leaves to notifications what mentions, replies to or quotes the brand, and skips its own posts', () => {
    const brand = { did: BRAND, handle: 'acme.test' };
    expect(listeningSkipReason(post({ record: { text: 'Acme is slow' } }), brand)).toBeNull();
    const tagged = { facets: [{ features: [{ $type: 'app.bsky.richtext.facet#mention', did: BRAND }] }] };
    expect(listeningSkipReason(post({ record: { text: 'Acme @acme.test', ...tagged } }), brand)).toBe(
      'mentions the brand',
    );
    expect(listeningSkipReason(post({ record: { text: 'Acme @acme.test' } }), brand)).toBeNull();
    expect(listeningSkipReason(post({ record: replyRecord(BRAND, SAM) }), brand)).toBe(
      'replies to the brand',
    );
    expect(
      listeningSkipReason(
        post({
          record: { embed: { $type: 'app.bsky.embed.record', record: { uri: uri(BRAND, 'x'), cid: 'c' } } },
        }),
        brand,
      ),
    ).toBe('quotes the brand');
    expect(listeningSkipReason(post({ author: { did: BRAND, handle: 'acme.test' } }), brand)).toBe(
      'own post',
    );
  });
});

describe('helpers', () => {
  it('builds web links and thread keys from at:// URIs', () => {
    expect(postUrl('not a uri')).toBeNull();
    expect(threadKeyOf(post(), BRAND)).toBe(uri(SAM, '3kaaa'));
  });

  it('keeps items after the watermark minus the overlap, oldest first, and advances the watermark', () => {
    const items = [
      { indexedAt: '2026-11-20T10:05:00.000Z' },
      { indexedAt: '2026-11-20T09:00:00.000Z' },
      { indexedAt: '2026-11-20T10:00:30.000Z' },
    ];
    expect(sinceWatermark(items, '2026-11-20T10:01:00.000Z').map((i) => i.indexedAt)).toEqual([
      '2026-11-20T10:00:30.000Z',
      '2026-11-20T10:05:00.000Z',
    ]);
    expect(sinceWatermark(items, null)).toHaveLength(3);
    expect(nextWatermark(items, '2026-11-20T10:01:00.000Z')).toBe('2026-11-20T10:05:00.000Z');
    expect(nextWatermark([], null)).toBeNull();
  });
});

describe('post timestamps from hostile records', () => {
  it('falls back to the indexing time when a post claims a time outside 1970..2100', () => {
    for (const createdAt of ['1900-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']) {
      const m = postToMessage(post({ record: { createdAt } }), { brandDid: BRAND, foundBy: 'notification' });
      expect(m.created_at, createdAt).toBe('2026-11-20T10:00:01.000Z');
      expect(validateMessage(m).ok, createdAt).toBe(true);
    }
  });
});
