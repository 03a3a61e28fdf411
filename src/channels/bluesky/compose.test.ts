import { RichText } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { SendError } from '../../platform/errors.js';
import { assertPostFits, composePost, POST_MAX_GRAPHEMES } from './compose.js';
import {
  describeFailure,
  isRefusedLogin,
  RateLimitedSendError,
  rateLimitResetOf,
  toSendError,
} from './errors.js';
import { replyRecordKey } from './sender.js';

describe('composePost', () => {
  it('detects mention and link facets at the right byte offsets', async () => {
    const { text, facets } = await composePost('  Hi @sam.test 👋 see https://acme.example/help  ', null);
    expect(text).toBe('Hi @sam.test 👋 see https://acme.example/help');
    const kinds = facets?.map((f) => f.features[0]?.$type);
    expect(kinds).toEqual(['app.bsky.richtext.facet#mention', 'app.bsky.richtext.facet#link']);
    const bytes = new TextEncoder().encode(text);
    const mention = facets![0]!.index;
    expect(new TextDecoder().decode(bytes.slice(mention.byteStart, mention.byteEnd))).toBe('@sam.test');
  });

  it('counts graphemes, not UTF-16 units: 300 emoji with skin tones fit', () => {
    const text = '👍🏽'.repeat(POST_MAX_GRAPHEMES);
    expect(text.length).toBeGreaterThan(POST_MAX_GRAPHEMES);
    expect(() => assertPostFits(new RichText({ text }))).not.toThrow();
  });

  it('refuses 301 graphemes before sending, with a non-retryable error saying by how much', () => {
    let error: unknown;
    try {
      assertPostFits(new RichText({ text: 'a'.repeat(301) }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).retryable).toBe(false);
    expect((error as SendError).message).toMatch(
      /301 characters long; Bluesky allows 300 \(shorten it by 1\)/,
    );
  });

  it('refuses an empty post', async () => {
    await expect(composePost('   ', null)).rejects.toThrow(/cannot be empty/);
  });
});

describe('Bluesky errors', () => {
  const xrpc = (status: number, error: string, message: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, error, headers });

  it('tells refused credentials from an unreachable service', () => {
    expect(isRefusedLogin(xrpc(401, 'AuthenticationRequired', 'Invalid identifier or password'))).toBe(true);
    expect(isRefusedLogin(xrpc(400, 'AccountTakedown', 'Account has been taken down'))).toBe(true);
    expect(isRefusedLogin(xrpc(502, 'UpstreamFailure', 'bad gateway'))).toBe(false);
    expect(isRefusedLogin(new TypeError('fetch failed'))).toBe(false);
  });

  it('maps failures to retryable or final send errors, with the rate-limit reset', () => {
    const limited = toSendError(
      xrpc(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-reset': '1900000000' }),
    );
    expect(limited).toBeInstanceOf(RateLimitedSendError);
    expect(limited.retryable).toBe(true);
    expect((limited as RateLimitedSendError).retryAt).toBe(1_900_000_000_000);
    expect(limited.message).toMatch(/until 2030-03-17T17:46:40.000Z/);
    expect(rateLimitResetOf(xrpc(500, 'x', 'y'))).toBeNull();
    expect(toSendError(xrpc(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record')).retryable).toBe(
      false,
    );
    expect(toSendError(xrpc(503, 'x', 'down')).retryable).toBe(true);
    expect(toSendError(new TypeError('fetch failed')).retryable).toBe(true);
    expect(describeFailure(xrpc(400, 'InvalidRequest', 'bad'))).toBe('InvalidRequest: bad (HTTP 400)');
  });
});

describe('replyRecordKey', () => {
  it('is a valid TID, the same for the same reply and different for different replies', () => {
    const a = replyRecordKey({ messageId: 7, createdAt: Date.UTC(2026, 10, 20) });
    expect(a).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(replyRecordKey({ messageId: 7, createdAt: Date.UTC(2026, 10, 20) })).toBe(a);
    expect(replyRecordKey({ messageId: 8, createdAt: Date.UTC(2026, 10, 20) })).not.toBe(a);
  });
});
