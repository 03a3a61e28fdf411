/** Contracts of playbooks (the team's plan per complaint type) and saved replies (`/` in the composer). */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { playbookPlanSchema } from '../../domain/playbooks.js';
import { epochMs, idParams } from './common.schema.js';

const id = z.number().int().positive();

/** A playbook's plan as stored and shown. */
const planSchema = z
  .object({
    acknowledge: z.string(),
    ask: z.string(),
    neverSay: z.array(z.string()),
    involve: z.string(),
    privateChannel: z.string(),
  })
  .meta({ id: 'PlaybookPlan' });

/** A stored playbook. */
export const playbookSchema = z
  .object({
    id,
    complaintType: z.string(),
    intent: z.string().nullable().describe('null: any intent'),
    name: z.string(),
    plan: planSchema,
    savedReplyIds: z.array(id).describe('its reply templates'),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'Playbook' });

/** A stored saved reply. */
export const savedReplySchema = z
  .object({
    id,
    shortcut: z.string().describe('typed after / in the composer'),
    title: z.string(),
    body: z
      .string()
      .describe(
        'text with variables: {first_name} (confirmed names only), {agent_name}, {order_id}, custom fields',
      ),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'SavedReply' });

const playbookBody = z
  .object({
    complaintType: z.string().trim().min(1).max(60),
    intent: z.string().trim().min(1).max(40).nullable().default(null),
    name: z.string().trim().min(1).max(100),
    plan: playbookPlanSchema.strict(),
    savedReplyIds: z.array(id).max(50).default([]),
  })
  .strict();

const savedReplyBody = z
  .object({
    shortcut: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}_-]{1,30}$/u, 'letters, digits, _ or - (at most 30)'),
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().min(1).max(5000),
  })
  .strict();

const admin = { role: 'admin' } as const;
const viewer = { role: 'viewer' } as const;
const tag = 'Playbooks and saved replies';
const playbookAnswer = z.object({ playbook: playbookSchema });
const savedAnswer = z.object({ savedReply: savedReplySchema });

/** The playbook and saved-reply routes' contracts, by operation. */
export const playbookRoutes = {
  list: defineRoute({
    operationId: 'listPlaybooks',
    method: 'GET',
    path: '/api/v1/playbooks',
    auth: viewer,
    tag,
    summary: 'Every playbook',
    response: z.object({ items: z.array(playbookSchema) }),
  }),
  create: defineRoute({
    operationId: 'createPlaybook',
    method: 'POST',
    path: '/api/v1/playbooks',
    auth: admin,
    tag,
    summary: 'Add a playbook for a complaint type (and optionally an intent)',
    body: playbookBody,
    status: 201,
    response: playbookAnswer,
  }),
  update: defineRoute({
    operationId: 'updatePlaybook',
    method: 'PUT',
    path: '/api/v1/playbooks/:id',
    auth: admin,
    tag,
    summary: 'Replace a playbook',
    params: idParams,
    body: playbookBody,
    response: playbookAnswer,
  }),
  remove: defineRoute({
    operationId: 'deletePlaybook',
    method: 'DELETE',
    path: '/api/v1/playbooks/:id',
    auth: admin,
    tag,
    summary: 'Remove a playbook',
    params: idParams,
    status: 204,
  }),
  installDefaults: defineRoute({
    operationId: 'installDefaultPlaybooks',
    method: 'POST',
    path: '/api/v1/playbooks/defaults',
    auth: admin,
    tag,
    summary: 'Install the default playbooks and their saved replies',
    description:
      'Complaint types that already have a playbook and shortcuts already taken are left alone; running it again adds nothing.',
    body: z.object({}).strict().describe('nothing to choose: send {}'),
    response: z.object({ playbooks: z.number().int(), savedReplies: z.number().int() }),
  }),
  forConversation: defineRoute({
    operationId: 'getConversationPlaybook',
    method: 'GET',
    path: '/api/v1/conversations/:id/playbook',
    auth: viewer,
    tag,
    summary: "The playbook for a conversation's complaint type (and intent), with its templates",
    params: idParams,
    response: z.object({
      complaintType: z.string().nullable(),
      intent: z.string().nullable(),
      playbook: playbookSchema.nullable(),
      savedReplies: z.array(savedReplySchema),
    }),
  }),
  listSaved: defineRoute({
    operationId: 'listSavedReplies',
    method: 'GET',
    path: '/api/v1/saved-replies',
    auth: viewer,
    tag,
    summary: 'Every saved reply, by shortcut',
    response: z.object({ items: z.array(savedReplySchema) }),
  }),
  createSaved: defineRoute({
    operationId: 'createSavedReply',
    method: 'POST',
    path: '/api/v1/saved-replies',
    auth: admin,
    tag,
    summary: 'Add a saved reply',
    body: savedReplyBody,
    status: 201,
    response: savedAnswer,
  }),
  updateSaved: defineRoute({
    operationId: 'updateSavedReply',
    method: 'PUT',
    path: '/api/v1/saved-replies/:id',
    auth: admin,
    tag,
    summary: 'Replace a saved reply',
    params: idParams,
    body: savedReplyBody,
    response: savedAnswer,
  }),
  removeSaved: defineRoute({
    operationId: 'deleteSavedReply',
    method: 'DELETE',
    path: '/api/v1/saved-replies/:id',
    auth: admin,
    tag,
    summary: 'Remove a saved reply',
    params: idParams,
    status: 204,
  }),
  render: defineRoute({
    operationId: 'renderSavedReply',
    method: 'POST',
    path: '/api/v1/saved-replies/:id/render',
    auth: { role: 'agent' },
    tag,
    summary: 'A saved reply filled in for one conversation, as the composer inserts it',
    description:
      'Variables not known for sure (a name the customer has not confirmed, a missing field) stay as {name} and are listed in `unfilled`. `usedTodayWithOtherCustomer`: sent unedited to another customer today, so it must be personalised before sending (the second-use rule).',
    params: idParams,
    body: z.object({ conversationId: id }).strict(),
    response: z.object({
      text: z.string(),
      unfilled: z.array(z.string()),
      usedTodayWithOtherCustomer: z.boolean(),
    }),
  }),
};
