import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

/** A channel that can reply runs live timers (due times); these tests never send, so nothing listens. */
const REPLY_HOOK = 'http://127.0.0.1:9/replies';

/** What an agent changes from the web app: every field, bad values, and what follows from a change. */
describe.each(testEngines)('triage corrections on %s', (engine) => {
  let t: TestApp;
  const clock = new ManualClock(Date.UTC(2026, 10, 3, 9));
  afterEach(async () => {
    await t?.close();
  });
  const auth = () => t.bearer(t.agentToken);
  const post = (url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: auth(), payload: payload as object });
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: auth() })).json();
  let n = 0;
  const ingest = async (text: string, minutesAgo = 1) => {
    n += 1;
    const res = await post('/api/v1/messages', {
      channel: 'generic',
      external_id: `m${n}`,
      direction: 'inbound',
      author: { id: `a${n}`, name: `Person ${n}` },
      text,
      created_at: new Date(clock.now() - minutesAgo * 60_000).toISOString(),
    });
    expect(res.statusCode).toBe(200);
    return res.json().results[0] as { messageId: number; conversationId: number };
  };
  const view = async (conversationId: number) => {
    const v = await get(`/api/v1/conversations/${conversationId}`);
    return { conversation: v.conversation, message: v.messages[0] };
  };
  const labelsOf = async (messageId: number) =>
    t.services.db.kysely
      .selectFrom('messages')
      .select(['sentiment', 'sentiment_score', 'intent', 'priority', 'triage_json'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();

  it('corrects urgency: priority rises, the explanation says who changed what, and it can be undone', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const r = await ingest('where is my parcel?');
    const before = await view(r.conversationId);
    expect(before.message.triage.urgency).toEqual([]);
    const res = await post(`/api/v1/messages/${r.messageId}/triage`, { urgency: ['safety'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().message.triage.urgency).toEqual(['safety']);
    const after = await view(r.conversationId);
    expect(after.message.triage.urgency).toEqual(['safety']);
    expect(after.message.priority).toBe(before.message.priority + 25);
    expect(after.conversation.priority).toBeGreaterThan(before.conversation.priority);
    expect(after.message.triage.corrections).toEqual([
      {
        at: clock.now(),
        by: { userId: t.userIds.agent, name: expect.any(String) },
        field: 'urgency',
        from: null,
        to: 'safety',
      },
    ]);
    clock.advance(1000);
    await post(`/api/v1/messages/${r.messageId}/triage`, { urgency: [] });
    const undone = await view(r.conversationId);
    expect(undone.message.priority).toBe(before.message.priority);
    expect(undone.message.triage.corrections.map((c: { to: string | null }) => c.to)).toEqual([
      null,
      'safety',
    ]);
  });

  it('a negative correction brings the due time forward; a positive one moves it back', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const r = await ingest('do you ship to Canada?', 1);
    const before = await view(r.conversationId);
    expect(before.conversation.sentiment).not.toBe('negative');
    expect(before.conversation.replyDueAt).toBe(clock.now() - 60_000 + 60 * 60_000);
    await post(`/api/v1/messages/${r.messageId}/triage`, { sentiment: 'negative', intent: 'churn_risk' });
    const after = await view(r.conversationId);
    expect(after.conversation.sentiment).toBe('negative');
    expect(after.conversation.replyDueAt).toBe(clock.now() - 60_000 + 15 * 60_000);
    expect(after.conversation.priority).toBeGreaterThan(before.conversation.priority);
    const fields = after.message.triage.corrections.map((c: { field: string }) => c.field).sort();
    expect(fields).toEqual(['intent', 'sentiment']);
    await post(`/api/v1/messages/${r.messageId}/triage`, { sentiment: 'positive' });
    expect((await view(r.conversationId)).conversation.replyDueAt).toBe(clock.now() - 60_000 + 60 * 60_000);
  });

  it('corrects the language: the message is scored again in it, and a language without cues is unscored', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const r = await ingest('Die Brötchen waren super lecker, danke!');
    const detected = (await view(r.conversationId)).message;
    expect(detected.triage.language).toBe('de');
    expect(detected.sentiment).toBe('positive');
    const pt = await post(`/api/v1/messages/${r.messageId}/triage`, { language: 'pt' });
    expect(pt.statusCode).toBe(200);
    const unscored = (await view(r.conversationId)).message;
    expect(unscored).toMatchObject({ sentiment: 'neutral', intent: 'other' });
    expect(unscored.triage).toMatchObject({ language: 'pt', scored: false });
    expect(unscored.triage.corrections[0]).toMatchObject({ field: 'language', from: 'de', to: 'pt' });
    // An intent the agent set stays when the language is corrected again.
    await post(`/api/v1/messages/${r.messageId}/triage`, { intent: 'praise' });
    await post(`/api/v1/messages/${r.messageId}/triage`, { language: 'de' });
    const back = (await view(r.conversationId)).message;
    expect(back).toMatchObject({ sentiment: 'positive', intent: 'praise' });
    expect(back.triage.language).toBe('de');
    expect(back.triage.scored).toBeUndefined();
  });

  it('refuses bad values with 400 and changes nothing', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const r = await ingest('still no refund, terrible');
    const before = await labelsOf(r.messageId);
    const summary = (await view(r.conversationId)).conversation;
    for (const body of [
      {},
      { urgency: ['very'] },
      { urgency: 'safety' },
      { language: 'klingon' },
      { language: '' },
      { sentiment: 'furious' },
      { intent: 'rant' },
      { complaintType: '   ' },
      { sentiment: 'positive', language: 'xx' },
      { urgency: ['safety'], colour: 'red' },
    ]) {
      const res = await post(`/api/v1/messages/${r.messageId}/triage`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await labelsOf(r.messageId)).toEqual(before);
    expect((await view(r.conversationId)).conversation).toEqual(summary);
    expect(await t.services.db.kysely.selectFrom('triage_corrections').selectAll().execute()).toEqual([]);
  });

  it('keeps the last 10 corrections, newest first', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const r = await ingest('my order is late');
    for (let i = 0; i < 12; i += 1) {
      clock.advance(1000);
      await post(`/api/v1/messages/${r.messageId}/triage`, { complaintType: `type ${i}` });
    }
    const corrections = (await view(r.conversationId)).message.triage.corrections;
    expect(corrections).toHaveLength(10);
    expect(corrections[0]).toMatchObject({
      field: 'complaintType',
      from: 'type 10',
      to: 'type 11',
      at: clock.now(),
    });
    expect(corrections[9].to).toBe('type 2');
  });

  it('lists the complaint types, the ones the team added too', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const before = (await get('/api/v1/triage/model')).model.complaintTypes as string[];
    expect(before).toContain('other');
    expect(before).not.toContain('long wait');
    const r = await ingest('I have been on hold for 40 minutes');
    await post(`/api/v1/messages/${r.messageId}/triage`, { complaintType: 'long wait' });
    const after = (await get('/api/v1/triage/model')).model.complaintTypes as string[];
    expect(after).toEqual([...before, 'long wait']);
  });

  it('a single correction never changes an unrelated message’s labels', async () => {
    t = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: REPLY_HOOK }, { clock });
    const texts = [
      'thank you so much',
      'I was charged twice',
      'how do I reset my password?',
      'Oh wonderful, I waited 40 minutes for my order. Fantastic service.',
      'There was plastic in my croissant',
    ];
    const others = [];
    for (const text of texts) others.push(await ingest(text));
    const stored = await Promise.all(others.map((o) => labelsOf(o.messageId)));
    const r = await ingest('please add a dark mode');
    const corrected = await post(`/api/v1/messages/${r.messageId}/triage`, {
      intent: 'feature_request',
      complaintType: 'website_stock_check',
      urgency: ['locked_out'],
      language: 'en',
    });
    expect(corrected.statusCode).toBe(200);
    expect(await Promise.all(others.map((o) => labelsOf(o.messageId)))).toEqual(stored);
    // and the same texts arriving again are labelled as before
    for (const [i, text] of texts.entries()) {
      const again = await labelsOf((await ingest(text)).messageId);
      expect({ ...again, triage_json: null }, text).toEqual({ ...stored[i], triage_json: null });
    }
  });
});
