import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify, { type RouteOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, pathFor, type RouteContract } from '../src/contract/api-contract.js';
import { ManualClock } from '../src/platform/clock.js';
import { type ContractViolation, installResponseCheck } from '../src/server/contract-check.js';
import { installErrorHandler } from '../src/server/errors.js';
import { apiContracts, route } from '../src/server/route.js';
import { authRoutes } from '../src/server/routes/auth.schema.js';
import { channelRoutes } from '../src/server/routes/channels.schema.js';
import { conversationRoutes } from '../src/server/routes/conversations.schema.js';
import { healthRoutes } from '../src/server/routes/health.schema.js';
import { messageRoutes } from '../src/server/routes/messages.schema.js';
import { metricsRoutes } from '../src/server/routes/metrics.schema.js';
import { liveEventSchema, streamRoutes } from '../src/server/routes/stream.schema.js';
import { tokenRoutes } from '../src/server/routes/tokens.schema.js';
import { triageRoutes } from '../src/server/routes/triage.schema.js';
import { userRoutes } from '../src/server/routes/users.schema.js';
import { createTestApp, TEST_EMAILS, TEST_PASSWORD, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

/** Routes whose answers other suites exercise (with the same contract check on), and where. */
const coveredElsewhere: Record<string, string> = {
  engageWithMessage: 'tests/channels/engage.test.ts',
  retryReply: 'tests/api-conversations.test.ts',
  downloadAttachment: 'tests/email/attachments-api.test.ts',
  addChannelAccount: 'tests/channels/accounts.test.ts',
  updateChannelAccount: 'tests/channels/accounts.test.ts',
  removeChannelAccount: 'tests/channels/accounts.test.ts',
  setUp: 'tests/support/app.ts (every createTestApp signs the first admin up)',
  listEventListeners: 'tests/events/status.test.ts',
  listSlaPolicies: 'tests/api-sla.test.ts',
  createSlaPolicy: 'tests/api-sla.test.ts',
  updateSlaPolicy: 'tests/api-sla.test.ts',
  deleteSlaPolicy: 'tests/api-sla.test.ts',
  listBusinessHours: 'tests/api-sla.test.ts',
  createBusinessHours: 'tests/api-sla.test.ts',
  updateBusinessHours: 'tests/api-sla.test.ts',
  deleteBusinessHours: 'tests/api-sla.test.ts',
  listContacts: 'tests/api-contacts.test.ts',
  getContact: 'tests/api-contacts.test.ts',
  updateContact: 'tests/api-contacts.test.ts',
  mergeContact: 'tests/api-contacts.test.ts',
  unmergeContact: 'tests/api-contacts.test.ts',
  confirmContactEmail: 'tests/api-contacts.test.ts',
  addContactNote: 'tests/api-contacts.test.ts',
  addContactInteraction: 'tests/api-contacts.test.ts',
  addContactOccasion: 'tests/api-contacts.test.ts',
  deleteContactOccasion: 'tests/api-contacts.test.ts',
  listContactDuplicates: 'tests/api-contacts.test.ts',
  getToday: 'tests/api-today.test.ts',
  listTeams: 'tests/api-routing.test.ts',
  createTeam: 'tests/api-routing.test.ts',
  updateTeam: 'tests/api-routing.test.ts',
  deleteTeam: 'tests/api-routing.test.ts',
  getMyPresence: 'tests/api-routing.test.ts',
  setMyPresence: 'tests/api-routing.test.ts',
  listRoutingRules: 'tests/api-routing.test.ts',
  createRoutingRule: 'tests/api-routing.test.ts',
  updateRoutingRule: 'tests/api-routing.test.ts',
  deleteRoutingRule: 'tests/api-routing.test.ts',
  installRoutingDefaults: 'tests/api-routing.test.ts',
  getReplyCheckSettings: 'tests/api-reply-checks.test.ts',
  putReplyCheckSettings: 'tests/api-reply-checks.test.ts',
  checkReply: 'tests/api-reply-checks.test.ts',
  actOnToday: 'tests/api-today.test.ts',
  getReadiness: 'tests/api-operations.test.ts',
  getPrometheusMetrics: 'tests/api-operations.test.ts',
  getVapidPublicKey: 'tests/api-alerts.test.ts',
  createPushSubscription: 'tests/api-alerts.test.ts',
  deletePushSubscription: 'tests/api-alerts.test.ts',
  listPushSubscriptions: 'tests/api-alerts.test.ts',
  getAlertSettings: 'tests/api-alerts.test.ts',
  putAlertSettings: 'tests/api-alerts.test.ts',
  listAlerts: 'tests/api-alerts.test.ts',
  acknowledgeAlert: 'tests/api-alerts.test.ts',
  acknowledgeAlertFromNotification: 'tests/api-alerts.test.ts',
  getOnCall: 'tests/api-alerts.test.ts',
  createOnCallRotation: 'tests/api-alerts.test.ts',
  updateOnCallRotation: 'tests/api-alerts.test.ts',
  deleteOnCallRotation: 'tests/api-alerts.test.ts',
  createOnCallOverride: 'tests/api-alerts.test.ts',
  deleteOnCallOverride: 'tests/api-alerts.test.ts',
  listSegments: 'tests/api-people-scores.test.ts',
  createSegment: 'tests/api-people-scores.test.ts',
  deleteSegment: 'tests/api-people-scores.test.ts',
  exportContact: 'tests/api-people-privacy.test.ts',
  eraseContact: 'tests/api-people-privacy.test.ts',
  importContacts: 'tests/api-people-csv.test.ts',
  exportContactsCsv: 'tests/api-people-csv.test.ts',
  listPlaybooks: 'tests/api-replies.test.ts',
  createPlaybook: 'tests/api-replies.test.ts',
  updatePlaybook: 'tests/api-replies.test.ts',
  deletePlaybook: 'tests/api-replies.test.ts',
  installDefaultPlaybooks: 'tests/api-replies.test.ts',
  getConversationPlaybook: 'tests/api-replies.test.ts',
  listSavedReplies: 'tests/api-replies.test.ts',
  createSavedReply: 'tests/api-replies.test.ts',
  updateSavedReply: 'tests/api-replies.test.ts',
  deleteSavedReply: 'tests/api-replies.test.ts',
  renderSavedReply: 'tests/api-replies.test.ts',
  getMyVoice: 'tests/api-replies.test.ts',
  updateMyVoice: 'tests/api-replies.test.ts',
  getUserVoice: 'tests/api-replies.test.ts',
  setUserApprovalFlags: 'tests/api-approvals.test.ts',
  listHeldReplies: 'tests/api-approvals.test.ts',
  approveHeldReply: 'tests/api-approvals.test.ts',
  returnHeldReply: 'tests/api-approvals.test.ts',
};

type Operation = { method: string; path: string };
const key = (o: Operation) => `${o.method} ${o.path}`;

describe.each(testEngines)('API contract on %s', (engine) => {
  let t: TestApp;
  const streams: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) await stream.close();
    await t?.close();
  });

  it('serves a valid OpenAPI 3.1 document listing exactly the routes registered under /api/v1', async () => {
    const registered: Operation[] = [];
    const onRoute = (route: RouteOptions) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && route.url.startsWith('/api/v1/'))
          registered.push({ method, path: route.url });
      }
    };
    t = await createTestApp(engine, {}, { onRoute });
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();

    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    const documented: Operation[] = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => ({
          method: m.toUpperCase(),
          path: path.replace(/\{([^}]+)\}/g, ':$1'),
        })),
      );
    expect(registered.length).toBeGreaterThan(20);
    expect(documented.map(key).sort()).toEqual(registered.map(key).sort());

    // auth as the server enforces it: role routes take the cookie (+ CSRF on changes) or a token
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Op>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const contract = apiContracts(t.app).find((c) => c.operationId === op.operationId)!;
        expect(contract, `${method} ${path}`).toBeDefined();
        if ('role' in contract.auth) {
          expect(op['x-rapport-role']).toBe(contract.auth.role);
          const session = method === 'get' ? { session: [] } : { session: [], csrf: [] };
          expect(op.security).toEqual([session, { bearer: [] }]);
        } else expect(op.security).toEqual([]);
      }
    }
  });

  it('answers every route as its contract says (each answer is checked; see support/app.ts)', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 2, 9));
    t = await createTestApp(engine, {}, { clock });
    const answered = new Set<string>();
    const call = async (
      contract: RouteContract,
      input: { params?: object; query?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) => {
      const res = await t.app.inject({
        method: contract.method,
        url: pathFor(contract.path, input.params as Record<string, unknown>) + (input.query ?? ''),
        headers: input.headers ?? ('role' in contract.auth ? t.bearer(t.agentToken) : {}),
        ...(input.body === undefined ? {} : { payload: input.body as object }),
      });
      expect(`${contract.operationId} → ${res.statusCode}`).toBe(
        `${contract.operationId} → ${contract.status ?? 200}`,
      );
      answered.add(contract.operationId);
      return res.json();
    };
    const stream = await openStream(t);
    streams.push(stream);

    await call(healthRoutes.health);
    const at = new Date(clock.now() - 60_000).toISOString();
    const message = (id: string, text: string) => ({
      channel: 'generic',
      external_id: id,
      direction: 'inbound',
      author: { id: `a${id}`, handle: `@a${id}`, name: `Person ${id}` },
      text,
      created_at: at,
    });
    await call(messageRoutes.ingest, {
      body: { messages: [message('1', 'My parcel never arrived, this is awful'), message('2', 'Thanks!')] },
    });
    const list = await call(conversationRoutes.list, { query: '?sort=recent&status=open,pending' });
    const id = list.items[0].id as number;
    const detail = await call(conversationRoutes.get, { params: { id } });
    await call(conversationRoutes.reply, { params: { id }, body: { text: 'So sorry, looking now' } });
    await call(conversationRoutes.note, { params: { id }, body: { text: 'Ask @Ada about refunds' } });
    await call(conversationRoutes.assign, { params: { id }, body: { assigneeId: t.userIds.agent } });
    await call(conversationRoutes.labels, { params: { id }, body: { add: ['parcel'] } });
    await call(conversationRoutes.status, { params: { id }, body: { status: 'pending' } });
    await call(conversationRoutes.presence, { params: { id }, body: { state: 'viewing' } });
    await call(conversationRoutes.labelList);
    await call(triageRoutes.correct, {
      params: { id: detail.messages[0].id },
      body: { sentiment: 'negative' },
    });
    await call(triageRoutes.model);
    await call(conversationRoutes.get, { params: { id } });
    await call(metricsRoutes.responseTimes, { query: '?from=2026-01-01&to=2027-01-01' });
    await call(channelRoutes.types);
    await call(channelRoutes.list);

    const admin = t.admin.headers;
    await call(authRoutes.state, { headers: admin });
    await call(userRoutes.list);
    const added = await call(userRoutes.add, {
      headers: admin,
      body: { email: 'new@example.test', name: 'New Person', role: 'viewer', password: 'a long password' },
    });
    await call(userRoutes.update, {
      headers: admin,
      params: { id: added.user.id },
      body: { disabled: true },
    });
    await call(userRoutes.getPreferences, { headers: admin });
    await call(userRoutes.updatePreferences, { headers: admin, body: { keyboardShortcuts: false } });
    const token = await call(tokenRoutes.create, { headers: admin, body: { name: 'zapier', userId: null } });
    await call(tokenRoutes.list, { headers: admin });
    await call(tokenRoutes.revoke, { headers: admin, params: { id: token.apiToken.id } });
    const agent = await t.login('agent');
    await call(authRoutes.logout, { headers: agent.headers });
    await call(authRoutes.login, { body: { email: TEST_EMAILS.viewer, password: TEST_PASSWORD } });

    const events = await stream.until((all) => all.some((e) => e.type === 'presence'));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['message.created', 'conversation.updated']),
    );
    for (const event of events) {
      expect(liveEventSchema.safeParse(event.data).error).toBeUndefined();
      expect((event.data as { type: string }).type).toBe(event.type);
    }
    answered.add(streamRoutes.stream.operationId);

    const all = apiContracts(t.app).map((c) => c.operationId);
    const missing = all.filter((op) => !answered.has(op) && !coveredElsewhere[op]);
    expect(missing).toEqual([]);
  });
});

describe('the response check', () => {
  it('turns an answer that breaks its contract into a loud 500 and reports it', async () => {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    const seen: ContractViolation[] = [];
    installResponseCheck(app, (v) => seen.push(v));
    const contract = (path: string) =>
      defineRoute({
        operationId: 'probe',
        method: 'GET',
        path,
        auth: { public: true },
        tag: 'Test',
        summary: 'probe',
        query: z.object({ n: z.coerce.number().int() }),
        response: z.object({ n: z.number(), tags: z.array(z.string()) }),
      });
    route(app, contract('/api/v1/fine'), async ({ query }) => ({ n: query.n, tags: [] }));
    route(app, contract('/api/v1/extra'), async () => ({ n: 1, tags: [], secret: 'x' }) as never);
    route(app, contract('/api/v1/wrong'), async () => ({ n: 'one', tags: [1] }) as never);
    const get = (url: string) => app.inject({ method: 'GET', url });

    expect((await get('/api/v1/fine?n=2')).json()).toEqual({ n: 2, tags: [] });
    // an error answer is checked against the error body, which it matches
    expect((await get('/api/v1/fine?n=x')).json().error.code).toBe('validation_failed');
    expect(seen).toEqual([]);

    const extra = await get('/api/v1/extra?n=1');
    expect(extra.statusCode).toBe(500);
    expect(extra.json().error.message).toBe('the answer breaks the contract of GET /api/v1/extra');
    const wrong = await get('/api/v1/wrong?n=1');
    expect(wrong.statusCode).toBe(500);
    expect(seen.map((v) => v.problems)).toEqual([
      ['secret: not in the schema'],
      [
        'n: Invalid input: expected number, received string',
        'tags.0: Invalid input: expected string, received number',
      ],
    ]);
    await app.close();
  });
});

type Op = { operationId: string; security: unknown; 'x-rapport-role'?: string };

/** A real SSE connection (the stream is hijacked, so inject cannot read it). */
async function openStream(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/stream`, {
    headers: t.bearer(t.viewerToken),
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { type: string; data: unknown }[] = [];
  let buffer = '';
  return {
    async until(done: (events: { type: string; data: unknown }[]) => boolean) {
      const deadline = Date.now() + 5_000;
      while (!done(events) && Date.now() < deadline) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += chunk.value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) });
        }
      }
      return events;
    },
    close: async () => {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
