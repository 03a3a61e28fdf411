import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

/** A reply webhook that answers every delivery with the status a test sets. */
async function statusReceiver() {
  let status = 200;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status < 300 ? JSON.stringify({ external_id: `ext-${Date.now()}` }) : '{"error":"no"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    answer(code: number) {
      status = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testEngines)('a reply that fails on %s', (engine) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof statusReceiver>>;
  afterEach(async () => {
    await t?.close();
    await receiver?.close();
  });

  async function setUp() {
    const clock = new ManualClock(Date.UTC(2026, 10, 6, 9));
    receiver = await statusReceiver();
    t = await createTestApp(
      engine,
      { RAPPORT_GENERIC_WEBHOOK_URL: receiver.url, RAPPORT_OUTBOUND_BASE_DELAY_MS: '60000' },
      { clock },
    );
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
    const breaching = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/conversations?view=breaching', headers }))
        .json()
        .items.map((c: { id: number }) => c.id) as number[];
    const reply = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${id}/reply`,
        headers,
        payload: { text: 'So sorry Sam, looking into it now. – Alex' },
      });
    return { clock, headers, received, id, conversation, breaching, reply };
  }

  it('answers nobody when refused for good: the conversation waits again with its due time, breaches, and has no first response', async () => {
    const { clock, headers, received, id, conversation, breaching, reply } = await setUp();
    const before = await conversation();
    expect(before.waitingSince).toBe(received);
    expect(before.replyDueAt).toBe(received + 15 * 60_000);

    receiver.answer(400);
    await reply();
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
    expect(await breaching()).toContain(id);
    const metrics = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/metrics/response-times?from=${new Date(received - 3_600_000).toISOString()}&to=${new Date(clock.now()).toISOString()}`,
        headers,
      })
    ).json();
    expect(metrics.answered).toBe(0);
  });

  it('answers nobody until the channel accepts it: a reply being retried leaves the conversation waiting and breaching', async () => {
    const { clock, received, id, conversation, breaching, reply } = await setUp();
    const before = await conversation();

    receiver.answer(503);
    await reply();
    await createJobWorker(t.services).drain();
    const retrying = await conversation();
    expect(retrying).toMatchObject({
      waitingSince: received,
      replyDueAt: before.replyDueAt,
      firstResponseAt: null,
      priority: before.priority,
    });
    clock.set(before.replyDueAt + 60_000);
    expect(await breaching()).toContain(id);

    // the channel takes the retry: now the customer has their answer
    receiver.answer(200);
    await createJobWorker(t.services).drain();
    const answered = await conversation();
    expect(answered.waitingSince).toBeNull();
    expect(answered.firstResponseAt).not.toBeNull();
    expect(await breaching()).not.toContain(id);
  });
});
