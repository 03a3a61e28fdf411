import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope, StoredEvent } from '../../src/domain/events.js';
import type { LiveEvent } from '../../src/platform/live-bus.js';
import { liveEventsOf } from '../../src/runtime/live-relay.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

const envelope: EventEnvelope = {
  id: 1,
  tx: 0,
  at: 0,
  actor: { type: 'system', id: null },
  conversationId: 7,
};
const known = (type: string, data: unknown) => ({ ...envelope, known: true, type, data }) as StoredEvent;

describe('live relay mapping', () => {
  it('gives the delivery, engagement, channel and alert events the live shapes they had', () => {
    const updated = (reason: string) => [{ type: 'conversation.updated', conversationId: 7, reason }];
    expect(liveEventsOf(known('reply.sent', { messageId: 3, externalId: 'x' }))).toEqual(updated('delivery'));
    expect(
      liveEventsOf(known('reply.failed', { messageId: 3, fate: 'retrying', reason: 'down', attempt: 1 })),
    ).toEqual(updated('delivery'));
    expect(liveEventsOf(known('message.bounced', { messageId: 3, reason: 'no such user' }))).toEqual(
      updated('delivery'),
    );
    expect(liveEventsOf(known('message.like', { messageId: 3 }))).toEqual(updated('engagement'));
    expect(
      liveEventsOf(known('engagement.settled', { messageId: 3, action: 'repost', status: 'done' })),
    ).toEqual(updated('engagement'));
    for (const type of ['channel.paused', 'channel.broken', 'channel.removed'])
      expect(liveEventsOf(known(type, { accountId: 4, channel: 'email', name: 'n', message: null }))).toEqual(
        [{ type: 'channels.changed', accountId: 4 }],
      );
    const alert = {
      kind: 'negative_spike',
      channel: 'generic',
      at: 5,
      count: 9,
      windowMs: 900_000,
      baseline: 1,
    };
    expect(JSON.stringify(liveEventsOf(known('alert.negative_spike', alert)))).toBe(
      JSON.stringify([{ type: 'alert', ...alert }]),
    );
    expect(liveEventsOf({ ...envelope, known: false, type: 'legacy', data: null })).toEqual([]);
    expect(liveEventsOf(known('auth.login', { ip: '127.0.0.1' }))).toEqual([]);
  });
});

describe.each(testEngines)('live relay through the API (%s)', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('pushes the same live events, field for field, that commands published before', async () => {
    t = await createTestApp(engine);
    const live: LiveEvent[] = [];
    t.services.live.subscribe((e) => live.push(e));
    const agent = t.bearer(t.agentToken);
    const take = async () => {
      await t.events.settle();
      // the alerts listener's `alert.raised` (a negative message alerts someone) is tested in
      // tests/api-alerts.test.ts; here only what commands used to publish themselves
      const taken = live.splice(0).filter((e) => !(e.type === 'alert' && e.kind === 'raised'));
      return JSON.parse(JSON.stringify(taken)) as unknown[];
    };
    const ordered = (events: unknown[]) => events.map((e) => JSON.stringify(e));

    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: agent,
      payload: {
        channel: 'generic',
        external_id: 'a1',
        direction: 'inbound',
        author: { id: 'c1' },
        text: 'the app keeps crashing, please help',
        created_at: new Date(t.services.clock.now()).toISOString(),
      },
    });
    expect(posted.statusCode).toBe(200);
    const { messageId, conversationId } = posted.json().results[0];
    const stored = await t.services.db.kysely
      .selectFrom('messages')
      .select(['sentiment', 'priority'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(ordered(await take())).toEqual(
      ordered([
        {
          type: 'message.created',
          conversationId,
          messageId,
          direction: 'inbound',
          sentiment: stored.sentiment,
          priority: stored.priority,
        },
        { type: 'conversation.updated', conversationId, reason: 'message' },
      ]),
    );

    const act = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url, headers: agent, payload });
      expect(res.statusCode).toBe(200);
    };
    const base = `/api/v1/conversations/${conversationId}`;
    await act(`${base}/status`, { status: 'pending' });
    await act(`${base}/assign`, { assigneeId: t.userIds.agent });
    await act(`${base}/labels`, { add: ['vip'], remove: [] });
    await act(`${base}/notes`, { text: 'looking into it' });
    await act(`/api/v1/messages/${messageId}/triage`, { sentiment: 'positive' });
    const updated = (reason: string) => ({ type: 'conversation.updated', conversationId, reason });
    expect(ordered(await take())).toEqual(
      ordered([
        updated('status'),
        updated('assigned'),
        updated('labels'),
        updated('note'),
        updated('triage'),
      ]),
    );

    const replied = await t.app.inject({
      method: 'POST',
      url: `${base}/reply`,
      headers: agent,
      payload: { text: 'sorry about that, try version 2.1' },
    });
    expect(replied.statusCode).toBe(200);
    const replyId = replied.json().message.id;
    expect(ordered(await take())).toEqual(
      ordered([
        {
          type: 'message.created',
          conversationId,
          messageId: replyId,
          direction: 'outbound',
          sentiment: null,
          priority: null,
        },
        updated('message'),
      ]),
    );

    // presence stays in-process and immediate
    await act(`${base}/presence`, { state: 'viewing' });
    expect(live.map((e) => e.type)).toEqual(['presence']);
  });
});
