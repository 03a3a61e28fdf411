import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';
import { controllableReceiver } from './support/webhook-receiver.js';

describe.each(testEngines)('inbox ordering and triage corrections on %s', (engine) => {
  let t: TestApp;
  const clock = new ManualClock(Date.UTC(2026, 10, 3, 9));
  // replies go out (SLA timers run only where the channel can reply) and are accepted
  const receiver = controllableReceiver();
  let REPLY_HOOK = '';
  beforeAll(async () => {
    REPLY_HOOK = await receiver.start();
  });
  afterAll(() => receiver.stop());
  afterEach(async () => {
    await t?.close();
  });
  const auth = () => t.bearer(t.agentToken);
  const post = (url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: auth(), payload: payload as object });
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: auth() })).json();
  const msg = (id: string, text: string, minutesAgo: number) => ({
    channel: 'generic',
    external_id: id,
    direction: 'inbound',
    author: { id: `a${id}`, name: `Person ${id}` },
    text,
    created_at: new Date(clock.now() - minutesAgo * 60_000).toISOString(),
  });

  it('merges statuses in one keyset order, page by page, without gaps or repeats', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const texts = [
      'still no refund, terrible',
      'where is my parcel?',
      'thanks!',
      'app crashes on login',
      'do you ship abroad?',
      'charged twice!!',
      'love it',
      'bill is wrong',
    ];
    const ids: number[] = [];
    for (const [i, text] of texts.entries()) {
      ids.push(
        (await post('/api/v1/messages', msg(String(i), text, 30 - i))).json().results[0].conversationId,
      );
    }
    for (const id of ids.slice(0, 4)) await post(`/api/v1/conversations/${id}/status`, { status: 'pending' });
    const all = await get('/api/v1/conversations?limit=100');
    expect(all.items).toHaveLength(8);
    const priorities = all.items.map((c: { priority: number }) => c.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/api/v1/conversations?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c: { id: number }) => c.id));
    const pendingOnly = await get('/api/v1/conversations?status=pending');
    expect(pendingOnly.items.map((c: { id: number }) => c.id).sort()).toEqual(ids.slice(0, 4).sort());
  });

  it('orders by waiting time and lists what is due in the breaching view', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const a = (await post('/api/v1/messages', msg('w1', 'order question', 50))).json().results[0]
      .conversationId;
    const b = (await post('/api/v1/messages', msg('w2', 'still no refund, terrible service', 20))).json()
      .results[0].conversationId;
    const c = (await post('/api/v1/messages', msg('w3', 'another question', 5))).json().results[0]
      .conversationId;
    await post(`/api/v1/conversations/${c}/reply`, { text: 'Hi! Answered.' });
    await createJobWorker(t.services).drain();
    const waiting = await get('/api/v1/conversations?sort=waiting');
    expect(waiting.items.map((x: { id: number }) => x.id)).toEqual([a, b]);
    // a is due 60 min after arrival (10 min left), b is negative: 15 min after arrival, overdue by 5
    const breaching = await get('/api/v1/conversations?view=breaching');
    expect(breaching.items.map((x: { id: number }) => x.id)).toEqual([b]);
    clock.advance(8 * 60_000);
    const later = await get('/api/v1/conversations?view=breaching');
    expect(later.items.map((x: { id: number }) => x.id)).toEqual([b, a]);
  });

  it('a triage correction is learned, relabels the message and moves its conversation', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const r = (await post('/api/v1/messages', msg('x', 'I have been on hold for 40 minutes', 1))).json()
      .results[0];
    const before = (await get(`/api/v1/conversations/${r.conversationId}`)).conversation;
    const corrected = await post(`/api/v1/messages/${r.messageId}/triage`, {
      sentiment: 'negative',
      complaintType: 'long wait',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().message).toMatchObject({
      sentiment: 'negative',
      triage: { complaintType: 'long wait' },
    });
    const after = (await get(`/api/v1/conversations/${r.conversationId}`)).conversation;
    expect(after.sentiment).toBe('negative');
    expect(after.replyDueAt).toBe(clock.now() - 60_000 + 15 * 60_000);
    if (before.sentiment !== 'negative') expect(after.priority).toBeGreaterThanOrEqual(before.priority);
    const stored = await t.services.db.kysely.selectFrom('triage_corrections').selectAll().execute();
    expect(stored.map((s) => s.field).sort()).toEqual(['complaintType', 'sentiment']);
    expect((await post(`/api/v1/messages/${r.messageId}/triage`, {})).statusCode).toBe(400);
    expect((await post('/api/v1/messages/999999/triage', { sentiment: 'positive' })).statusCode).toBe(404);
    const viewer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/messages/${r.messageId}/triage`,
      headers: t.bearer(t.viewerToken),
      payload: { sentiment: 'positive' },
    });
    expect(viewer.statusCode).toBe(403);
  });
});
