import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

describe.each(testEngines)('subjects and past questions on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it("lists an email's subject and previews a past conversation by the customer's question", async () => {
    t = await createTestApp(engine);
    const author = { id: 'ann@example.com', handle: 'ann@example.com', name: 'Ann' };
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 9, m)).toISOString();
    const payload = [
      {
        channel: 'email',
        external_id: 'q1',
        direction: 'inbound',
        author,
        text: 'Do you deliver on Sundays?',
        created_at: at(0),
        thread_id: 'sundays',
        meta: { subject: 'Sunday delivery' },
      },
      {
        channel: 'email',
        external_id: 'a1',
        direction: 'outbound',
        author: { id: 'shop', handle: 'help@shop.example', name: 'Shop' },
        text: 'Yes, we do!',
        created_at: at(5),
        thread_id: 'sundays',
        in_reply_to: 'q1',
      },
      {
        channel: 'email',
        external_id: 'q2',
        direction: 'inbound',
        author,
        text: 'It was due yesterday',
        created_at: at(10),
        thread_id: 'order',
        meta: { subject: 'Where is my order?' },
      },
    ];
    const ingested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: t.bearer(t.agentToken),
      payload,
    });
    expect(ingested.statusCode).toBe(200);
    const [first, , current] = (ingested.json() as { results: { conversationId: number }[] }).results;

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?status=open,pending,resolved',
      headers: t.bearer(t.agentToken),
    });
    const subjects = Object.fromEntries(
      (list.json() as { items: { id: number; subject: string | null }[] }).items.map((c) => [
        c.id,
        c.subject,
      ]),
    );
    expect(subjects[current!.conversationId]).toBe('Where is my order?');
    expect(subjects[first!.conversationId]).toBe('Sunday delivery');

    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${current!.conversationId}`,
      headers: t.bearer(t.agentToken),
    });
    expect(detail.json().contact.pastConversations).toEqual([
      expect.objectContaining({
        id: first!.conversationId,
        preview: 'Sunday delivery: Do you deliver on Sundays?',
      }),
    ]);
  });
});
