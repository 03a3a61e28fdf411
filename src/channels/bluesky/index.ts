import { ChannelError } from '../../platform/errors.js';
import type { ChannelDefinition } from '../types.js';
import { POST_MAX_GRAPHEMES } from './compose.js';
import { CredentialsRefusedError, describeFailure } from './errors.js';
import { startBlueskyInbound } from './inbound.js';
import { createBlueskySender } from './sender.js';
import { BlueskySession } from './session.js';
import { BLUESKY_CHANNEL, blueskyConfigOf, blueskySecretsSchema, blueskySettingsSchema } from './settings.js';

/**
 * Bluesky: mentions, replies and quotes of the brand account (notifications, or the firehose in
 * stream mode), listening searches for keywords, and public replies in-thread, as the brand, with an
 * app password.
 */
export const blueskyChannel: ChannelDefinition = {
  type: BLUESKY_CHANNEL,
  description:
    'a Bluesky account (handle + app password): mentions, replies, quotes and keyword listening in (polled, or live from the firehose with --stream firehose); replies in-thread out',
  capabilities: {
    publicReply: true,
    privateMessage: false,
    maxLength: POST_MAX_GRAPHEMES,
    attachments: false,
    engagements: ['like', 'repost'],
  },
  settingsSchema: blueskySettingsSchema,
  secretsSchema: blueskySecretsSchema,
  async verify(account, ctx) {
    const config = blueskyConfigOf(account);
    const session = new BlueskySession(config, ctx.logger, 'check the handle and app password');
    try {
      await session.ready();
    } catch (error) {
      if (error instanceof CredentialsRefusedError) throw error;
      throw new ChannelError(`cannot reach Bluesky at ${config.service}: ${describeFailure(error)}`);
    }
    try {
      if (session.usesMainPassword()) {
        throw new ChannelError(
          `that is the main password of @${config.handle}; create an app password instead (Bluesky: Settings → Privacy and security → App passwords)`,
        );
      }
    } finally {
      await session.close();
    }
  },
  startInbound: (account, ctx) => startBlueskyInbound(account, ctx),
  createSender: (account, ctx) => createBlueskySender(account, ctx),
};
