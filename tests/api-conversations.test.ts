import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../src/channels/generic/webhook-sender.js';
import { ManualClock } from '../src/platform/clock.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

/** A real HTTP receiver standing in for the integration that delivers generic-channel replies. */
function webhookReceiver() {
  const received: { body: string; signature: string | undefined }[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ body, signature: req.headers['x-rapport-signature'] as string | undefined });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        status === 200 ? JSON.stringify({ external_id: `ext-${received.length}` }) : '{"error":"nope"}',
      );
    });
  });
  return {
    received,
    setStatus: (s: number) => {
      status = s;
    },
    start: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () =>
          r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`),
        ),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SECRET = 'a-webhook-secret-of-some-length';

describe.each(testEngines)('conversations API on %s', (engine) => {
  const hook = webhookReceiver();
  let url = '';
  let t: TestApp;
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 9));
  beforeAll(async () => {
    url = await hook.start();
  });
  afterAll(async () => {
    await hook.stop();
  });
  afterEach(async () => {
    await t?.close();
  });

  const post = (path: string, payload: unknown, headers: Record<string, string> = t.bearer(t.agentToken)) =>
    t.app.inject({ method: 'POST', url: path, headers, payload: payload as object });
  const get = (path: string, headers: Record<string, string> = t.bearer(t.agentToken)) =>
    t.app.inject({ method: 'GET', url: path, headers });
  const message = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
    channel: 'generic',
    external_id: id,
    direction: 'inbound',
    author: { id: `author-${id}`, handle: `@h${id}`, name: `Person ${id}` },
    text,
    created_at: new Date(clock.now() - 60_000).toISOString(),
    ...extra,
  });

  async function setup(env: Record<string, string> = {}) {
    t = await createTestApp(
      engine,
      {
        RAPPORT_GENERIC_WEBHOOK_URL: url,
        RAPPORT_GENERIC_WEBHOOK_SECRET: SECRET,
        RAPPORT_OUTBOUND_BASE_DELAY_MS: '1000',
        RAPPORT_OUTBOUND_MAX_ATTEMPTS: '3',
        ...env,
      },
      { clock },
    );
  }

  it('ingests, lists by priority, searches, filters and shows detail', async () => {
    await setup();
    const res = await post('/api/v1/messages', {
      messages: [
        message('1', 'Thanks, lovely service today'),
        message('2', 'My parcel never arrived and nobody answers, this is terrible'),
        message('3', 'Do you ship to Norway?'),
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().inserted).toBe(3);
    const list = (await get('/api/v1/conversations')).json();
    expect(list.items).toHaveLength(3);
    expect(list.items[0].lastMessage.preview).toContain('parcel never arrived');
    expect(list.items[0].sentiment).toBe('negative');
    expect(list.items[0].contact).toMatchObject({ name: 'Person 2', handle: '@h2' });
    const negative = (await get('/api/v1/conversations?view=negative')).json();
    expect(negative.items.map((c: { id: number }) => c.id)).toEqual([list.items[0].id]);
    const found = (await get('/api/v1/conversations?q=norway')).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0].lastMessage.preview).toContain('Norway');
    const prefix = (await get('/api/v1/conversations?q=parc')).json();
    expect(prefix.items).toHaveLength(1);
    const hostile = await get(`/api/v1/conversations?q=${encodeURIComponent('"AND OR* NEAR(')}`);
    expect(hostile.statusCode).toBe(200);
    const page1 = (await get('/api/v1/conversations?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(`/api/v1/conversations?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((c: { id: number }) => c.id);
    expect(new Set(ids).size).toBe(3);
    const detail = (await get(`/api/v1/conversations/${list.items[0].id}`)).json();
    expect(detail.messages).toHaveLength(1);
    expect(detail.messages[0].text).toContain('parcel');
    expect(detail.contact.identities[0]).toMatchObject({ channel: 'generic', handle: '@h2' });
  });

  it('rejects a bad batch whole, and bad credentials, storing nothing', async () => {
    await setup();
    const bad = await post('/api/v1/messages', {
      messages: [message('1', 'fine'), { ...message('2', 'x'), created_at: 'yesterday' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ index: 1 });
    const missing = await post('/api/v1/messages', { channel: 'generic', text: 'no id' });
    expect(missing.statusCode).toBe(400);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: { ...t.bearer(t.agentToken), 'content-type': 'application/json' },
      payload: '{"channel":',
    });
    expect(malformed.statusCode).toBe(400);
    const wrongToken = await post('/api/v1/messages', message('9', 'hi'), {
      authorization: 'Bearer rpt_nope',
    });
    expect(wrongToken.statusCode).toBe(401);
    const viewer = await post('/api/v1/messages', message('9', 'hi'), t.bearer(t.viewerToken));
    expect(viewer.statusCode).toBe(403);
    const tooMany = await post('/api/v1/messages', {
      messages: Array.from({ length: 1001 }, (_, i) => message(`m${i}`, 'x')),
    });
    expect(tooMany.statusCode).toBe(400);
    const count = await t.services.db.kysely
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('replies through the durable queue to a signed webhook, retrying with backoff and showing failures', async () => {
    await setup();
    const worker = createJobWorker(t.services);
    const ingest = (await post('/api/v1/messages', message('1', 'Where is my refund?'))).json();
    const convId = ingest.results[0].conversationId;
    hook.received.length = 0;
    hook.setStatus(200);
    const reply = await post(`/api/v1/conversations/${convId}/reply`, {
      text: 'Hi Person 1, refunded today. – Alex',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().message.deliveryStatus).toBe('queued');
    // the send, and any alerts the negative message raised (their own jobs on the same queue)
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    expect(hook.received).toHaveLength(1);
    const delivered = hook.received[0]!;
    expect(delivered.signature).toBe(signBody(SECRET, delivered.body));
    expect(JSON.parse(delivered.body).message).toMatchObject({
      in_reply_to: '1',
      text: 'Hi Person 1, refunded today. – Alex',
    });
    let detail = (await get(`/api/v1/conversations/${convId}`)).json();
    expect(detail.messages[1]).toMatchObject({
      direction: 'outbound',
      deliveryStatus: 'sent',
      externalId: 'ext-1',
    });
    expect(detail.conversation.firstResponseAt).toBe(clock.now());

    hook.setStatus(503);
    await post(`/api/v1/conversations/${convId}/reply`, { text: 'One more thing' });
    await worker.drain();
    detail = (await get(`/api/v1/conversations/${convId}`)).json();
    expect(detail.messages[2].deliveryStatus).toBe('queued');
    expect(detail.messages[2].deliveryError).toMatch(/attempt 1 failed, retrying: webhook answered 503/);
    expect(await worker.drain()).toBe(0); // backoff: not due yet
    clock.advance(60_000);
    await worker.drain();
    clock.advance(60_000);
    await worker.drain();
    detail = (await get(`/api/v1/conversations/${convId}`)).json();
    expect(detail.messages[2].deliveryStatus).toBe('failed');
    expect(detail.messages[2].deliveryError).toMatch(/503/);

    hook.setStatus(200);
    // two agents press retry at once: one queues the send, the other is told it is no longer failed
    const sentBefore = hook.received.length;
    const retries = await Promise.all(
      [1, 2].map(() => post(`/api/v1/messages/${detail.messages[2].id}/retry`, {})),
    );
    expect(retries.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    expect(await worker.drain()).toBe(1);
    detail = (await get(`/api/v1/conversations/${convId}`)).json();
    expect(detail.messages[2].deliveryStatus).toBe('sent');
    expect(hook.received.length).toBe(sentBefore + 1);
  });

  it('a permanent refusal fails at once; no webhook configured fails visibly', async () => {
    await setup({ RAPPORT_GENERIC_WEBHOOK_URL: '' });
    const worker = createJobWorker(t.services);
    const convId = (await post('/api/v1/messages', message('1', 'hello'))).json().results[0].conversationId;
    await post(`/api/v1/conversations/${convId}/reply`, { text: 'hi' });
    await worker.drain();
    const detail = (await get(`/api/v1/conversations/${convId}`)).json();
    expect(detail.messages[1].deliveryStatus).toBe('failed');
    expect(detail.messages[1].deliveryError).toMatch(/RAPPORT_GENERIC_WEBHOOK_URL/);
  });

  it('notes with mentions, assignment, labels and status', async () => {
    await setup();
    const convId = (await post('/api/v1/messages', message('1', 'my bill is wrong'))).json().results[0]
      .conversationId;
    const agent = await t.login('agent');
    const note = await post(
      `/api/v1/conversations/${convId}/notes`,
      { text: '@Ada Admin can you check billing?' },
      agent.headers,
    );
    expect(note.statusCode).toBe(200);
    expect(note.json().note.mentions).toEqual([t.userIds.admin]);
    const noCsrf = await post(`/api/v1/conversations/${convId}/notes`, { text: 'x' }, {
      cookie: agent.cookie,
    } as never);
    expect(noCsrf.statusCode).toBe(403);
    expect(
      (await post(`/api/v1/conversations/${convId}/assign`, { assigneeId: t.userIds.agent })).json()
        .conversation.assignee.name,
    ).toBe('Alex Agent');
    const mine = (await get('/api/v1/conversations?view=mine')).json();
    expect(mine.items).toHaveLength(1);
    expect((await get('/api/v1/conversations?view=unassigned')).json().items).toHaveLength(0);
    const labelled = (
      await post(`/api/v1/conversations/${convId}/labels`, { add: ['billing', 'vip'] })
    ).json();
    expect(labelled.conversation.labels).toEqual(['billing', 'vip']);
    expect((await get('/api/v1/conversations?label=vip')).json().items).toHaveLength(1);
    const snooze = await post(`/api/v1/conversations/${convId}/status`, { status: 'snoozed' });
    expect(snooze.statusCode).toBe(400);
    const resolved = (await post(`/api/v1/conversations/${convId}/status`, { status: 'resolved' })).json();
    expect(resolved.conversation.status).toBe('resolved');
    expect((await get('/api/v1/conversations')).json().items).toHaveLength(0);
    expect((await get('/api/v1/conversations?status=resolved')).json().items).toHaveLength(1);
    const events = await t.services.db.kysely
      .selectFrom('events')
      .select('type')
      .where('conversation_id', '=', convId)
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'note.created',
      'conversation.assigned',
      'conversation.labels',
      'conversation.status',
    ]);
    expect((await get(`/api/v1/conversations/999999`)).statusCode).toBe(404);
  });

  it('reports response times from the stored timestamps', async () => {
    await setup();
    const base = Date.UTC(2026, 0, 5, 9);
    const at = (m: number) => new Date(base + m * 60_000).toISOString();
    const msgs = [
      { ...message('a1', 'order late'), created_at: at(0) },
      {
        ...message('a2', 'sorry!'),
        direction: 'outbound',
        author: { id: 'brand' },
        in_reply_to: 'a1',
        created_at: at(10),
      },
      { ...message('b1', 'question'), created_at: at(5) },
      {
        ...message('b2', 'answer'),
        direction: 'outbound',
        author: { id: 'brand' },
        in_reply_to: 'b1',
        created_at: at(95),
      },
      { ...message('c1', 'hello?'), created_at: at(20) },
    ];
    expect((await post('/api/v1/messages', { messages: msgs })).json().inserted).toBe(5);
    const r = (await get(`/api/v1/metrics/response-times?from=${at(-1)}&to=${at(60)}`)).json();
    expect(r).toMatchObject({ conversations: 3, answered: 2 });
    expect(r.firstResponseSeconds.p50).toBe((600 + 5400) / 2);
    expect(r.firstResponseSeconds.p90).toBeCloseTo(600 + 0.9 * 4800);
    expect(r.metDueShare).toBeCloseTo(1 / 3);
    expect((await get('/api/v1/metrics/response-times?from=x&to=y')).statusCode).toBe(400);
  });
});
