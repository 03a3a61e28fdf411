import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

describe.each(testEngines)('a reply that fails on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('answers nobody: the conversation waits again with its due time, breaches, and has no first response', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 6, 9));
    // a channel that cannot send: no outbound webhook for the generic channel
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: '' }, { clock });
    const headers = t.bearer(t.agentToken);
    const received = clock.now() - 60_000;
    const ingest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers,
      payload: {
        channel: 'generic',
        external_id: 'm1',
        direction: 'inbound',
        author: { id: 'a1', handle: 'sam', name: 'Sam' },
        text: 'Terrible, awful service. My order never came and nobody answers.',
        created_at: new Date(received).toISOString(),
      },
    });
    const id = ingest.json().results[0].conversationId as number;
    const conversation = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers })).json()
        .conversation;
    const before = await conversation();
    expect(before.waitingSince).toBe(received);

    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/reply`,
      headers,
      payload: { text: 'So sorry Sam, looking into it now. – Alex' },
    });
    await createJobWorker(t.services).drain();

    const after = await conversation();
    expect(after).toMatchObject({
      waitingSince: received,
      replyDueAt: before.replyDueAt,
      firstResponseAt: null,
      priority: before.priority,
      sentiment: before.sentiment,
    });
    clock.set(before.replyDueAt + 60_000);
    const breaching = (
      await t.app.inject({ method: 'GET', url: '/api/v1/conversations?view=breaching', headers })
    ).json();
    expect(breaching.items.map((c: { id: number }) => c.id)).toContain(id);
    const metrics = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/metrics/response-times?from=${new Date(received - 3_600_000).toISOString()}&to=${new Date(clock.now()).toISOString()}`,
        headers,
      })
    ).json();
    expect(metrics.answered).toBe(0);
  });
});
