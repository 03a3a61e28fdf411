/** Contracts of Today: whom to reach out to and why, and what the team did with each suggestion. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { todayActions, todayKinds } from '../../domain/today.js';
import { epochMs } from './common.schema.js';

/** One suggestion of the day. */
export const todayItemSchema = z
  .object({
    key: z.string().describe('what an action is recorded against'),
    kind: z.enum(todayKinds),
    contact: z.object({
      id: z.number().int(),
      name: z.string().nullable(),
      preferredName: z.string().nullable(),
    }),
    reason: z.string(),
    score: z.number(),
    channel: z.string().nullable().describe("the person's latest conversation's channel: where to write"),
    conversationId: z.number().int().nullable(),
    latestConversationId: z
      .number()
      .int()
      .nullable()
      .describe("the person's latest conversation: where 'write a personal message' opens"),
    messageId: z.number().int().nullable(),
    actions: z.array(z.enum(todayActions)),
  })
  .meta({ id: 'TodayItem' });

const tag = 'People';

/** Today's contracts, by operation. */
export const todayRoutes = {
  list: defineRoute({
    operationId: 'getToday',
    method: 'GET',
    path: '/api/v1/today',
    auth: { role: 'viewer' },
    tag,
    summary: 'Whom to reach out to today, each with its reason, best first',
    description:
      'Occasions coming up, promises made in replies with nothing sent since, answered complaints to check on, quiet advocates, contacts at risk of leaving. One per person; done and dismissed suggestions never come back; at most RAPPORT_TODAY_LIMIT a day.',
    response: z.object({
      items: z.array(todayItemSchema),
      limit: z.number().int(),
      remaining: z.number().int(),
    }),
  }),
  act: defineRoute({
    operationId: 'actOnToday',
    method: 'POST',
    path: '/api/v1/today/actions',
    auth: { role: 'agent' },
    tag,
    summary: 'Mark a suggestion done, dismiss it (both for good) or snooze it',
    body: z
      .object({
        key: z.string().max(100),
        action: z.enum(todayActions),
        until: epochMs.optional().describe('snooze until (default: a day)'),
      })
      .strict(),
    response: z.object({ ok: z.literal(true) }),
  }),
};
