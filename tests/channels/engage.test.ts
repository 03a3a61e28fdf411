import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelDefinition } from '../../src/channels/types.js';
import { engageWithMessage } from '../../src/commands/engage.js';
import { SendError } from '../../src/platform/errors.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { connectTestAccount, registerTestChannel } from '../support/test-channel.js';

/** Reactions the test channel received, and whether the next one fails. */
const received: { action: string; externalId: string; cid: unknown; account: number | null }[] = [];
let failNext: SendError | null = null;

/** A channel used only here, whose sender records likes and reposts (the Bluesky suite does it for real). */
const reactChannel: ChannelDefinition = {
  type: 'reacttest',
  description: 'test channel with reactions',
  capabilities: {
    publicReply: true,
    privateMessage: false,
    maxLength: 300,
    attachments: false,
    engagements: ['like'],
  },
  settingsSchema: z.object({}),
  secretsSchema: z.object({}),
  createSender: (account) => ({
    send: async (m) => ({ externalId: m.localId }),
    async engage(action, target) {
      if (failNext) {
        const error = failNext;
        failNext = null;
        throw error;
      }
      received.push({
        action,
        externalId: target.externalId,
        cid: target.meta?.cid,
        account: account?.id ?? null,
      });
      return { externalId: `like-of-${target.externalId}` };
    },
  }),
};

registerTestChannel(reactChannel);

describe.each(testEngines)('likes and reposts on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('queues a like, sends it through the conversation account, shows it done; refuses what the channel cannot do', async () => {
    t = await createTestApp(engine);
    const { row, ctx } = await connectTestAccount(t.services, 'reacttest');
    const report = await ctx.ingest([
      {
        channel: 'reacttest',
        external_id: 'post-1',
        direction: 'inbound',
        author: { id: 'c1', name: 'Cleo' },
        text: 'love the new release',
        created_at: '2026-11-01T10:00:00Z',
        meta: { cid: 'cid-1' },
      },
    ]);
    const { messageId, conversationId } = report.results[0]!;
    const engage = (action: string, id = messageId) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/messages/${id}/engage`,
        headers: t.bearer(t.agentToken),
        payload: { action },
      });
    expect((await engage('repost')).json().error.message).toMatch(/reacttest does not support repost/);
    expect((await engage('hug')).statusCode).toBe(400);
    expect((await engage('like', 999_999)).statusCode).toBe(404);
    const viewer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/messages/${messageId}/engage`,
      headers: t.bearer(t.viewerToken),
      payload: { action: 'like' },
    });
    expect(viewer.statusCode).toBe(403);

    failNext = new SendError('rate limited', true, Date.now() - 1);
    expect((await engage('like')).json().engagement.status).toBe('queued');
    expect((await engage('like')).json().engagement.status).toBe('queued'); // asking twice queues once
    const worker = createJobWorker(t.services, { idleMs: 20 });
    expect(await worker.drain()).toBe(1); // fails, retried later
    const detail = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conversationId}`,
          headers: t.bearer(t.agentToken),
        })
      ).json().messages[0].context.engagements;
    expect((await detail()).like).toEqual({ status: 'queued', error: 'rate limited' });
    const jobs = await t.services.db.kysely.selectFrom('jobs').selectAll().execute();
    await t.services.db.kysely.updateTable('jobs').set({ run_at: 0 }).where('id', '=', jobs[0]!.id).execute();
    expect(await worker.drain()).toBe(1);
    await worker.stop();
    expect(received).toEqual([{ action: 'like', externalId: 'post-1', cid: 'cid-1', account: row.id }]);
    expect((await detail()).like).toEqual({ status: 'done', error: null });
    received.length = 0;
  });

  it('queues one like when two requests race (a double click)', async () => {
    t = await createTestApp(engine);
    const { ctx } = await connectTestAccount(t.services, 'reacttest');
    const report = await ctx.ingest([
      {
        channel: 'reacttest',
        external_id: 'post-race',
        direction: 'inbound',
        author: { id: 'c2', name: 'Dana' },
        text: 'great support',
        created_at: '2026-11-01T10:00:00Z',
      },
    ]);
    const { messageId } = report.results[0]!;
    const actor = { type: 'user' as const, id: 1, userId: 1, name: 'Agent' };
    const answers = await Promise.all(
      [1, 2, 3].map(() => engageWithMessage(t.services, actor, messageId, 'like')),
    );
    for (const a of answers) expect(a.status).toBe('queued');
    const jobs = await t.services.db.kysely.selectFrom('jobs').select('payload_json').execute();
    expect(jobs).toHaveLength(1);
  });
});
