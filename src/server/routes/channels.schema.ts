/** Contracts of the channel routes: channel types and the accounts connected to them. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { engagementActions } from '../../domain/conversation-words.js';
import { epochMs, idParams } from './common.schema.js';

const record = z.record(z.string(), z.unknown());

/** A connected channel account; its secrets never come back. */
export const channelAccountSchema = z
  .object({
    id: z.number().int().positive(),
    channel: z.string(),
    name: z.string(),
    settings: record,
    status: z.enum(['active', 'paused', 'broken']),
    statusMessage: z.string().nullable().describe('why a broken account is broken, in words'),
    hasSecrets: z.boolean(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'ChannelAccount' });

/** One field of a channel's settings or secrets, as forms show it. */
export const channelFieldSchema = z.object({
  name: z.string(),
  kind: z.enum(['string', 'number', 'boolean', 'array', 'other']),
  secret: z.boolean(),
  required: z.boolean(),
  options: z.array(z.string()).nullable(),
  description: z.string().nullable(),
});

/** A channel type with what it can do and the fields an account of it needs. */
export const channelTypeSchema = z
  .object({
    type: z.string(),
    description: z.string(),
    capabilities: z.object({
      publicReply: z.boolean(),
      privateMessage: z.boolean(),
      maxLength: z.number().int().positive().nullable(),
      attachments: z.boolean(),
      engagements: z.array(z.enum(engagementActions)).optional(),
    }),
    acceptsAccounts: z.boolean(),
    fields: z.array(channelFieldSchema),
    defaults: z
      .record(z.string(), z.unknown())
      .describe('what is stored for a settings field left out (generated values and secrets are not listed)'),
  })
  .meta({ id: 'ChannelType' });

const viewer = { role: 'viewer' } as const;
const admin = { role: 'admin' } as const;
const tag = 'Channels';
const accountAnswer = z.object({ account: channelAccountSchema });

/** The channel routes' contracts, by operation. */
export const channelRoutes = {
  types: defineRoute({
    operationId: 'listChannelTypes',
    method: 'GET',
    path: '/api/v1/channel-types',
    auth: viewer,
    tag,
    summary: 'The channel types, their capabilities and account fields',
    response: z.object({ items: z.array(channelTypeSchema) }),
  }),
  list: defineRoute({
    operationId: 'listChannelAccounts',
    method: 'GET',
    path: '/api/v1/channels',
    auth: viewer,
    tag,
    summary: 'The connected accounts, optionally of one type',
    query: z.object({ type: z.string().max(40).optional() }).strict(),
    response: z.object({ items: z.array(channelAccountSchema) }),
  }),
  add: defineRoute({
    operationId: 'addChannelAccount',
    method: 'POST',
    path: '/api/v1/channels',
    auth: admin,
    tag,
    summary: 'Connect an account (test-connected first unless verify is false)',
    description:
      'Settings and secrets are checked against the type’s fields; an account that cannot connect ' +
      'is refused with 422 channel_invalid and the reason. Secrets are stored encrypted.',
    body: z
      .object({
        type: z.string().min(1).max(40),
        name: z.string().trim().min(1).max(100),
        settings: record.optional(),
        secrets: record.optional(),
        verify: z.boolean().optional(),
      })
      .strict(),
    names: { body: 'channel account' },
    status: 201,
    response: accountAnswer,
  }),
  update: defineRoute({
    operationId: 'updateChannelAccount',
    method: 'PATCH',
    path: '/api/v1/channels/:id',
    auth: admin,
    tag,
    summary: 'Pause or resume an account, or change its settings and secrets',
    description: 'Settings and secrets merge over the current ones; a broken account becomes active again.',
    params: idParams,
    body: z
      .object({
        status: z.enum(['active', 'paused']).optional(),
        settings: record.optional(),
        secrets: record.optional(),
        verify: z.boolean().optional(),
      })
      .strict(),
    names: { body: 'channel account change' },
    response: accountAnswer,
  }),
  remove: defineRoute({
    operationId: 'removeChannelAccount',
    method: 'DELETE',
    path: '/api/v1/channels/:id',
    auth: admin,
    tag,
    summary: 'Remove an account (its connector stops; conversations stay)',
    params: idParams,
    status: 204,
  }),
};
