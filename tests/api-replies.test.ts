import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';
import { controllableReceiver } from './support/webhook-receiver.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe.each(testEngines)('playbooks, saved replies and the human voice on %s', (engine) => {
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

  const call = (method: Method, url: string, headers: object, payload?: object) =>
    t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
  let n = 0;
  async function customer(name: string, text: string) {
    const res = await call('POST', '/api/v1/messages', t.bearer(t.agentToken), {
      channel: 'generic',
      external_id: `in-${++n}`,
      direction: 'inbound',
      author: { id: `author-${name}`, name },
      text,
      created_at: new Date(t.services.clock.now()).toISOString(),
    });
    expect(res.statusCode).toBe(200);
    const conversationId = res.json().results[0].conversationId as number;
    const detail = (await call('GET', `/api/v1/conversations/${conversationId}`, t.admin.headers)).json();
    return { conversationId, contactId: detail.conversation.contact.id as number };
  }

  it('admins write playbooks, everyone reads them, the defaults install once, and the open conversation gets its plan', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook });
    const agent = t.bearer(t.agentToken);
    const viewer = t.bearer(t.viewerToken);
    const body = {
      complaintType: 'delivery_delay',
      name: 'Late parcels',
      plan: { acknowledge: 'Say it is late, in public', neverSay: ['You must have'] },
    };
    expect((await call('POST', '/api/v1/playbooks', agent, body)).statusCode).toBe(403);
    const created = await call('POST', '/api/v1/playbooks', t.admin.headers, body);
    expect(created.statusCode).toBe(201);
    const playbook = created.json().playbook;
    expect(playbook).toMatchObject({ intent: null, plan: { ask: '', neverSay: ['You must have'] } });
    expect((await call('POST', '/api/v1/playbooks', t.admin.headers, body)).statusCode).toBe(409);
    const updated = await call('PUT', `/api/v1/playbooks/${playbook.id}`, t.admin.headers, {
      ...body,
      name: 'Late or lost parcels',
    });
    expect(updated.json().playbook.name).toBe('Late or lost parcels');
    expect((await call('GET', '/api/v1/playbooks', viewer)).json().items).toHaveLength(1);

    const installed = await call('POST', '/api/v1/playbooks/defaults', t.admin.headers, {});
    expect(installed.json().playbooks).toBeGreaterThanOrEqual(5); // delivery_delay was taken already
    expect(installed.json().savedReplies).toBeGreaterThanOrEqual(4);
    const again = await call('POST', '/api/v1/playbooks/defaults', t.admin.headers, {});
    expect(again.json()).toEqual({ playbooks: 0, savedReplies: 0 });

    const late = await customer('Pat', 'My parcel still has not arrived, order is 5 days late');
    const forLate = (
      await call('GET', `/api/v1/conversations/${late.conversationId}/playbook`, viewer)
    ).json();
    expect(forLate).toMatchObject({
      complaintType: 'delivery_delay',
      playbook: { name: 'Late or lost parcels' },
    });
    const billing = await customer('Kim', 'You charged me twice this month, I want a refund');
    const forBilling = (
      await call('GET', `/api/v1/conversations/${billing.conversationId}/playbook`, agent)
    ).json();
    expect(forBilling.playbook.complaintType).toBe('billing');
    expect(forBilling.savedReplies.map((s: { shortcut: string }) => s.shortcut)).toEqual(['charge']);
    // a playbook for the intent wins over the one for any intent
    await call('POST', '/api/v1/playbooks', t.admin.headers, {
      ...body,
      intent: 'complaint',
      name: 'Late: complaint',
    });
    const exact = (await call('GET', `/api/v1/conversations/${late.conversationId}/playbook`, viewer)).json();
    expect(exact.playbook.name).toBe('Late: complaint');
    expect((await call('DELETE', `/api/v1/playbooks/${playbook.id}`, t.admin.headers)).statusCode).toBe(204);
    const events = await t.services.db.kysely
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'playbook.changed')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(5);
  });

  it('fills variables only from what is known and refuses a form letter to a second customer the same day', async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 5, 9, 0));
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook }, { clock });
    const agent = t.bearer(t.agentToken);
    const saved = await call('POST', '/api/v1/saved-replies', t.admin.headers, {
      shortcut: 'late',
      title: 'Late parcel',
      body: 'Hi {first_name}, your order {order_id} is late and I am chasing the carrier now. {agent_name}',
    });
    expect(saved.statusCode).toBe(201);
    const savedId = saved.json().savedReply.id as number;
    expect((await call('GET', '/api/v1/saved-replies', t.bearer(t.viewerToken))).json().items).toHaveLength(
      1,
    );
    expect(
      (await call('PUT', `/api/v1/saved-replies/${savedId}`, agent, { shortcut: 'x', title: 'x', body: 'x' }))
        .statusCode,
    ).toBe(403);

    await call('PATCH', '/api/v1/me/voice', agent, {
      displayNames: { generic: 'Alex from Acme' },
      signature: '– Alex, Acme support team',
    });
    const a = await customer('Robin Guess', 'My parcel still has not arrived, order is 5 days late');
    const b = await customer('Sam', 'My parcel is late too, 3 days now');
    const render = async (conversationId: number) =>
      (await call('POST', `/api/v1/saved-replies/${savedId}/render`, agent, { conversationId })).json();
    // the name triage saw is not confirmed: {first_name} stays for the agent to fix, never guessed
    const unconfirmed = await render(a.conversationId);
    expect(unconfirmed.text).toBe(
      'Hi {first_name}, your order {order_id} is late and I am chasing the carrier now. Alex from Acme',
    );
    expect(unconfirmed.unfilled).toEqual(['first_name', 'order_id']);
    const unfilledSend = await call('POST', `/api/v1/conversations/${a.conversationId}/reply`, agent, {
      text: unconfirmed.text,
      template: { id: savedId, insertedText: unconfirmed.text },
    });
    expect(unfilledSend.statusCode).toBe(400);
    expect(unfilledSend.json().error.message).toMatch(/\{first_name\}/);

    for (const [c, name, order] of [
      [a, 'Robin', 'A-1'],
      [b, 'Sam', 'B-2'],
    ] as const) {
      const res = await call('PATCH', `/api/v1/contacts/${c.contactId}`, t.admin.headers, {
        preferredName: name,
        preferredNameConfirmed: true,
        customFields: { order_id: order },
      });
      expect(res.statusCode).toBe(200);
    }
    const forA = await render(a.conversationId);
    expect(forA).toEqual({
      text: 'Hi Robin, your order A-1 is late and I am chasing the carrier now. Alex from Acme',
      unfilled: [],
      usedTodayWithOtherCustomer: false,
    });
    const sentA = await call('POST', `/api/v1/conversations/${a.conversationId}/reply`, agent, {
      text: forA.text,
      template: { id: savedId, insertedText: forA.text },
    });
    expect(sentA.statusCode).toBe(200);
    // the reply carries the agent's display name for the channel (the webhook's sender_name)
    expect(sentA.json().message.author.name).toBe('Alex from Acme');

    const forB = await render(b.conversationId);
    expect(forB.usedTodayWithOtherCustomer).toBe(true);
    const refused = await call('POST', `/api/v1/conversations/${b.conversationId}/reply`, agent, {
      text: forB.text,
      template: { id: savedId, insertedText: forB.text },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('form_letter');
    // a signature does not make it personal
    const signed = await call('POST', `/api/v1/conversations/${b.conversationId}/reply`, agent, {
      text: `${forB.text}\n– Alex, Acme support team`,
      template: { id: savedId, insertedText: forB.text },
    });
    expect(signed.statusCode).toBe(422);
    const personal = await call('POST', `/api/v1/conversations/${b.conversationId}/reply`, agent, {
      text: forB.text.replace('is late', 'is stuck in the Leeds depot since Monday'),
      template: { id: savedId, insertedText: forB.text },
    });
    expect(personal.statusCode).toBe(200);
    // the same customer may get it again as it is
    const againA = await call('POST', `/api/v1/conversations/${a.conversationId}/reply`, agent, {
      text: forA.text,
      template: { id: savedId },
    });
    expect(againA.statusCode).toBe(200);
    const uses = await t.services.db.kysely
      .selectFrom('saved_reply_uses')
      .select(['customer_key', 'unedited', 'inserted_text', 'sent_text'])
      .orderBy('id')
      .execute();
    expect(uses.map((u) => [u.customer_key, u.unedited])).toEqual([
      [`contact:${a.contactId}`, 1],
      [`contact:${b.contactId}`, 0],
      [`contact:${a.contactId}`, 1],
    ]);

    const doomed = await call('POST', '/api/v1/saved-replies', t.admin.headers, {
      shortcut: 'old',
      title: 'Old',
      body: 'Old text',
    });
    const doomedId = doomed.json().savedReply.id as number;
    expect((await call('DELETE', `/api/v1/saved-replies/${doomedId}`, t.admin.headers)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/saved-replies/${doomedId}`, t.admin.headers)).statusCode).toBe(404);
    const worker = createJobWorker(t.services);
    receiver.seen.length = 0;
    await worker.drain();
    expect(receiver.seen.map((s) => s.text).sort()).toHaveLength(3);
    // the next day the first customer to get it unedited is whoever comes first
    clock.advance(24 * 3_600_000);
    const nextDay = await call('POST', `/api/v1/conversations/${b.conversationId}/reply`, agent, {
      text: forB.text,
      template: { id: savedId },
    });
    expect(nextDay.statusCode).toBe(200);
  });

  it('lets only one of two agents sending the same template unedited at the same moment through', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook });
    const agent = t.bearer(t.agentToken);
    const admin = t.admin.headers;
    const savedId = (
      await call('POST', '/api/v1/saved-replies', admin, {
        shortcut: 'thanks',
        title: 'Thanks',
        body: 'Thank you for telling us, we are looking into it right now.',
      })
    ).json().savedReply.id as number;
    const convs = await Promise.all(
      ['Ann', 'Ben', 'Cat', 'Dan'].map((name) => customer(name, 'The app crashes when I open it')),
    );
    const answers = await Promise.all(
      convs.map((c, i) =>
        call('POST', `/api/v1/conversations/${c.conversationId}/reply`, i % 2 ? agent : admin, {
          text: 'Thank you for telling us, we are looking into it right now.',
          template: { id: savedId },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 422, 422, 422]);
  });

  it('keeps each person’s signature and display names; admins see them and set the approval flags', async () => {
    t = await createTestApp(engine);
    const agent = t.bearer(t.agentToken);
    const mine = await call('PATCH', '/api/v1/me/voice', agent, {
      signature: '– Alex',
      displayNames: { email: 'Alex B.', generic: '' },
    });
    expect(mine.json().voice).toMatchObject({
      name: 'Alex Agent',
      signature: '– Alex',
      displayNames: { email: 'Alex B.' },
      inTraining: false,
      reviewer: false,
    });
    expect((await call('GET', `/api/v1/users/${t.userIds.agent}/voice`, agent)).statusCode).toBe(403);
    const seen = await call('GET', `/api/v1/users/${t.userIds.agent}/voice`, t.admin.headers);
    expect(seen.json().voice.signature).toBe('– Alex');
    const flags = await call('PATCH', `/api/v1/users/${t.userIds.agent}/approval`, t.admin.headers, {
      inTraining: true,
    });
    expect(flags.json().voice.inTraining).toBe(true);
    expect((await call('GET', '/api/v1/me/voice', t.admin.headers)).json().voice.reviewer).toBe(true);
    expect((await call('GET', '/api/v1/me/voice', agent)).json().voice.inTraining).toBe(true);
  });
});
