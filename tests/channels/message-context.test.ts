import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

describe.each(testEngines)('message context in the conversation detail on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('shows the subject and "found by listening", never the raw metadata', async () => {
    t = await createTestApp(engine);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: t.bearer(t.agentToken),
      payload: {
        channel: 'bluesky',
        external_id: 'at://did:plc:x/app.bsky.feed.post/1',
        direction: 'inbound',
        author: { id: 'did:plc:x', handle: 'sam.test', name: 'Sam' },
        text: 'anyone else find acme support slow?',
        created_at: '2026-11-01T10:00:00Z',
        url: 'https://bsky.app/profile/sam.test/post/1',
        meta: {
          found_by: 'listening',
          keyword: 'acme',
          subject: 'Slow support',
          html: '<script>alert(1)</script>',
          references: ['a', 'b'],
        },
      },
    });
    expect(post.statusCode).toBe(200);
    const conversationId = post.json().results[0].conversationId;
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}`,
      headers: t.bearer(t.agentToken),
    });
    const [message] = detail.json().messages;
    expect(message.context).toEqual({
      subject: 'Slow support',
      foundBy: 'listening',
      keyword: 'acme',
      quoteOf: null,
      engagements: {},
    });
    expect(message.url).toBe('https://bsky.app/profile/sam.test/post/1');
    expect(detail.body).not.toContain('<script>');
  });
});
