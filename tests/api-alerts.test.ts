import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addChannelAccount } from '../src/commands/channel-accounts.js';
import { sweepSlaAlerts } from '../src/commands/sla-alerts.js';
import { ManualClock } from '../src/platform/clock.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { appendEvent, systemActor } from '../src/store/events-repo.js';
import { startCaptureServer } from './email/support.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';
import { pushReceiver } from './support/push-receiver.js';

const M = 60_000;
// Wednesday 2 December 2026, 15:30 UTC (16:30 in Berlin)
const NOW = Date.UTC(2026, 11, 2, 15, 30);
const ANGRY =
  'This is terrible. My order arrived broken and nobody answers. Worst service ever, I am furious!';

/** A local Slack-compatible webhook receiver that records bodies and signatures. */
function slackReceiver() {
  const seen: { body: string; signature: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ body, signature: req.headers['x-rapport-signature'] as string | undefined });
      res.writeHead(200).end('ok');
    });
  });
  return {
    seen,
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(testEngines)('alerts on %s', (engine) => {
  let t: TestApp;
  const push = pushReceiver();
  const slack = slackReceiver();
  let hook = '';
  let dataDir = '';
  beforeAll(async () => {
    await push.start();
    hook = await slack.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-alerts-'));
  });
  afterAll(async () => {
    await push.stop();
    await slack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await t?.close();
  });

  const start = async (clock: ManualClock, overrides: Record<string, string> = {}) => {
    t = await createTestApp(
      engine,
      {
        RAPPORT_PUSH_ALLOW_HTTP: 'true',
        RAPPORT_DATA_DIR: dataDir,
        RAPPORT_ALERT_ESCALATE_MINUTES: '10',
        ...overrides,
      },
      { clock },
    );
    const worker = createJobWorker(t.services);
    const call = async (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      headers: object,
      payload?: object,
    ) => t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
    const ingest = async (id: string, text: string, at = clock.now()) => {
      const res = await call('POST', '/api/v1/messages', t.bearer(t.agentToken), {
        channel: 'generic',
        external_id: id,
        direction: 'inbound',
        author: { id: `c-${id}`, name: 'Dana Customer' },
        text,
        created_at: new Date(at).toISOString(),
      });
      expect(res.statusCode).toBe(200);
      return res.json().results[0].conversationId as number;
    };
    /** Lets the listeners raise what they raise, then runs every due job. */
    const settle = async () => {
      await t.events.settle();
      await worker.drain();
    };
    return { worker, call, ingest, settle };
  };

  it('keeps one VAPID key pair in the data dir, mode 0600, and hands out its public key', async () => {
    const clock = new ManualClock(NOW);
    const { call } = await start(clock);
    const res = await call('GET', '/api/v1/push/vapid-public-key', t.bearer(t.viewerToken));
    expect(res.statusCode).toBe(200);
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'vapid.json'), 'utf8'));
    expect(res.json().publicKey).toBe(stored.publicKey);
    expect(Buffer.from(stored.publicKey, 'base64url')).toHaveLength(65);
    expect(fs.statSync(path.join(dataDir, 'vapid.json')).mode & 0o777).toBe(0o600);
  });

  it('pushes a negative message to the on-call person: signed, encrypted, linking the conversation; gone devices are forgotten', async () => {
    const clock = new ManualClock(NOW);
    const { call, ingest, settle } = await start(clock);
    const agent = t.bearer(t.agentToken);
    const phone = push.subscription(`phone-${engine}`);
    const oldTablet = push.subscription(`tablet-${engine}`);
    push.answer(`tablet-${engine}`, 410);
    expect((await call('POST', '/api/v1/push/subscriptions', agent, phone)).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/push/subscriptions', agent, oldTablet)).statusCode).toBe(201);
    expect((await call('GET', '/api/v1/push/subscriptions', agent)).json().items).toHaveLength(2);
    // the agent is on call (a rotation of one), nobody is assigned
    const rot = await call('POST', '/api/v1/on-call/rotations', t.admin.headers, {
      name: 'Support',
      period: 'weekly',
      members: [t.userIds.agent],
      startsAt: NOW - 3_600_000,
      timeZone: 'Europe/Berlin',
    });
    expect(rot.statusCode).toBe(201);

    const before = push.received.length;
    const id = await ingest(`neg-${engine}`, ANGRY);
    await settle();
    const got = push.received.slice(before);
    expect(push.rejected).toEqual([]);
    expect(got).toHaveLength(1);
    const p = got[0]!;
    expect(p.path).toBe(`/push/phone-${engine}`);
    const key = (await call('GET', '/api/v1/push/vapid-public-key', agent)).json().publicKey;
    expect(p.vapidKey).toBe(key);
    expect(p.claims.aud).toBe(new URL(phone.endpoint).origin);
    expect(p.claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(p.claims.sub).toMatch(/^mailto:/);
    expect(p.headers.urgency).toBe('high');
    const payload = p.payload as Record<string, unknown>;
    expect(payload.url).toBe(`/c/${id}`);
    expect(payload.title).toBe('Negative message: Dana Customer on generic');
    expect(payload.body).toBe(ANGRY);
    expect(typeof payload.alertId).toBe('number');
    expect(typeof payload.ackToken).toBe('string');

    // the gone tablet was removed; the audit says who, how, and that it arrived
    expect((await call('GET', '/api/v1/push/subscriptions', agent)).json().items).toHaveLength(1);
    const audit = (await call('GET', '/api/v1/alerts?mine=true', agent)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      kind: 'negative',
      conversationId: id,
      alerted: [t.userIds.agent],
      ackedAt: null,
    });
    expect(audit[0].deliveries).toMatchObject([
      { userId: t.userIds.agent, via: 'push', status: 'delivered', detail: '1 device, 1 gone and removed' },
    ]);

    // the notification's button acknowledges with the token (no session), a wrong token does nothing
    const wrong = await call(
      'POST',
      `/api/v1/alerts/${payload.alertId}/ack-token`,
      {},
      { token: 'x'.repeat(24) },
    );
    expect(wrong.statusCode).toBe(404);
    const ack = await call(
      'POST',
      `/api/v1/alerts/${payload.alertId}/ack-token`,
      {},
      { token: payload.ackToken },
    );
    expect(ack.json()).toEqual({ ok: true });
    const after = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(after.ackedAt).toBe(NOW);

    // a device can be turned off again
    const off = await call('DELETE', '/api/v1/push/subscriptions', agent, { endpoint: phone.endpoint });
    expect(off.statusCode).toBe(204);
    expect((await call('GET', '/api/v1/push/subscriptions', agent)).json().items).toHaveLength(0);
  });

  it('escalates to the next person on call after the set time unless someone acknowledges (fixed clock)', async () => {
    const clock = new ManualClock(NOW);
    const { call, ingest, settle } = await start(clock);
    const agent = t.bearer(t.agentToken);
    await call('POST', '/api/v1/push/subscriptions', agent, push.subscription(`agent-${engine}`));
    await call('POST', '/api/v1/push/subscriptions', t.admin.headers, push.subscription(`admin-${engine}`));
    await call('POST', '/api/v1/on-call/rotations', t.admin.headers, {
      name: 'Daily',
      period: 'daily',
      members: [t.userIds.agent, t.userIds.admin],
      startsAt: NOW - 30 * M, // the agent's turn today
      timeZone: 'Europe/Berlin',
    });
    const onCall = (await call('GET', '/api/v1/on-call', t.bearer(t.viewerToken))).json();
    expect(onCall.now).toMatchObject([{ userId: t.userIds.agent, name: 'Alex Agent', source: 'rotation' }]);

    const pushesTo = (who: string) => push.received.filter((r) => r.path === `/push/${who}-${engine}`).length;
    await ingest(`esc-${engine}`, ANGRY);
    await settle();
    expect(pushesTo('agent')).toBe(1);
    expect(pushesTo('admin')).toBe(0);

    clock.advance(9 * M);
    await settle();
    expect(pushesTo('admin')).toBe(0); // not yet

    clock.advance(1 * M);
    await settle();
    expect(pushesTo('admin')).toBe(1); // 10 minutes, nobody acknowledged: the next person on call
    let alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(alert).toMatchObject({ level: 1, alerted: [t.userIds.agent, t.userIds.admin] });

    // acknowledged: nothing more happens, however long nobody else looks
    const ack = await call('POST', `/api/v1/alerts/${alert.id}/ack`, agent);
    expect(ack.json().alert).toMatchObject({ ackedAt: NOW + 10 * M, ackedBy: t.userIds.agent });
    clock.advance(60 * M);
    await settle();
    alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(alert.level).toBe(1);
    expect(alert.deliveries).toHaveLength(2);

    // a second alert acknowledged at once never escalates
    await call('POST', '/api/v1/conversations/' + alert.conversationId + '/status', agent, {
      status: 'resolved',
    });
    await ingest(`esc2-${engine}`, `${ANGRY} Again!`);
    await settle();
    const second = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(second.id).not.toBe(alert.id);
    await call('POST', `/api/v1/alerts/${second.id}/ack`, agent);
    clock.advance(30 * M);
    await settle();
    expect((await call('GET', '/api/v1/alerts', agent)).json().items[0].level).toBe(0);
  });

  it('holds alerts in quiet hours (the next person gets them), and posts signed Slack JSON to a webhook', async () => {
    const clock = new ManualClock(NOW); // 16:30 in Berlin
    const { call, ingest, settle } = await start(clock);
    const agent = t.bearer(t.agentToken);
    const quiet = { start: '16:00', end: '08:00', timeZone: 'Europe/Berlin' };
    const saved = await call('PUT', '/api/v1/alerts/settings', agent, {
      kinds: ['negative', 'urgent', 'mention', 'assigned'],
      push: true,
      email: false,
      webhookUrl: null,
      quietHours: quiet,
    });
    expect(saved.statusCode).toBe(200);
    const mine = (await call('GET', '/api/v1/alerts/settings', agent)).json();
    expect(mine).toMatchObject({ settings: { quietHours: quiet, push: true }, webhookSecret: null });
    const adminSettings = await call('PUT', '/api/v1/alerts/settings', t.admin.headers, {
      kinds: ['negative', 'assigned'],
      push: false,
      email: false,
      webhookUrl: hook,
      quietHours: null,
    });
    const secret = adminSettings.json().webhookSecret as string;
    expect(secret).toMatch(/^[\w-]{20,}$/);
    await call('POST', '/api/v1/on-call/rotations', t.admin.headers, {
      name: 'Weekly',
      period: 'weekly',
      members: [t.userIds.agent, t.userIds.admin],
      startsAt: NOW - 60 * M,
      timeZone: 'Europe/Berlin',
    });
    const before = slack.seen.length;
    const id = await ingest(`quiet-${engine}`, ANGRY);
    await settle();
    let alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(alert.deliveries).toMatchObject([
      { userId: t.userIds.agent, status: 'skipped', detail: 'quiet hours' },
    ]);
    clock.advance(10 * M);
    await settle();
    alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(alert.deliveries[1]).toMatchObject({
      userId: t.userIds.admin,
      via: 'webhook',
      status: 'delivered',
      level: 1,
    });
    const posted = slack.seen.slice(before);
    expect(posted).toHaveLength(1);
    const { body, signature } = posted[0]!;
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    const json = JSON.parse(body);
    expect(json.text).toContain('Negative message: Dana Customer on generic');
    expect(json.text).toContain(`/c/${id}`);
    expect(Array.isArray(json.blocks)).toBe(true);

    // after quiet hours the same person is alerted again (08:00 Berlin the next day)
    clock.set(Date.UTC(2026, 11, 3, 7, 5));
    await call('POST', `/api/v1/conversations/${id}/assign`, t.admin.headers, {
      assigneeId: t.userIds.agent,
    });
    await settle();
    const assigned = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
    expect(assigned).toMatchObject({ kind: 'assigned', alerted: [t.userIds.agent] });
    expect(assigned.deliveries[0]).toMatchObject({
      via: 'push',
      status: 'failed',
      detail: 'no device has alerts enabled',
    });
  });

  it('says when a reply is due soon and when it is overdue, once each, and not for old backlog', async () => {
    const clock = new ManualClock(NOW);
    const { call, ingest, settle } = await start(clock, { RAPPORT_SLA_TIMERS_WITHOUT_REPLY: 'true' });
    const agent = t.bearer(t.agentToken);
    await ingest(`old-${engine}`, 'Still waiting for my refund from last month.', NOW - 30 * 24 * 60 * M);
    const id = await ingest(
      `sla-${engine}`,
      'Hello, could you tell me your opening hours on Saturday please?',
    );
    const conv = (await call('GET', `/api/v1/conversations/${id}`, agent)).json().conversation;
    const due = conv.replyDueAt as number;
    expect(due).toBeGreaterThan(NOW + 10 * M);
    await settle();
    expect(await sweepSlaAlerts(t.services)).toBe(0);
    clock.set(due - 4 * M);
    expect(await sweepSlaAlerts(t.services)).toBe(1);
    expect(await sweepSlaAlerts(t.services)).toBe(0);
    clock.set(due + M);
    expect(await sweepSlaAlerts(t.services)).toBe(1);
    expect(await sweepSlaAlerts(t.services)).toBe(0);
    await settle();
    const items = (await call('GET', '/api/v1/alerts', agent)).json().items;
    expect(items.map((a: { kind: string; title: string; url: string }) => [a.kind, a.title, a.url])).toEqual([
      ['sla_breach', 'Reply overdue by 1 min: Dana Customer on generic', `/c/${id}`],
      ['sla_warning', 'Reply due in 4 min: Dana Customer on generic', `/c/${id}`],
    ]);
    // nobody on call, nobody assigned: every agent and admin
    expect(items[0].alerted).toEqual([t.userIds.admin, t.userIds.agent]);
  });

  it('mails a mention through the email account, retries a failing push, and tells whom a routing rule names', {
    timeout: 90_000,
  }, async () => {
    const clock = new ManualClock(NOW);
    const { call, ingest, settle } = await start(clock);
    const smtp = await startCaptureServer();
    try {
      await addChannelAccount(t.services, systemActor, {
        type: 'email',
        name: 'Shop mail',
        settings: {
          address: 'support@shop.example',
          fromName: 'Shop',
          smtpHost: '127.0.0.1',
          smtpPort: smtp.port,
          smtpSecure: false,
        },
        verify: false,
      });
      await call('PUT', '/api/v1/alerts/settings', t.admin.headers, {
        kinds: ['mention'],
        push: true,
        email: true,
        webhookUrl: null,
        quietHours: null,
      });
      const flaky = `flaky-${engine}`;
      await call('POST', '/api/v1/push/subscriptions', t.admin.headers, push.subscription(flaky));
      push.answer(flaky, 503);
      const agent = t.bearer(t.agentToken);
      const id = await ingest(`mention-${engine}`, 'Hello, where can I find my invoice?');
      const note = await call('POST', `/api/v1/conversations/${id}/notes`, agent, {
        text: '@Ada Admin can you check the invoice system?',
      });
      expect(note.statusCode).toBeLessThan(300);
      await settle();
      const mail = await smtp.waitFor(`/c/${id}`);
      expect(mail.parsed.subject).toBe('You were mentioned: Dana Customer on generic');
      expect(mail.parsed.text).toContain('@Ada Admin can you check the invoice system?');
      expect(mail.envelope.to).toEqual(['admin@example.test']);
      let alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
      expect(alert).toMatchObject({ kind: 'mention', alerted: [t.userIds.admin], escalates: false });
      const pushRow = () => alert.deliveries.find((d: { via: string }) => d.via === 'push');
      expect(pushRow()).toMatchObject({ status: 'queued', detail: 'retrying: push service answered 503' });
      expect(alert.deliveries.find((d: { via: string }) => d.via === 'email')).toMatchObject({
        status: 'delivered',
      });

      push.answer(flaky, 0); // the push service is back
      clock.advance(10_000);
      await settle();
      alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
      expect(pushRow()).toMatchObject({ status: 'delivered', detail: '1 device' });
      expect(push.received.filter((r) => r.path === `/push/${flaky}`)).toHaveLength(1);

      // a routing rule (another helper's) names who to tell
      await appendEvent(t.services.db.kysely, {
        at: clock.now(),
        actor: systemActor,
        conversationId: id,
        type: 'routing.notify',
        data: {
          messageId: 1,
          ruleId: 1,
          ruleName: 'invoice questions go to billing',
          userIds: [t.userIds.agent],
          teamIds: [],
          channel: 'generic',
          sentiment: 'neutral',
          intent: 'question',
        },
      });
      await settle();
      alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
      expect(alert).toMatchObject({ kind: 'routing', alerted: [t.userIds.agent], url: `/c/${id}` });

      // the spike detector's finding reaches whoever would get an unassigned alert: here everyone
      await appendEvent(t.services.db.kysely, {
        at: clock.now(),
        actor: systemActor,
        type: 'alert.negative_spike',
        data: {
          kind: 'negative_spike',
          channel: 'bluesky',
          at: clock.now(),
          count: 12,
          windowMs: 900_000,
          baseline: 1,
        },
      });
      await settle();
      alert = (await call('GET', '/api/v1/alerts', agent)).json().items[0];
      expect(alert).toMatchObject({
        kind: 'negative_spike',
        title: 'Negative spike on bluesky: 12 negative messages',
        conversationId: null,
        alerted: [t.userIds.admin, t.userIds.agent],
      });
    } finally {
      await smtp.close();
    }
  });

  it('lets admins edit rotations and overrides; everyone sees who is on call', async () => {
    const clock = new ManualClock(NOW);
    const { call } = await start(clock);
    const body = {
      name: 'Nights',
      period: 'daily',
      members: [t.userIds.agent],
      startsAt: NOW,
      timeZone: 'Europe/Berlin',
    };
    expect((await call('POST', '/api/v1/on-call/rotations', t.bearer(t.agentToken), body)).statusCode).toBe(
      403,
    );
    const bad = await call('POST', '/api/v1/on-call/rotations', t.admin.headers, {
      ...body,
      timeZone: 'Mars/Base',
    });
    expect(bad.statusCode).toBe(400);
    const made = (await call('POST', '/api/v1/on-call/rotations', t.admin.headers, body)).json().rotation;
    expect((await call('POST', '/api/v1/on-call/rotations', t.admin.headers, body)).statusCode).toBe(409);
    const changed = await call('PUT', `/api/v1/on-call/rotations/${made.id}`, t.admin.headers, {
      ...body,
      members: [t.userIds.agent, t.userIds.admin],
    });
    expect(changed.json().rotation.members).toEqual([t.userIds.agent, t.userIds.admin]);
    const o = await call('POST', '/api/v1/on-call/overrides', t.admin.headers, {
      userId: t.userIds.admin,
      startsAt: NOW - M,
      endsAt: NOW + 60 * M,
      note: 'covering',
    });
    expect(o.statusCode).toBe(201);
    const seen = (await call('GET', '/api/v1/on-call', t.bearer(t.viewerToken))).json();
    expect(seen.now.map((e: { userId: number; source: string }) => [e.userId, e.source])).toEqual([
      [t.userIds.admin, 'override'],
      [t.userIds.agent, 'rotation'],
    ]);
    expect(
      (await call('DELETE', `/api/v1/on-call/overrides/${o.json().override.id}`, t.admin.headers)).statusCode,
    ).toBe(204);
    expect((await call('DELETE', `/api/v1/on-call/rotations/${made.id}`, t.admin.headers)).statusCode).toBe(
      204,
    );
    expect((await call('GET', '/api/v1/on-call', t.bearer(t.viewerToken))).json().now).toEqual([]);
  });
});
