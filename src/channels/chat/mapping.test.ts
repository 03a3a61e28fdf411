import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../domain/message-format.js';
import {
  cleanPageUrl,
  cleanVisitorText,
  externalIdOf,
  threadKeyOf,
  visitorMessageInput,
  visitorOfThreadKey,
  widgetMessageOf,
} from './mapping.js';
import { clientFrameSchema, VISITOR_TEXT_MAX } from './protocol.js';
import { chatSettingsSchema, isOriginAllowed } from './settings.js';

const visitorId = 'v_AAAAAAAAAAAAAAAAAAAAAA';
const now = Date.UTC(2026, 10, 1, 12);

describe('chat message mapping', () => {
  it('maps a visitor message to the core format, threaded by visitor and timestamped by the server', () => {
    const input = visitorMessageInput({
      visitorId,
      clientId: '3f1c2a9e-0000-4000-8000-000000000001',
      text: '  Hello\r\nis anyone there?\u0000\u202e ',
      profile: { name: 'Sam', email: 'sam@example.com' },
      page: 'https://shop.example/cart',
      now,
    });
    expect(input).toEqual({
      channel: 'chat',
      external_id: `${visitorId}:3f1c2a9e-0000-4000-8000-000000000001`,
      direction: 'inbound',
      author: { id: visitorId, handle: 'sam@example.com', name: 'Sam' },
      text: 'Hello\nis anyone there?',
      created_at: '2026-11-01T12:00:00.000Z',
      thread_id: `visitor:${visitorId}`,
      meta: { page: 'https://shop.example/cart' },
    });
    expect(validateMessage(input).ok).toBe(true);
  });

  it('keeps each visitor in their own id namespace and thread', () => {
    expect(externalIdOf(visitorId, 'abc-12345')).toBe(`${visitorId}:abc-12345`);
    expect(visitorOfThreadKey(threadKeyOf(visitorId))).toBe(visitorId);
    expect(visitorOfThreadKey('something else')).toBeNull();
    expect(visitorOfThreadKey(null)).toBeNull();
  });

  it('shows a visitor only what they may see of stored messages', () => {
    const base = { created_at: now, in_reply_to: null, author_name: null };
    expect(
      widgetMessageOf(
        { ...base, id: 5, external_id: `${visitorId}:c-1234567`, direction: 'inbound', text: 'hi' },
        visitorId,
      ),
    ).toEqual({
      id: '5',
      clientId: 'c-1234567',
      from: 'visitor',
      text: 'hi',
      at: now,
      name: null,
      replyTo: null,
    });
    expect(
      widgetMessageOf(
        {
          ...base,
          id: 6,
          external_id: 'rapport:abc',
          direction: 'outbound',
          text: 'hello!',
          author_name: 'Alex Agent',
          in_reply_to: `${visitorId}:c-1234567`,
        },
        visitorId,
      ),
    ).toEqual({
      id: '6',
      clientId: null,
      from: 'agent',
      text: 'hello!',
      at: now,
      name: 'Alex Agent',
      replyTo: 'c-1234567',
    });
  });

  it('cleans text and page URLs', () => {
    expect(cleanVisitorText('\u0007a\tb\u2066c ')).toBe('a\tbc');
    expect(cleanPageUrl('javascript:alert(1)')).toBeNull();
    expect(cleanPageUrl('not a url')).toBeNull();
    expect(cleanPageUrl('http://shop.example/x?y=1')).toBe('http://shop.example/x?y=1');
  });
});

describe('widget frames', () => {
  const parse = (frame: unknown) => clientFrameSchema.safeParse(frame);

  it('accepts the frames the widget sends', () => {
    expect(parse({ type: 'hello', token: null, page: 'https://shop.example/' }).success).toBe(true);
    expect(parse({ type: 'send', id: '3f1c2a9e-0000-4000-8000-000000000001', text: 'hi' }).success).toBe(
      true,
    );
    const profile = parse({ type: 'profile', name: ' Sam ', email: 'Sam@Example.COM' });
    expect(profile.data).toEqual({ type: 'profile', name: 'Sam', email: 'sam@example.com' });
    expect(parse({ type: 'profile', email: 'sam@example.com' }).data).toEqual({
      type: 'profile',
      email: 'sam@example.com',
    });
  });

  it('refuses oversized, empty, unknown and smuggled frames', () => {
    const id = '3f1c2a9e-0000-4000-8000-000000000001';
    expect(parse({ type: 'send', id, text: 'x'.repeat(VISITOR_TEXT_MAX + 1) }).success).toBe(false);
    expect(parse({ type: 'send', id, text: '   ' }).success).toBe(false);
    expect(parse({ type: 'send', id: 'a:b', text: 'hi' }).success).toBe(false);
    expect(parse({ type: 'send', id, text: 'hi', conversationId: 1 }).success).toBe(false);
    expect(parse({ type: 'history', conversationId: 1 }).success).toBe(false);
    expect(parse({ type: 'profile', email: 'not an email' }).success).toBe(false);
    expect(parse('hello').success).toBe(false);
  });
});

describe('chat settings', () => {
  it('normalises origins, fills defaults and generates a widget key', () => {
    const s = chatSettingsSchema.parse({
      allowedOrigins: ['https://Shop.Example/', 'http://localhost:8080'],
    });
    expect(s.allowedOrigins).toEqual(['https://shop.example', 'http://localhost:8080']);
    expect(s.widgetKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(s).toMatchObject({
      askEmailAfterSeconds: 120,
      fallbackEmailAccountId: null,
      accentColor: '#2563eb',
    });
    expect(isOriginAllowed(s, 'https://shop.example')).toBe(true);
    expect(isOriginAllowed(s, 'https://evil.example')).toBe(false);
    expect(isOriginAllowed(s, 'https://shop.example.evil.example')).toBe(false);
    expect(isOriginAllowed(s, undefined)).toBe(false);
    expect(isOriginAllowed({ ...s, allowedOrigins: ['*'] }, undefined)).toBe(true);
  });

  it('refuses paths, other schemes, no sites, and unsafe colours', () => {
    for (const allowedOrigins of [
      [],
      ['https://shop.example/path'],
      ['ftp://shop.example'],
      ['shop.example'],
    ]) {
      expect(chatSettingsSchema.safeParse({ allowedOrigins }).success).toBe(false);
    }
    const bad = { allowedOrigins: ['https://a.example'], accentColor: 'red;background:url(x)' };
    expect(chatSettingsSchema.safeParse(bad).success).toBe(false);
  });
});
