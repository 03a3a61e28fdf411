import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';
import { controllableReceiver } from './support/webhook-receiver.js';

const M = 60_000;
// Wednesday 2 December 2026, 16:30 in Berlin (15:30 UTC)
const NOW = Date.UTC(2026, 11, 2, 15, 30);
const nineToFive = [{ start: '09:00', end: '17:00' }];

describe.each(testEngines)('SLA policies and business hours on %s', (engine) => {
  let t: TestApp;
  const receiver = controllableReceiver();
  let hook = '';
  beforeAll(async () => {
    hook = await receiver.start();
  });
  afterAll(() => receiver.stop());
  afterEach(async () => {
    await t?.close();
  });

  it('admins write, everyone reads, and open conversations get the new due times', async () => {
    const clock = new ManualClock(NOW);
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook }, { clock });
    const agent = t.bearer(t.agentToken);
    const admin = t.admin.headers;
    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      headers: object,
      payload?: object,
    ) => t.app.inject({ method, url, headers: headers as Record<string, string>, payload });

    const ingest = await call('POST', '/api/v1/messages', agent, {
      channel: 'generic',
      external_id: 'q1',
      direction: 'inbound',
      author: { id: 'c1', name: 'Chris' },
      text: 'How do I change the delivery address on my order?',
      created_at: new Date(NOW).toISOString(),
    });
    const id = ingest.json().results[0].conversationId as number;
    const dueOf = async () =>
      (await call('GET', `/api/v1/conversations/${id}`, agent)).json().conversation.replyDueAt as number;
    expect(await dueOf()).toBe(NOW + 60 * M); // the built-in default: 60 minutes, 24/7

    const listed = (await call('GET', '/api/v1/sla/policies', t.bearer(t.viewerToken))).json();
    expect(listed).toEqual({ items: [], default: { negativeMinutes: 15, otherMinutes: 60 } });

    const hoursBody = {
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
      holidays: ['2026-12-24', '2026-12-25'],
    };
    expect((await call('POST', '/api/v1/sla/business-hours', agent, hoursBody)).statusCode).toBe(403);
    const badZone = await call('POST', '/api/v1/sla/business-hours', admin, {
      ...hoursBody,
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.message).toMatch(/unknown time zone/);
    const hours = await call('POST', '/api/v1/sla/business-hours', admin, hoursBody);
    expect(hours.statusCode).toBe(201);
    const hoursId = hours.json().businessHours.id as number;

    const policy = await call('POST', '/api/v1/sla/policies', admin, {
      name: 'Questions in office hours',
      conditions: { intents: ['question'] },
      firstResponseMinutes: 120,
      nextResponseMinutes: 60,
      businessHoursId: hoursId,
    });
    expect(policy.statusCode).toBe(201);
    const policyId = policy.json().policy.id as number;
    await t.events.settle();
    // 30 business minutes left on Wednesday, 90 more from Thursday 09:00 CET (08:00 UTC)
    expect(await dueOf()).toBe(Date.UTC(2026, 11, 3, 9, 30));

    // Christmas Eve and Day are holidays: a question on the 23rd at 16:30 is due on the 28th
    const updated = await call('PUT', `/api/v1/sla/business-hours/${hoursId}`, admin, {
      ...hoursBody,
      holidays: ['2026-12-03'],
    });
    expect(updated.statusCode).toBe(200);
    await t.events.settle();
    expect(await dueOf()).toBe(Date.UTC(2026, 11, 4, 9, 30)); // Thursday closed: Friday 10:30 CET

    expect((await call('DELETE', `/api/v1/sla/business-hours/${hoursId}`, admin)).statusCode).toBe(409);
    const replaced = await call('PUT', `/api/v1/sla/policies/${policyId}`, admin, {
      name: 'Questions fast',
      conditions: { intents: ['question'] },
      firstResponseMinutes: 10,
      nextResponseMinutes: 10,
    });
    expect(replaced.json().policy).toMatchObject({
      name: 'Questions fast',
      businessHoursId: null,
      position: 0,
    });
    await t.events.settle();
    expect(await dueOf()).toBe(NOW + 10 * M);

    expect((await call('DELETE', `/api/v1/sla/policies/${policyId}`, agent)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/sla/policies/${policyId}`, admin)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/sla/business-hours/${hoursId}`, admin)).statusCode).toBe(204);
    await t.events.settle();
    expect(await dueOf()).toBe(NOW + 60 * M);
    expect((await call('GET', '/api/v1/sla/business-hours', agent)).json().items).toEqual([]);
  });

  it('pauses the clock while a conversation is snoozed', async () => {
    const clock = new ManualClock(NOW);
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook }, { clock });
    const agent = t.bearer(t.agentToken);
    const ingest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: agent,
      payload: {
        channel: 'generic',
        external_id: 's1',
        direction: 'inbound',
        author: { id: 'c2', name: 'Sam' },
        text: 'Where is my parcel? This is terrible, awful service.',
        created_at: new Date(NOW).toISOString(),
      },
    });
    const id = ingest.json().results[0].conversationId as number;
    const status = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${id}/status`,
        headers: agent,
        payload: body,
      });
    const get = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: agent })).json()
        .conversation;
    expect((await get()).replyDueAt).toBe(NOW + 15 * M); // negative: 15 minutes
    clock.advance(10 * M);
    expect((await status({ status: 'snoozed', snoozedUntil: NOW + 40 * M })).statusCode).toBe(200);
    expect((await get()).replyDueAt).toBe(NOW + 45 * M); // 30 snoozed minutes do not count
    clock.advance(10 * M); // woken early, after 10 of the 30 minutes
    await status({ status: 'open' });
    expect((await get()).replyDueAt).toBe(NOW + 25 * M);
  });
});
