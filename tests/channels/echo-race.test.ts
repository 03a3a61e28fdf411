import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelDefinition } from '../../src/channels/types.js';
import { replyToConversation } from '../../src/commands/reply.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { connectTestAccount, registerTestChannel } from '../support/test-channel.js';

/**
 * A channel whose poll sees the brand's new post before the send call returns: its sender ingests
 * the echo (as the Bluesky poller would) and only then answers with the post's id.
 */
const racyChannel: ChannelDefinition = {
  type: 'racetest',
  description: 'test channel whose echo wins the race',
  capabilities: { publicReply: true, privateMessage: false, maxLength: 300, attachments: false },
  settingsSchema: z.object({}),
  secretsSchema: z.object({}),
  createSender: (_account, ctx) => ({
    async send(m) {
      const externalId = `post-of-${m.localId}`;
      await ctx.ingest([
        {
          channel: 'racetest',
          external_id: externalId,
          direction: 'outbound',
          author: { id: 'brand', name: 'Brand' },
          text: m.text,
          created_at: new Date(m.createdAt + 1000).toISOString(),
          in_reply_to: m.inReplyTo,
        },
      ]);
      return { externalId };
    },
  }),
};

registerTestChannel(racyChannel);

describe.each(testEngines)('echo of our own reply on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('shows the reply once, as the agent wrote it, with the channel id, when the echo arrives first', async () => {
    t = await createTestApp(engine);
    const { ctx } = await connectTestAccount(t.services, 'racetest');
    const { results } = await ctx.ingest([
      {
        channel: 'racetest',
        external_id: 'cust-1',
        direction: 'inbound',
        author: { id: 'c1', name: 'Cleo' },
        text: 'my parcel is lost',
        created_at: new Date(t.services.clock.now() - 60_000).toISOString(),
      },
    ]);
    const conversationId = results[0]!.conversationId;
    const reply = await replyToConversation(
      t.services,
      { type: 'user', id: t.userIds.agent, userId: t.userIds.agent, name: 'Alex Agent' },
      conversationId,
      'So sorry, sending a new one today',
    );
    const worker = createJobWorker(t.services, { idleMs: 20 });
    // the send, and any alert jobs the complaint raised
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    await worker.stop();
    const messages = await t.services.db.kysely
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .execute();
    expect(messages.map((m) => [m.direction, m.external_id, m.author_name, m.delivery_status])).toEqual([
      ['inbound', 'cust-1', 'Cleo', 'received'],
      ['outbound', `post-of-${reply.externalId}`, 'Alex Agent', 'sent'],
    ]);
    const conv = await t.services.db.kysely
      .selectFrom('conversations')
      .select(['message_count', 'first_response_at'])
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conv.message_count).toBe(2);
    expect(conv.first_response_at).not.toBeNull();
  });
});
