import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelContext, ChannelDefinition } from '../../src/channels/types.js';
import { setChannelAccountPaused } from '../../src/commands/channel-accounts.js';
import type { Services } from '../../src/commands/services.js';
import { ChannelSupervisor } from '../../src/runtime/channel-supervisor.js';
import { type EventStream, startEventStream } from '../../src/runtime/event-stream.js';
import { insertChannelAccount } from '../../src/store/channel-accounts-repo.js';
import { systemActor } from '../../src/store/events-repo.js';
import { eventually } from '../support/channel-contract.js';
import { freshDb, testEngines } from '../support/engines.js';
import { servicesFor } from '../support/services.js';

/** A channel whose inbound side ingests whatever the test pushes into it, and logs its lifecycle. */
function pushChannel() {
  const log: string[] = [];
  const contexts = new Map<number, ChannelContext>();
  let failNextStart: string | null = null;
  const definition: ChannelDefinition = {
    type: 'pushtest',
    description: 'test channel',
    capabilities: { publicReply: true, privateMessage: false, maxLength: null, attachments: false },
    settingsSchema: z.object({ label: z.string() }),
    secretsSchema: z.object({ token: z.string() }),
    async startInbound(account, ctx) {
      if (failNextStart) {
        const reason = failNextStart;
        failNextStart = null;
        throw new Error(reason);
      }
      log.push(`start ${account.id} ${account.secrets.token}`);
      contexts.set(account.id, ctx);
      return {
        async stop() {
          log.push(`stop ${account.id}`);
          contexts.delete(account.id);
        },
      };
    },
    createSender: () => ({ send: async (m) => ({ externalId: m.localId }) }),
  };
  return {
    definition,
    log,
    contexts,
    failNext: (reason: string) => {
      failNextStart = reason;
    },
  };
}

describe.each(testEngines)('channel supervisor on %s', (engine) => {
  let services: Services & { clock: import('../../src/platform/clock.js').ManualClock };
  let supervisor: ChannelSupervisor | null = null;
  let stream: EventStream | null = null;
  afterEach(async () => {
    await supervisor?.stop();
    await stream?.stop();
    stream = null;
    await services?.db.close();
  });

  const addAccount = (name: string, token: string) =>
    insertChannelAccount(services.db.kysely, {
      channel: 'pushtest',
      name,
      settingsJson: JSON.stringify({ label: name }),
      secretsEnc: services.secrets.seal({ token }),
      now: services.clock.now(),
    });

  it('starts active accounts with decrypted secrets, stops paused ones, restarts changed ones', async () => {
    // no periodic reconcile within the test: pause and resume must reach it as events
    services = await servicesFor(await freshDb(engine), { RAPPORT_CHANNEL_RECONCILE_MS: '3600000' });
    stream = await startEventStream(services, { listeners: [] });
    const push = pushChannel();
    const a = await addAccount('one', 'tok-1');
    supervisor = new ChannelSupervisor(services, [push.definition]);
    await supervisor.start();
    expect(push.log).toEqual([`start ${a.id} tok-1`]);

    // a connector's ingest is tagged with its account
    const ctx = push.contexts.get(a.id)!;
    const report = await ctx.ingest([
      {
        channel: 'pushtest',
        external_id: 'p1',
        direction: 'inbound',
        author: { id: 'u1', name: 'Una' },
        text: 'hello',
        created_at: '2026-11-01T10:00:00Z',
        meta: { subject: 'Hi' },
      },
      { channel: 'pushtest', external_id: '', direction: 'inbound' } as never,
    ]);
    expect(report.inserted).toBe(1);
    expect(report.rejected).toHaveLength(1);
    const conv = await services.db.kysely
      .selectFrom('conversations')
      .select(['channel_account_id'])
      .where('id', '=', report.results[0]!.conversationId)
      .executeTakeFirstOrThrow();
    expect(conv.channel_account_id).toBe(a.id);
    const msg = await services.db.kysely.selectFrom('messages').select('meta_json').executeTakeFirstOrThrow();
    expect(JSON.parse(msg.meta_json!)).toEqual({ subject: 'Hi' });

    // durable state survives a restart of the connector
    await ctx.state.set('cursor', 'abc');
    expect(await ctx.state.get('cursor')).toBe('abc');

    services.clock.advance(1000);
    await setChannelAccountPaused(services, systemActor, a.id, true);
    await eventually(async () => push.log.includes(`stop ${a.id}`), 5_000, 'stop on pause');
    services.clock.advance(1000);
    await setChannelAccountPaused(services, systemActor, a.id, false);
    await eventually(
      async () => push.log.filter((l) => l.startsWith('start')).length === 2,
      5_000,
      'restart',
    );
    expect(await push.contexts.get(a.id)!.state.get('cursor')).toBe('abc');
  });

  it('marks an account broken when its connector cannot start, and retries with backoff', async () => {
    services = await servicesFor(await freshDb(engine));
    const push = pushChannel();
    push.failNext('connection refused by example.test');
    const a = await addAccount('flaky', 'tok');
    supervisor = new ChannelSupervisor(services, [push.definition]);
    await supervisor.start();
    const row = await services.db.kysely
      .selectFrom('channel_accounts')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('broken');
    expect(row.status_message).toBe('could not start: connection refused by example.test');
    await supervisor.reconcile();
    expect(supervisor.runningAccounts()).toEqual([]); // backoff: not yet
    services.clock.advance(6_000);
    await supervisor.reconcile();
    expect(supervisor.runningAccounts()).toEqual([a.id]);
    const after = await services.db.kysely
      .selectFrom('channel_accounts')
      .select(['status', 'status_message'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'active', status_message: null });
    const events = await services.db.kysely.selectFrom('events').select('type').execute();
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['channel.broken', 'channel.recovered']),
    );
  });
});
