import { z } from 'zod';
import type { ChannelDefinition } from '../types.js';
import { createWebhookSender } from './webhook-sender.js';

/** The generic channel: messages in through the API or import, replies out through a webhook. */
export const genericChannel: ChannelDefinition = {
  type: 'generic',
  description: 'messages in through POST /api/v1/messages or rapport import; replies out to a webhook',
  capabilities: { publicReply: true, privateMessage: false, maxLength: 10_000, attachments: false },
  settingsSchema: z.object({}).strict(),
  secretsSchema: z.object({}).strict(),
  createSender: (_account, ctx) => createWebhookSender(ctx.config),
};
