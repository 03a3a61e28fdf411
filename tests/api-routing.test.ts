import { afterEach, describe, expect, it } from 'vitest';
import { sweepAssignments } from '../src/commands/auto-assign.js';
import { ManualClock } from '../src/platform/clock.js';
import { createApiToken } from '../src/store/tokens-repo.js';
import { createUser } from '../src/store/users-repo.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const M = 60_000;
// Wednesday 2 December 2026, 10:00 in Berlin (09:00 UTC)
const NOW = Date.UTC(2026, 11, 2, 9, 0);
const hook = { RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/hook' };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A test app with two more agents (Bea, Cal) and helpers to call the API as anyone. */
async function routingApp(engine: 'sqlite' | 'postgres', clock: ManualClock) {
  const t = await createTestApp(engine, hook, { clock });
  const db = t.services.db.kysely;
  const more: Record<string, { id: number; token: string }> = {};
  for (const name of ['Bea', 'Cal']) {
    const user = await createUser(db, {
      email: `${name.toLowerCase()}@example.test`,
      name: `${name} Agent`,
      role: 'agent',
      password: 'correct horse battery',
      now: NOW,
    });
    more[name] = {
      id: user.id,
      token: (await createApiToken(db, { name, role: 'agent', userId: user.id, now: NOW })).token,
    };
  }
  const call = (method: Method, url: string, headers: object, payload?: object) =>
    t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
  const as = {
    admin: t.admin.headers,
    agent: t.bearer(t.agentToken),
    viewer: t.bearer(t.viewerToken),
    bea: t.bearer(more.Bea!.token),
    cal: t.bearer(more.Cal!.token),
  };
  const ids = { agent: t.userIds.agent, bea: more.Bea!.id, cal: more.Cal!.id };
  let n = 0;
  /** Ingests one customer message in a conversation of its own; returns the conversation id. */
  const ingest = async (text: string) => {
    n += 1;
    const res = await call('POST', '/api/v1/messages', as.agent, {
      channel: 'generic',
      external_id: `m${n}`,
      direction: 'inbound',
      author: { id: `customer-${n}`, name: `Customer ${n}` },
      text,
      created_at: new Date(clock.now()).toISOString(),
    });
    expect(res.statusCode).toBe(200);
    await t.events.settle();
    return res.json().results[0].conversationId as number;
  };
  const conversation = async (id: number) =>
    db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = (type: string) =>
    db.selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute();
  const presence = async (who: keyof typeof as, status: string, capacity?: number | null) => {
    const res = await call('PUT', '/api/v1/me/presence', as[who], { status, capacity });
    expect(res.statusCode).toBe(200);
    return res.json().presence;
  };
  return { t, db, call, as, ids, ingest, conversation, events, presence };
}

const negative = 'Where is my parcel? This is terrible, awful service.';

describe.each(testEngines)('routing on %s', (engine) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('teams, rules and defaults: admins write, everyone reads; people set their own presence', async () => {
    const clock = new ManualClock(NOW);
    const r = await routingApp(engine, clock);
    t = r.t;
    const { call, as, ids } = r;
    const team = {
      name: 'Billing',
      description: 'Money questions',
      skills: ['billing'],
      members: [{ userId: ids.agent, skills: ['refunds'] }],
    };
    expect((await call('POST', '/api/v1/teams', as.agent, team)).statusCode).toBe(403);
    const bad = await call('POST', '/api/v1/teams', as.admin, { ...team, members: [{ userId: 999 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/no active user 999/);
    const created = await call('POST', '/api/v1/teams', as.admin, team);
    expect(created.statusCode).toBe(201);
    const teamId = created.json().team.id as number;
    expect(created.json().team).toMatchObject({
      name: 'Billing',
      skills: ['billing'],
      members: [{ userId: ids.agent, name: 'Alex Agent', skills: ['refunds'] }],
    });
    expect((await call('POST', '/api/v1/teams', as.admin, team)).statusCode).toBe(409);
    const updated = await call('PUT', `/api/v1/teams/${teamId}`, as.admin, {
      ...team,
      members: [{ userId: ids.agent }, { userId: ids.bea }],
    });
    expect(
      updated
        .json()
        .team.members.map((m: { userId: number }) => m.userId)
        .sort(),
    ).toEqual([ids.agent, ids.bea].sort());

    // presence: off shift until said otherwise; capacity kept when left out
    expect((await call('GET', '/api/v1/me/presence', as.bea)).json().presence).toMatchObject({
      status: 'off_shift',
      capacity: null,
    });
    expect(await r.presence('bea', 'online', 3)).toMatchObject({
      userId: ids.bea,
      status: 'online',
      capacity: 3,
    });
    expect(await r.presence('bea', 'away')).toMatchObject({ status: 'away', capacity: 3 });
    expect((await call('PUT', '/api/v1/me/presence', as.viewer, { status: 'online' })).statusCode).toBe(403);
    expect((await call('PUT', '/api/v1/me/presence', as.bea, { status: 'asleep' })).statusCode).toBe(400);
    const listed = (await call('GET', '/api/v1/teams', as.viewer)).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.presence.find((p: { userId: number }) => p.userId === ids.bea)).toMatchObject({
      name: 'Bea Agent',
      status: 'away',
    });

    // rules
    const rule = {
      name: 'Refunds to billing',
      conditions: { keywords: ['refund'], sentiments: ['negative'] },
      actions: [{ type: 'assign_team', teamId }],
    };
    expect((await call('POST', '/api/v1/routing/rules', as.agent, rule)).statusCode).toBe(403);
    const noTeam = await call('POST', '/api/v1/routing/rules', as.admin, {
      ...rule,
      actions: [{ type: 'assign_team', teamId: 999 }],
    });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.message).toMatch(/no team 999/);
    const noAction = await call('POST', '/api/v1/routing/rules', as.admin, { ...rule, actions: [] });
    expect(noAction.statusCode).toBe(400);
    const made = await call('POST', '/api/v1/routing/rules', as.admin, rule);
    expect(made.statusCode).toBe(201);
    expect(made.json().rule).toMatchObject({ position: 0, enabled: true, continue: false });
    const ruleId = made.json().rule.id as number;
    const changed = await call('PUT', `/api/v1/routing/rules/${ruleId}`, as.admin, {
      ...rule,
      continue: true,
      enabled: false,
    });
    expect(changed.json().rule).toMatchObject({ continue: true, enabled: false, position: 0 });

    const defaults = await call('POST', '/api/v1/routing/defaults', as.admin, {});
    expect(defaults.statusCode).toBe(201);
    expect(defaults.json().added).toEqual({
      teams: ['Spokespeople', 'Subject experts', 'Sales', 'Product'],
      rules: [
        'Negative posts to spokespeople',
        'Hard questions to subject experts',
        'Purchase intent to sales',
        'Feature requests to product',
      ],
    });
    expect(defaults.json().items.map((x: { position: number }) => x.position)).toEqual([0, 1, 2, 3, 4]);
    const again = await call('POST', '/api/v1/routing/defaults', as.admin, {});
    expect(again.json().added).toEqual({ teams: [], rules: [] });
    expect((await call('GET', '/api/v1/routing/rules', as.viewer)).json().items).toHaveLength(5);

    expect((await call('DELETE', `/api/v1/routing/rules/${ruleId}`, as.admin)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/routing/rules/${ruleId}`, as.admin)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/teams/${teamId}`, as.agent)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/teams/${teamId}`, as.admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/teams', as.viewer)).json().items).toHaveLength(4);
  });

  it('gives negative posts to the spokespeople round-robin within capacity; nobody free: the team queue', async () => {
    const clock = new ManualClock(NOW);
    const r = await routingApp(engine, clock);
    t = r.t;
    const { call, as, ids } = r;
    await call('POST', '/api/v1/routing/defaults', as.admin, {});
    const spokes = (await call('GET', '/api/v1/teams', as.admin))
      .json()
      .items.find((x: { name: string }) => x.name === 'Spokespeople');
    await call('PUT', `/api/v1/teams/${spokes.id}`, as.admin, {
      name: 'Spokespeople',
      members: [{ userId: ids.agent }, { userId: ids.bea }, { userId: ids.cal }],
    });
    await r.presence('agent', 'online', 2);
    await r.presence('bea', 'online', 1);
    await r.presence('cal', 'away');

    const convs: number[] = [];
    for (let i = 0; i < 4; i++) convs.push(await r.ingest(negative));
    const owners = await Promise.all(convs.map(async (id) => (await r.conversation(id)).assignee_id));
    // agent and Bea take turns; Bea is full after one, the agent after two; the fourth waits
    expect(owners).toEqual([ids.agent, ids.bea, ids.agent, null]);
    const waiting = await r.conversation(convs[3]!);
    expect(waiting.team_id).toBe(spokes.id);
    // the pointer is stored with the team, so the turn survives a restart
    const row = await r.db
      .selectFrom('teams')
      .select('last_assigned_user_id')
      .where('id', '=', spokes.id)
      .executeTakeFirstOrThrow();
    expect(row.last_assigned_user_id).toBe(ids.agent);

    const assigned = await r.events('conversation.assigned');
    expect(assigned.map((e) => JSON.parse(e.data_json!))).toEqual([
      { assigneeId: ids.agent, teamId: spokes.id, reason: 'routing' },
      { assigneeId: ids.bea, teamId: spokes.id, reason: 'routing' },
      { assigneeId: ids.agent, teamId: spokes.id, reason: 'routing' },
      { assigneeId: null, teamId: spokes.id, reason: 'routing' },
    ]);
    const notify = await r.events('routing.notify');
    expect(notify).toHaveLength(4);
    expect(JSON.parse(notify[0]!.data_json!)).toMatchObject({
      ruleName: 'Negative posts to spokespeople',
      userIds: [ids.agent, ids.bea, ids.cal].sort((a, b) => a - b),
      teamIds: [spokes.id],
      channel: 'generic',
      sentiment: 'negative',
    });
    expect(notify[0]!.conversation_id).toBe(convs[0]);
    const labels = (await call('GET', `/api/v1/conversations/${convs[0]}`, as.agent)).json().conversation
      .labels;
    expect(JSON.stringify(labels)).toContain('negative');

    // Cal comes online: the sweep gives them the conversation waiting in the queue
    await r.presence('cal', 'online', 5);
    expect(await sweepAssignments(r.t.services)).toEqual({ reassigned: 0, fromQueue: 1 });
    expect((await r.conversation(convs[3]!)).assignee_id).toBe(ids.cal);
    expect(await sweepAssignments(r.t.services)).toEqual({ reassigned: 0, fromQueue: 0 });

    // a conversation that has an owner keeps them when a new message matches again
    const before = (await r.conversation(convs[0]!)).assignee_id;
    await r.call('POST', '/api/v1/messages', as.agent, {
      channel: 'generic',
      external_id: 'm-follow-up',
      direction: 'inbound',
      author: { id: 'customer-1', name: 'Customer 1' },
      text: 'Still waiting. Awful, terrible.',
      in_reply_to: 'm1',
      created_at: new Date(clock.now()).toISOString(),
    });
    await r.t.events.settle();
    expect((await r.conversation(convs[0]!)).assignee_id).toBe(before);
  });

  it('re-assigns a conversation whose owner is away shortly before its reply is due', async () => {
    const clock = new ManualClock(NOW);
    const r = await routingApp(engine, clock);
    t = r.t;
    const { call, as, ids } = r;
    const team = await call('POST', '/api/v1/teams', as.admin, {
      name: 'Care',
      members: [{ userId: ids.agent }, { userId: ids.bea }],
    });
    const teamId = team.json().team.id as number;
    await call('POST', '/api/v1/routing/rules', as.admin, {
      name: 'Everything to care',
      actions: [{ type: 'assign_team', teamId }],
    });
    await r.presence('agent', 'online');
    const id = await r.ingest(negative);
    const conv = await r.conversation(id);
    expect(conv.assignee_id).toBe(ids.agent);
    expect(conv.reply_due_at).toBe(NOW + 15 * M); // negative: 15 minutes

    await r.presence('agent', 'away');
    // Bea is off shift: nobody can take it, it stays
    clock.advance(6 * M);
    expect(await sweepAssignments(r.t.services)).toEqual({ reassigned: 0, fromQueue: 0 });
    expect((await r.conversation(id)).assignee_id).toBe(ids.agent);

    await r.presence('bea', 'online');
    clock.set(NOW + 4 * M); // 11 minutes before due: outside the 10-minute window
    expect(await sweepAssignments(r.t.services)).toEqual({ reassigned: 0, fromQueue: 0 });
    clock.set(NOW + 6 * M); // 9 minutes before due
    expect(await sweepAssignments(r.t.services)).toEqual({ reassigned: 1, fromQueue: 0 });
    expect((await r.conversation(id)).assignee_id).toBe(ids.bea);
    const moved = (await r.events('conversation.assigned')).at(-1)!;
    expect(JSON.parse(moved.data_json!)).toEqual({
      assigneeId: ids.bea,
      teamId,
      fromId: ids.agent,
      reason: 'reassigned',
    });
    expect(moved.at).toBe(NOW + 6 * M);
    // Bea is online: it stays with her
    clock.advance(20 * M);
    expect(await sweepAssignments(r.t.services)).toEqual({ reassigned: 0, fromQueue: 0 });
  });

  it('assigns to a person, sets priority, asks for approval, and follows business hours', async () => {
    const clock = new ManualClock(NOW);
    const r = await routingApp(engine, clock);
    t = r.t;
    const { call, as, ids } = r;
    const hours = await call('POST', '/api/v1/sla/business-hours', as.admin, {
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      weekly: { mon: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }] },
    });
    const hoursId = hours.json().businessHours.id as number;
    const legal = await call('POST', '/api/v1/routing/rules', as.admin, {
      name: 'Legal threats',
      continue: true,
      conditions: { keywords: ['lawyer', 'lawsuit'] },
      actions: [
        { type: 'assign_user', userId: ids.bea },
        { type: 'set_priority', priority: 95 },
        { type: 'require_approval' },
        { type: 'notify', userIds: [ids.cal] },
      ],
    });
    expect(legal.statusCode).toBe(201);
    await call('POST', '/api/v1/routing/rules', as.admin, {
      name: 'After hours',
      conditions: { businessHours: { id: hoursId, inside: false } },
      actions: [{ type: 'add_label', label: 'after hours' }],
    });

    const id = await r.ingest('My lawyer will be in touch about the order.');
    const conv = await r.conversation(id);
    expect(conv).toMatchObject({ assignee_id: ids.bea, approval_required: 1, team_id: null, priority: 95 });
    const applied = JSON.parse((await r.events('routing.applied'))[0]!.data_json!);
    expect(applied).toMatchObject({
      rules: [{ name: 'Legal threats' }],
      assigneeId: ids.bea,
      priority: 95,
      approvalRequired: true,
    });
    expect(JSON.parse((await r.events('routing.notify'))[0]!.data_json!).userIds).toEqual([ids.cal]);

    // 18:30 in Berlin: outside the hours, so the second rule applies too
    clock.set(Date.UTC(2026, 11, 2, 17, 30));
    const late = await r.ingest('Talking to my lawyer tonight.');
    const lateApplied = JSON.parse((await r.events('routing.applied')).at(-1)!.data_json!);
    expect(lateApplied.rules.map((x: { name: string }) => x.name)).toEqual(['Legal threats', 'After hours']);
    expect(
      JSON.stringify(
        (await call('GET', `/api/v1/conversations/${late}`, as.agent)).json().conversation.labels,
      ),
    ).toContain('after hours');
    // a message no rule matches leaves no trace
    clock.set(NOW);
    await r.ingest('Thanks, lovely shop!');
    expect(await r.events('routing.applied')).toHaveLength(2);
  });
});
