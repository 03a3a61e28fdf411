import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { createApiToken } from '../src/store/tokens-repo.js';
import { createUser } from '../src/store/users-repo.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';
import { controllableReceiver } from './support/webhook-receiver.js';

type Method = 'GET' | 'POST' | 'PATCH';

describe.each(testEngines)('replies held for approval on %s', (engine) => {
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
  async function conversation(text: string) {
    const res = await call('POST', '/api/v1/messages', t.bearer(t.agentToken), {
      channel: 'generic',
      external_id: `held-${++n}`,
      direction: 'inbound',
      author: { id: `customer-${n}`, name: `Customer ${n}` },
      text,
      created_at: new Date(t.services.clock.now()).toISOString(),
    });
    return res.json().results[0].conversationId as number;
  }
  async function outbound(conversationId: number) {
    return t.services.db.kysely
      .selectFrom('messages')
      .select(['id', 'text', 'author_name', 'sender_user_id'])
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'outbound')
      .execute();
  }
  async function secondReviewer() {
    const db = t.services.db.kysely;
    const user = await createUser(db, {
      email: 'rita@example.test',
      name: 'Rita Reviewer',
      role: 'agent',
      password: TEST_PASSWORD,
      now: t.services.clock.now(),
    });
    const token = await createApiToken(db, { name: 'rita', role: 'agent', userId: user.id, now: 0 });
    const flagged = await call('PATCH', `/api/v1/users/${user.id}/approval`, t.admin.headers, {
      reviewer: true,
    });
    expect(flagged.json(), flagged.body).toMatchObject({ voice: { reviewer: true } });
    return t.bearer(token.token);
  }

  it("holds a trainee's reply and sends it only after approval, exactly once, however many approve", async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook });
    const agent = t.bearer(t.agentToken);
    const rita = await secondReviewer();
    const worker = createJobWorker(t.services);
    await call('PATCH', `/api/v1/users/${t.userIds.agent}/approval`, t.admin.headers, { inTraining: true });
    const id = await conversation('My parcel still has not arrived, order is 5 days late');

    const held = await call('POST', `/api/v1/conversations/${id}/reply`, agent, {
      text: 'So sorry, checking with the carrier now. – Alex',
    });
    expect(held.statusCode).toBe(200);
    expect(held.json().message).toBeUndefined();
    const approval = held.json().approval;
    expect(approval).toMatchObject({
      status: 'pending',
      reasons: ['in_training'],
      author: { name: 'Alex Agent' },
    });
    receiver.seen.length = 0;
    await worker.drain();
    expect(await outbound(id)).toHaveLength(0);
    expect(receiver.seen).toHaveLength(0);

    // the author sees their own held reply; nobody else without review rights decides
    const own = (await call('GET', '/api/v1/approvals?status=pending', agent)).json();
    expect(own).toMatchObject({ reviewer: false, items: [{ id: approval.id }] });
    expect((await call('POST', `/api/v1/approvals/${approval.id}/approve`, agent, {})).statusCode).toBe(403);
    const queue = (await call('GET', `/api/v1/approvals?status=pending&conversationId=${id}`, rita)).json();
    expect(queue).toMatchObject({ reviewer: true });
    expect(queue.items).toHaveLength(1);

    // two reviewers approve at the same moment, and one of them retries the request
    const url = `/api/v1/approvals/${approval.id}/approve`;
    const answers = await Promise.all([
      call('POST', url, t.admin.headers, {}),
      call('POST', url, rita, {}),
      call('POST', url, rita),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const messageIds = new Set(answers.map((a) => a.json().approval.messageId));
    expect(messageIds.size).toBe(1);
    const retry = await call('POST', url, t.admin.headers, {});
    expect(retry.json().approval.messageId).toBe([...messageIds][0]);
    const sent = await outbound(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ author_name: 'Alex Agent', sender_user_id: t.userIds.agent });
    const jobs = await t.services.db.kysely
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', 'outbound.send')
      .execute();
    expect(jobs).toHaveLength(1);
    await worker.drain();
    await worker.drain();
    expect(receiver.seen.map((s) => s.text)).toEqual(['So sorry, checking with the carrier now. – Alex']);
    const decisions = await t.services.db.kysely
      .selectFrom('events')
      .select(['type', 'actor_id'])
      .where('type', 'in', ['reply.held', 'reply.approved'])
      .orderBy('id')
      .execute();
    expect(decisions.map((d) => d.type)).toEqual(['reply.held', 'reply.approved']);
  });

  it('lets a reviewer edit then approve, or send back with a comment, and holds replies where the conversation requires approval', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: hook });
    const agent = t.bearer(t.agentToken);
    const worker = createJobWorker(t.services);
    await call('PATCH', `/api/v1/users/${t.userIds.agent}/approval`, t.admin.headers, { inTraining: true });
    const id = await conversation('You charged me twice this month, I want a refund');

    const first = (await call('POST', `/api/v1/conversations/${id}/reply`, agent, { text: 'DM us.' })).json()
      .approval;
    const returned = await call('POST', `/api/v1/approvals/${first.id}/return`, t.admin.headers, {
      comment: 'Answer in public: say we are checking the double charge.',
    });
    expect(returned.json().approval).toMatchObject({
      status: 'returned',
      comment: 'Answer in public: say we are checking the double charge.',
      decidedBy: { name: 'Ada Admin' },
    });
    expect(
      (await call('POST', `/api/v1/approvals/${first.id}/approve`, t.admin.headers, {})).statusCode,
    ).toBe(409);

    const second = (
      await call('POST', `/api/v1/conversations/${id}/reply`, agent, { text: 'We are checking the charge.' })
    ).json().approval;
    const edited = await call('POST', `/api/v1/approvals/${second.id}/approve`, t.admin.headers, {
      text: 'Sorry about the double charge: I am checking it now and will refund the extra one today. – Alex',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().message.text).toMatch(/refund the extra one today/);
    expect(edited.json().approval.submittedText).toBe('We are checking the charge.');
    receiver.seen.length = 0;
    await worker.drain();
    expect(receiver.seen).toHaveLength(1);
    const audit = await t.services.db.kysely
      .selectFrom('events')
      .select(['type', 'data_json'])
      .where('type', 'in', ['reply.returned', 'reply.approved'])
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.type)).toEqual(['reply.returned', 'reply.approved']);
    expect(JSON.parse(audit[1]!.data_json!).edited).toBe(true);

    // a routing rule marked the conversation: replies from non-reviewers wait, reviewers reply directly
    await call('PATCH', `/api/v1/users/${t.userIds.agent}/approval`, t.admin.headers, { inTraining: false });
    const other = await conversation('The app crashes every time');
    await t.services.db.kysely
      .updateTable('conversations')
      .set({ approval_required: 1 })
      .where('id', '=', other)
      .execute();
    const byAgent = await call('POST', `/api/v1/conversations/${other}/reply`, agent, {
      text: 'Looking now.',
    });
    expect(byAgent.json().approval.reasons).toEqual(['conversation']);
    const byAdmin = await call('POST', `/api/v1/conversations/${other}/reply`, t.admin.headers, {
      text: 'We are on it. – Ada',
    });
    expect(byAdmin.json().message.deliveryStatus).toBe('queued');
    const mine = (await call('GET', '/api/v1/approvals', agent)).json().items;
    expect(mine.map((a: { status: string }) => a.status).sort()).toEqual(['approved', 'pending', 'returned']);
  });
});
