import { AccountPausedError, SendError } from '../../platform/errors.js';
import type {
  ChannelAccount,
  ChannelContext,
  ChannelDefinition,
  ChannelSender,
  OutboundMessage,
} from '../types.js';
import { visitorOfThreadKey } from './mapping.js';
import { chatSettingsOf } from './settings.js';
import { isVisitorConnected, readVisitorProfile } from './visitor-state.js';

/**
 * Where the chat sender finds the email channel: the registry (imported when first needed, as the
 * registry lists this channel too), or a stand-in in tests.
 */
export interface ChatSenderDeps {
  channelDefinition(type: string): ChannelDefinition;
}

/** The email thread of one visitor's fallback mails, so later mails reply to the first. */
interface EmailThread {
  externalId: string;
  meta: Record<string, unknown> | null;
  at: number;
}

const threadStateKey = (visitorId: string) => `visitor:${visitorId}:email-thread`;

function emailText(text: string, brandName: string): string {
  return `${text}\n\n--\nYou wrote to ${brandName} in the chat on our website. Reply to this email or come back to the chat to continue.`;
}

/**
 * Delivers an agent's reply to a website visitor. The reply is already pushed to a connected widget
 * the moment it is stored (and shown to the visitor on their next visit), so for a connected visitor
 * this only records Rapport's own id. A visitor who has gone but left an email address gets the reply
 * by email, through the account's fallback email account and the email channel's own sender.
 */
export function createChatSender(
  account: ChannelAccount | null,
  ctx: ChannelContext,
  deps?: ChatSenderDeps,
): ChannelSender {
  let email: { version: number; id: number; sender: ChannelSender } | null = null;

  const emailSender = async (accountId: number): Promise<ChannelSender> => {
    const emailAccount = await ctx.loadAccount(accountId);
    if (emailAccount?.channel !== 'email') {
      throw new SendError(
        `the chat's fallback email account #${accountId} does not exist; fix the chat account's fallbackEmailAccountId`,
        false,
      );
    }
    if (emailAccount.status === 'paused') {
      throw new AccountPausedError(`fallback email account '${emailAccount.name}' is paused`);
    }
    if (email && email.id === emailAccount.id && email.version === emailAccount.updatedAt)
      return email.sender;
    if (email) await email.sender.close?.().catch(() => {});
    const registry = deps ?? (await import('../registry.js'));
    const definition = registry.channelDefinition('email');
    if (definition.type !== 'email') throw new SendError('this Rapport has no email channel', false);
    email = {
      id: emailAccount.id,
      version: emailAccount.updatedAt,
      // the email account's own context: a refused SMTP login marks the email account broken, not the chat
      sender: definition.createSender(emailAccount, ctx.contextFor(emailAccount)),
    };
    return email.sender;
  };

  return {
    async send(message: OutboundMessage) {
      const own = { externalId: message.localId };
      const visitorId = visitorOfThreadKey(message.threadKey) ?? message.recipient?.externalId ?? null;
      if (!account || !visitorId) return own;
      if (await isVisitorConnected(ctx.state, visitorId, ctx.clock.now())) return own;
      const settings = chatSettingsOf(account);
      const profile = await readVisitorProfile(ctx.state, visitorId);
      if (settings.fallbackEmailAccountId === null || !profile.email) return own;

      const sender = await emailSender(settings.fallbackEmailAccountId);
      const threadRaw = await ctx.state.get(threadStateKey(visitorId));
      const thread = threadRaw ? (JSON.parse(threadRaw) as EmailThread) : null;
      const sent = await sender.send({
        ...message,
        channel: 'email',
        text: emailText(message.text, settings.brandName),
        inReplyTo: thread?.externalId ?? null,
        parent: thread
          ? { externalId: thread.externalId, meta: thread.meta, authorExternalId: null, createdAt: thread.at }
          : null,
        references: thread ? [thread.externalId] : [],
        threadKey: null,
        recipient: { externalId: profile.email, handle: profile.email, name: profile.name },
      });
      if (!thread) {
        const first: EmailThread = {
          externalId: sent.externalId,
          meta: sent.meta ?? null,
          at: message.createdAt,
        };
        await ctx.state.set(threadStateKey(visitorId), JSON.stringify(first));
      }
      ctx.logger.info({ messageId: message.messageId }, 'chat reply sent by email (visitor not connected)');
      return {
        externalId: message.localId,
        meta: { deliveredBy: 'email', email: { to: profile.email, externalId: sent.externalId } },
      };
    },
    async close() {
      await email?.sender.close?.();
      email = null;
    },
  };
}
