/** Contracts of the check before sending: its settings (admins) and the check itself (issue 14). */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { checkCodes, checkLevels } from '../../guidelines/types.js';

const levels = z
  .object(
    Object.fromEntries(checkCodes.map((c) => [c, z.enum(checkLevels).optional()])) as Record<
      (typeof checkCodes)[number],
      z.ZodOptional<z.ZodEnum<{ off: 'off'; warn: 'warn'; block: 'block' }>>
    >,
  )
  .strict()
  .meta({
    id: 'ReplyCheckLevels',
    description: 'off, warn or block per check; a check left out takes the next level up',
  });

/** The workspace's settings of the check. */
export const checkSettingsSchema = z
  .object({
    levels: levels.describe('the workspace default (built-in defaults for checks left out)'),
    channels: z
      .record(z.string().min(1).max(50), levels)
      .describe('levels per channel, over the workspace default'),
    confidentialTerms: z.array(z.string().trim().min(1).max(200)).max(1000),
    publicContacts: z
      .array(z.string().trim().min(1).max(200))
      .max(100)
      .describe("the team's own public addresses and numbers, which replies may give out"),
    requireSignature: z.boolean().describe('agents must sign replies (the unsigned check)'),
  })
  .strict()
  .meta({ id: 'ReplyCheckSettings' });

/** One finding of the check. */
export const findingSchema = z
  .object({
    code: z.enum(checkCodes),
    severity: z.enum(['warn', 'block']),
    match: z.string().describe('the words it matched'),
    why: z.string(),
    suggestion: z.string(),
  })
  .meta({ id: 'ReplyFinding' });

const templateSchema = z
  .object({
    id: z.union([z.number().int(), z.string().max(100)]),
    usedTodayWithOtherCustomer: z.boolean(),
    editedSinceInsert: z.boolean(),
  })
  .strict();

/** Body of POST /api/v1/replies/check: a conversation, or the customer's words and confirmed name. */
export const checkBodySchema = z
  .object({
    text: z.string().max(100_000),
    conversationId: z.number().int().positive().optional(),
    customer_text: z.string().max(100_000).nullable().optional(),
    customer_name: z.string().max(200).nullable().optional().describe('only a name the customer confirmed'),
    channel: z.string().max(50).optional(),
    template: templateSchema.nullable().optional(),
  })
  .strict();

const agent = { role: 'agent' } as const;
const tag = 'Replies';

/** The reply-check routes' contracts, by operation. */
export const replyCheckRoutes = {
  getSettings: defineRoute({
    operationId: 'getReplyCheckSettings',
    method: 'GET',
    path: '/api/v1/replies/check-settings',
    auth: { role: 'viewer' }, // the conversation view loads them for everyone who opens it
    tag,
    summary: 'Settings of the check before sending (the composer runs the check with them)',
    response: z.object({ settings: checkSettingsSchema }),
  }),
  putSettings: defineRoute({
    operationId: 'putReplyCheckSettings',
    method: 'PUT',
    path: '/api/v1/replies/check-settings',
    auth: { role: 'admin' },
    tag,
    summary: 'Replace the settings of the check before sending',
    body: checkSettingsSchema,
    response: z.object({ settings: checkSettingsSchema }),
  }),
  check: defineRoute({
    operationId: 'checkReply',
    method: 'POST',
    path: '/api/v1/replies/check',
    auth: agent,
    tag,
    summary: 'Check a reply before sending: findings with the words matched, why and a suggested rewrite',
    body: checkBodySchema,
    response: z.object({ findings: z.array(findingSchema) }),
  }),
};
