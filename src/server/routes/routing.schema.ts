/** Contracts of the routing rules routes: ordered conditions → actions, and the ready defaults. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { lifecycles } from '../../domain/routing.js';
import { intents, sentiments, urgencyCues } from '../../triage/types.js';
import { epochMs, idParams } from './common.schema.js';

/** The word lists the rule forms offer (re-exported for the web app, which may import only schemas). */
export { intents, sentiments, urgencyCues };

const words = (max: number) => z.array(z.string().trim().min(1).max(max)).max(100);
const positiveId = z.number().int().positive();

/** What a rule applies to; an absent or empty condition matches everything. */
export const routingConditionsSchema = z
  .object({
    channels: words(50).optional(),
    sentiments: z.array(z.enum(sentiments)).optional(),
    intents: z.array(z.enum(intents)).optional(),
    urgency: z.array(z.enum(urgencyCues)).optional().describe('at least one of these urgency cues'),
    urgent: z.boolean().optional().describe('true: any urgency cue; false: none'),
    languages: words(8).optional().describe('ISO 639-1 codes, e.g. en, de'),
    keywords: words(100).optional().describe('whole words or phrases, case-insensitive: any one matches'),
    lifecycles: z.array(z.enum(lifecycles)).optional(),
    minReach: z.number().int().min(0).optional().describe('the author’s followers at least'),
    businessHours: z
      .object({ id: positiveId, inside: z.boolean() })
      .strict()
      .optional()
      .describe('inside (true) or outside (false) these business hours'),
  })
  .strict()
  .meta({ id: 'RoutingConditions' });

/** Conditions as stored and shown (word lists as words: the lists of intents and cues may grow). */
const storedConditionsSchema = routingConditionsSchema
  .extend({
    sentiments: z.array(z.string()).optional(),
    intents: z.array(z.string()).optional(),
    urgency: z.array(z.string()).optional(),
    lifecycles: z.array(z.string()).optional(),
  })
  .meta({ id: 'RoutingConditionsStored' });

/** What a rule does when it matches. */
export const routingActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('assign_team'), teamId: positiveId }).strict(),
    z.object({ type: z.literal('assign_user'), userId: positiveId }).strict(),
    z.object({ type: z.literal('add_label'), label: z.string().trim().min(1).max(100) }).strict(),
    z.object({ type: z.literal('set_priority'), priority: z.number().int().min(0).max(100) }).strict(),
    z
      .object({
        type: z.literal('notify'),
        userIds: z.array(positiveId).max(100).default([]),
        teamIds: z.array(positiveId).max(100).default([]),
      })
      .strict(),
    z.object({ type: z.literal('require_approval') }).strict(),
  ])
  .meta({ id: 'RoutingAction' });

/** A stored routing rule. */
export const routingRuleSchema = z
  .object({
    id: positiveId,
    name: z.string(),
    position: z.number().int().describe('match order: lowest first'),
    enabled: z.boolean(),
    continue: z.boolean().describe('false: the first matching rule is the last applied'),
    conditions: storedConditionsSchema,
    actions: z.array(routingActionSchema),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'RoutingRule' });

/** What an admin writes. */
export const routingRuleBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    position: z.number().int().min(0).max(10_000).optional(),
    enabled: z.boolean().default(true),
    continue: z.boolean().default(false),
    conditions: routingConditionsSchema.default({}),
    actions: z.array(routingActionSchema).min(1, 'a rule needs at least one action').max(20),
  })
  .strict()
  .meta({ id: 'RoutingRuleInput' });

const admin = { role: 'admin' } as const;
const viewer = { role: 'viewer' } as const;
const tag = 'Routing';
const ruleAnswer = z.object({ rule: routingRuleSchema });

/** The routing rules routes' contracts, by operation. */
export const routingRoutes = {
  list: defineRoute({
    operationId: 'listRoutingRules',
    method: 'GET',
    path: '/api/v1/routing/rules',
    auth: viewer,
    tag,
    summary: 'Routing rules in match order',
    description:
      'A customer message is matched against the enabled rules in order; the first that matches is applied and matching stops, unless that rule says `continue`. Of the rules applied, the first assignment and the first priority win; labels and notifications add up. Assignment happens only while nobody owns the conversation.',
    response: z.object({ items: z.array(routingRuleSchema) }),
  }),
  create: defineRoute({
    operationId: 'createRoutingRule',
    method: 'POST',
    path: '/api/v1/routing/rules',
    auth: admin,
    tag,
    summary: 'Add a routing rule (last in match order unless a position is given)',
    body: routingRuleBodySchema,
    status: 201,
    response: ruleAnswer,
  }),
  update: defineRoute({
    operationId: 'updateRoutingRule',
    method: 'PUT',
    path: '/api/v1/routing/rules/:id',
    auth: admin,
    tag,
    summary: 'Replace a routing rule',
    params: idParams,
    body: routingRuleBodySchema,
    response: ruleAnswer,
  }),
  remove: defineRoute({
    operationId: 'deleteRoutingRule',
    method: 'DELETE',
    path: '/api/v1/routing/rules/:id',
    auth: admin,
    tag,
    summary: 'Remove a routing rule',
    params: idParams,
    status: 204,
  }),
  installDefaults: defineRoute({
    operationId: 'installRoutingDefaults',
    method: 'POST',
    path: '/api/v1/routing/defaults',
    auth: admin,
    tag,
    summary:
      'Install the ready defaults: negative posts to spokespeople, hard questions to subject experts, purchase intent to sales, feature requests to product',
    description: 'Adds the teams and rules that do not exist yet (by name); running it again adds nothing.',
    body: z.object({}).strict().describe('nothing to choose: send {}'),
    status: 201,
    response: z.object({
      added: z.object({ teams: z.array(z.string()), rules: z.array(z.string()) }),
      items: z.array(routingRuleSchema),
    }),
  }),
};
