import { ChannelError } from '../../platform/errors.js';
import type { ChannelDefinition } from '../types.js';
import { CHAT_CHANNEL } from './mapping.js';
import { createChatSender } from './sender.js';
import { chatSecretsSchema, chatSettingsOf, chatSettingsSchema } from './settings.js';

/**
 * The website chat widget: visitors write through a `<script>` tag's chat bubble over a WebSocket
 * (src/server/routes/widget.ts); replies reach them live, or by email once they have gone.
 */
export const chatChannel: ChannelDefinition = {
  type: CHAT_CHANNEL,
  description:
    'a chat bubble on your website (one <script> tag); replies live, or by email once visitors leave',
  capabilities: { publicReply: false, privateMessage: true, maxLength: 5000, attachments: false },
  settingsSchema: chatSettingsSchema,
  secretsSchema: chatSecretsSchema,
  async verify(account, ctx) {
    const { fallbackEmailAccountId } = chatSettingsOf(account);
    if (fallbackEmailAccountId === null) return;
    const email = await ctx.loadAccount(fallbackEmailAccountId);
    if (email?.channel !== 'email') {
      throw new ChannelError(`fallbackEmailAccountId ${fallbackEmailAccountId} is not an email account`);
    }
  },
  createSender: (account, ctx) => createChatSender(account, ctx),
};
