/** The check before sending on both engines: settings, POST /replies/check, and the check again on send. */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const NOW = Date.UTC(2026, 11, 2, 15, 30);
const shunting =
  'Sorry about that, Dana. Please DM us your order number and we will look into the cracked lid.';

describe.each(testEngines)('reply checks on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function setup() {
    t = await createTestApp(engine, {}, { clock: new ManualClock(NOW) });
    const agent = t.bearer(t.agentToken);
    const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) =>
      t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
    const ingest = await call('POST', '/api/v1/messages', agent, {
      channel: 'generic',
      external_id: 'k1',
      direction: 'inbound',
      author: { id: 'c1', name: 'dana_o' },
      text: 'The lid of my new kettle cracked on the first day',
      created_at: new Date(NOW - 60_000).toISOString(),
    });
    const id = ingest.json().results[0].conversationId as number;
    return { agent, call, id };
  }

  it('admins set levels per channel, terms and signing; agents read them', async () => {
    const { agent, call } = await setup();
    const initial = await call('GET', '/api/v1/replies/check-settings', agent);
    expect(initial.json().settings).toEqual({
      levels: {},
      channels: {},
      confidentialTerms: [],
      publicContacts: [],
      requireSignature: false,
    });
    const body = {
      levels: { offline_shunt: 'block', tone: 'off' },
      channels: { email: { offline_shunt: 'warn' } },
      confidentialTerms: [' Project Falcon ', 'Project Falcon', 'Q3 forecast'],
      publicContacts: [],
      requireSignature: true,
    };
    expect((await call('PUT', '/api/v1/replies/check-settings', agent, body)).statusCode).toBe(403);
    const bad = await call('PUT', '/api/v1/replies/check-settings', t.admin.headers, {
      ...body,
      levels: { offline_shunt: 'loud' },
    });
    expect(bad.statusCode).toBe(400);
    const saved = await call('PUT', '/api/v1/replies/check-settings', t.admin.headers, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings.confidentialTerms).toEqual(['Project Falcon', 'Q3 forecast']);
    expect((await call('GET', '/api/v1/replies/check-settings', agent)).json().settings).toMatchObject({
      levels: { offline_shunt: 'block', tone: 'off' },
      channels: { email: { offline_shunt: 'warn' } },
      requireSignature: true,
    });
    const events = await t.services.db.kysely
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'reply_checks.changed')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('checks a reply for a conversation or for given customer words, with the settings', async () => {
    const { agent, call, id } = await setup();
    await call('PUT', '/api/v1/replies/check-settings', t.admin.headers, {
      levels: { confidential: 'block' },
      channels: {},
      confidentialTerms: ['Q3 forecast'],
      publicContacts: [],
      requireSignature: true,
    });
    const res = await call('POST', '/api/v1/replies/check', agent, {
      text: 'DM us. Our Q3 forecast is confidential.',
      conversationId: id,
    });
    expect(res.statusCode).toBe(200);
    const codes = res.json().findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(['offline_shunt', 'confidential', 'not_personal', 'unsigned']);
    expect(res.json().findings[1]).toMatchObject({ severity: 'block', match: 'Q3 forecast' });

    const named = await call('POST', '/api/v1/replies/check', agent, {
      text: 'Your kettle lid is covered: a new one ships today. -Sam',
      customer_text: 'my kettle lid cracked',
      customer_name: 'Dana',
    });
    expect(named.json().findings.map((f: { code: string }) => f.code)).toEqual(['missing_name']);
    const missing = await call('POST', '/api/v1/replies/check', agent, { text: 'hi', conversationId: 99999 });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a blocked reply with 422 and its findings, and records a legitimate reason', async () => {
    const { agent, call, id } = await setup();
    await call('PUT', '/api/v1/replies/check-settings', t.admin.headers, {
      levels: { offline_shunt: 'block' },
      channels: {},
      confidentialTerms: [],
      publicContacts: [],
      requireSignature: false,
    });
    const refused = await call('POST', `/api/v1/conversations/${id}/reply`, agent, { text: shunting });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('reply_blocked');
    expect(refused.json().error.details.findings).toEqual([
      expect.objectContaining({ code: 'offline_shunt', match: 'DM' }),
    ]);
    const detail = (await call('GET', `/api/v1/conversations/${id}`, agent)).json();
    expect(detail.messages.filter((m: { direction: string }) => m.direction === 'outbound')).toHaveLength(0);

    const badReason = await call('POST', `/api/v1/conversations/${id}/reply`, agent, {
      text: shunting,
      shuntReason: 'because',
    });
    expect(badReason.statusCode).toBe(400);
    const sent = await call('POST', `/api/v1/conversations/${id}/reply`, agent, {
      text: shunting,
      shuntReason: 'account_details',
    });
    expect(sent.statusCode).toBe(200);
    const event = await t.services.db.kysely
      .selectFrom('events')
      .select('data_json')
      .where('type', '=', 'message.replied')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data_json ?? '{}')).toMatchObject({
      shuntReason: 'account_details',
      findings: ['offline_shunt'],
    });
  });
});
