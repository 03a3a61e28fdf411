import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { SendError } from '../../platform/errors.js';
import type { ChannelAccount, ChannelContext, ChannelDefinition, OutboundMessage } from '../types.js';
import { threadKeyOf } from './mapping.js';
import { createChatSender } from './sender.js';
import { chatSettingsSchema } from './settings.js';
import { markVisitorSeen, PRESENCE_TTL_MS, writeVisitorProfile } from './visitor-state.js';

const visitorId = 'v_BBBBBBBBBBBBBBBBBBBBBB';

function account(id: number, channel: string, settings: Record<string, unknown> = {}): ChannelAccount {
  return {
    id,
    channel,
    name: `${channel}-${id}`,
    settings,
    secrets: {},
    status: 'active',
    statusMessage: null,
    createdAt: 1,
    updatedAt: 1,
  };
}

function setup(fallbackEmailAccountId: number | null) {
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const state = new Map<string, string>();
  const accounts = new Map<number, ChannelAccount>([[9, account(9, 'email')]]);
  const ctx = {
    clock,
    logger: pino({ level: 'silent' }),
    state: {
      get: async (k: string) => state.get(k) ?? null,
      set: async (k: string, v: string) => void state.set(k, v),
    },
    loadAccount: async (id: number) => accounts.get(id) ?? null,
    contextFor: (a: ChannelAccount) => ({ ...ctx, account: a }),
  } as unknown as ChannelContext;
  const mails: { account: ChannelAccount; message: OutboundMessage }[] = [];
  let n = 0;
  const email = {
    type: 'email',
    createSender: (a: ChannelAccount | null) => ({
      send: async (message: OutboundMessage) => {
        mails.push({ account: a!, message });
        n += 1;
        return { externalId: `<mail-${n}@rapport.test>`, meta: { subject: 'Your chat' } };
      },
    }),
  } as unknown as ChannelDefinition;
  const chat = account(
    3,
    'chat',
    chatSettingsSchema.parse({ allowedOrigins: ['https://shop.example'], fallbackEmailAccountId }),
  );
  const sender = createChatSender(chat, ctx, { channelDefinition: () => email });
  const reply = (text: string): OutboundMessage => ({
    messageId: 40,
    localId: 'rapport:abc',
    conversationId: 12,
    channel: 'chat',
    text,
    inReplyTo: `${visitorId}:c-1`,
    parent: null,
    references: [`${visitorId}:c-1`],
    threadKey: threadKeyOf(visitorId),
    recipient: { externalId: visitorId, handle: null, name: null },
    senderName: 'Alex Agent',
    createdAt: clock.now(),
  });
  return { clock, ctx, state, accounts, mails, sender, reply };
}

describe('chat sender', () => {
  it("records Rapport's own id when the visitor is connected (they saw the reply live)", async () => {
    const t = setup(9);
    await writeVisitorProfile(t.ctx.state, visitorId, { name: 'Sam', email: 'sam@example.com' });
    await markVisitorSeen(t.ctx.state, visitorId, true, t.clock.now());
    expect(await t.sender.send(t.reply('hi'))).toEqual({ externalId: 'rapport:abc' });
    expect(t.mails).toEqual([]);
  });

  it('keeps the reply for the next visit when the visitor left no email', async () => {
    const t = setup(9);
    expect(await t.sender.send(t.reply('hi'))).toEqual({ externalId: 'rapport:abc' });
    expect(t.mails).toEqual([]);
  });

  it('keeps the reply for the next visit when no fallback email account is configured', async () => {
    const t = setup(null);
    await writeVisitorProfile(t.ctx.state, visitorId, { name: null, email: 'sam@example.com' });
    expect(await t.sender.send(t.reply('hi'))).toEqual({ externalId: 'rapport:abc' });
    expect(t.mails).toEqual([]);
  });

  it('emails a visitor who has gone, through the fallback account, later mails threaded to the first', async () => {
    const t = setup(9);
    await writeVisitorProfile(t.ctx.state, visitorId, { name: 'Sam', email: 'sam@example.com' });
    await markVisitorSeen(t.ctx.state, visitorId, true, t.clock.now());
    t.clock.advance(PRESENCE_TTL_MS + 1); // a crashed tab never said goodbye
    const first = await t.sender.send(t.reply('Your order ships today.'));
    expect(first).toEqual({
      externalId: 'rapport:abc',
      meta: { deliveredBy: 'email', email: { to: 'sam@example.com', externalId: '<mail-1@rapport.test>' } },
    });
    expect(t.mails[0]!.account.id).toBe(9);
    expect(t.mails[0]!.message).toMatchObject({
      channel: 'email',
      recipient: { externalId: 'sam@example.com', handle: 'sam@example.com', name: 'Sam' },
      inReplyTo: null,
      parent: null,
      references: [],
    });
    expect(t.mails[0]!.message.text).toContain('Your order ships today.');

    await markVisitorSeen(t.ctx.state, visitorId, false, t.clock.now());
    await t.sender.send(t.reply('Tracking number: 123'));
    expect(t.mails[1]!.message).toMatchObject({
      inReplyTo: '<mail-1@rapport.test>',
      parent: { externalId: '<mail-1@rapport.test>', meta: { subject: 'Your chat' } },
      references: ['<mail-1@rapport.test>'],
    });
  });

  it('fails clearly when the fallback account is gone (for good) or paused (retried)', async () => {
    const t = setup(9);
    await writeVisitorProfile(t.ctx.state, visitorId, { name: null, email: 'sam@example.com' });
    t.accounts.set(9, { ...account(9, 'email'), status: 'paused' });
    const paused = await t.sender.send(t.reply('x')).catch((e: unknown) => e);
    expect(paused).toBeInstanceOf(SendError);
    expect((paused as SendError).retryable).toBe(true);
    t.accounts.delete(9);
    const gone = await t.sender.send(t.reply('x')).catch((e: unknown) => e);
    expect((gone as SendError).retryable).toBe(false);
    expect((gone as SendError).message).toContain('fallbackEmailAccountId');
  });
});
