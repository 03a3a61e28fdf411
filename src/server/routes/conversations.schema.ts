/** Contracts of the inbox routes: the conversation list, one conversation, and the agent's actions. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { conversationStatuses } from '../../domain/conversation-words.js';
import { inStoredRange } from '../../domain/timestamps.js';
import { shuntReasons } from '../../guidelines/types.js';
import { sentiments } from '../../triage/types.js';
import { heldReplySchema } from './approvals.schema.js';
import { idParams } from './common.schema.js';
import {
  conversationDetailSchema,
  conversationSummarySchema,
  labelSchema,
  messageSchema,
  noteSchema,
  viewerSchema,
} from './conversation-views.schema.js';

/** The inbox's saved views. */
export const conversationViews = ['all', 'mine', 'unassigned', 'negative', 'breaching'] as const;
/** The inbox's sort orders. */
export const conversationSorts = ['priority', 'waiting', 'recent', 'due'] as const;

/** Query of GET /api/v1/conversations (see docs/API.md for what each filter means). */
export const conversationListQuery = z.object({
  view: z.enum(conversationViews).default('all'),
  status: z
    .string()
    .default('open,pending')
    .describe('comma-separated statuses')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(conversationStatuses))),
  channel: z.string().max(40).optional(),
  sentiment: z.enum(sentiments).optional(),
  assignee: z
    .union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()])
    .optional()
    .describe('a user id, me or none'),
  label: z.string().max(100).optional(),
  priorityMin: z.coerce.number().int().min(0).max(100).optional(),
  q: z.string().max(500).optional().describe('full-text search over the newest 500 matching messages'),
  sort: z.enum(conversationSorts).default('priority'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

/** What agents do with their presence in a conversation. */
export const presenceStates = ['viewing', 'replying', 'left'] as const;

const conversationAnswer = z.object({ conversation: conversationSummarySchema });
const viewer = { role: 'viewer' } as const;
const agent = { role: 'agent' } as const;
const tag = 'Conversations';
const names = (body?: string) => ({ params: 'conversation id', body });

/** The inbox routes' contracts, by operation. */
export const conversationRoutes = {
  list: defineRoute({
    operationId: 'listConversations',
    method: 'GET',
    path: '/api/v1/conversations',
    auth: viewer,
    tag,
    summary: 'List conversations (keyset pages)',
    query: conversationListQuery,
    response: z.object({ items: z.array(conversationSummarySchema), nextCursor: z.string().nullable() }),
  }),
  get: defineRoute({
    operationId: 'getConversation',
    method: 'GET',
    path: '/api/v1/conversations/:id',
    auth: viewer,
    tag,
    summary: 'One conversation with its messages, notes, contact and viewers',
    params: idParams,
    names: names(),
    response: conversationDetailSchema,
  }),
  reply: defineRoute({
    operationId: 'replyToConversation',
    method: 'POST',
    path: '/api/v1/conversations/:id/reply',
    auth: agent,
    tag,
    summary: 'Reply to the customer (stored and queued for sending in one transaction)',
    description:
      'A reply from a person in training, or on a conversation that requires approval, is held for a reviewer: the answer then carries `approval` instead of `message`. A saved reply sent unedited to a second customer the same day is refused (422 form_letter).',
    params: idParams,
    body: z.object({
      text: z.string().min(1).max(100_000),
      template: z
        .object({ id: z.number().int().positive(), insertedText: z.string().max(100_000).optional() })
        .strict()
        .optional()
        .describe('the saved reply inserted into this reply (the second-use rule)'),
      shuntReason: z
        .enum(shuntReasons)
        .optional()
        .describe('why a private channel is legitimate here; lets a blocked offline_shunt through, recorded'),
    }),
    names: names('reply'),
    response: z.object({ message: messageSchema.optional(), approval: heldReplySchema.optional() }),
  }),
  note: defineRoute({
    operationId: 'addNote',
    method: 'POST',
    path: '/api/v1/conversations/:id/notes',
    auth: agent,
    tag,
    summary: 'Add a private note (@Name mentions are resolved to user ids)',
    params: idParams,
    body: z.object({ text: z.string().trim().min(1).max(20_000) }),
    names: names('note'),
    response: z.object({ note: noteSchema }),
  }),
  assign: defineRoute({
    operationId: 'assignConversation',
    method: 'POST',
    path: '/api/v1/conversations/:id/assign',
    auth: agent,
    tag,
    summary: 'Assign to a user, or unassign with null',
    params: idParams,
    body: z.object({ assigneeId: z.number().int().positive().nullable() }),
    names: names('assignment'),
    response: conversationAnswer,
  }),
  labels: defineRoute({
    operationId: 'labelConversation',
    method: 'POST',
    path: '/api/v1/conversations/:id/labels',
    auth: agent,
    tag,
    summary: 'Add and remove labels',
    params: idParams,
    body: z.object({
      add: z.array(z.string().min(1).max(100)).max(50).default([]),
      remove: z.array(z.string().min(1).max(100)).max(50).default([]),
    }),
    names: names('labels'),
    response: conversationAnswer,
  }),
  status: defineRoute({
    operationId: 'setConversationStatus',
    method: 'POST',
    path: '/api/v1/conversations/:id/status',
    auth: agent,
    tag,
    summary: 'Open, pend, snooze (until a time) or resolve',
    params: idParams,
    body: z.object({
      status: z.enum(conversationStatuses),
      snoozedUntil: z
        .number()
        .int()
        .positive()
        .refine(inStoredRange, 'snoozedUntil must be epoch milliseconds before 2100-01-01')
        .nullish(),
    }),
    names: names('status'),
    response: conversationAnswer,
  }),
  presence: defineRoute({
    operationId: 'reportPresence',
    method: 'POST',
    path: '/api/v1/conversations/:id/presence',
    auth: viewer,
    tag,
    summary: 'Say you are viewing, replying or have left (for collision warnings)',
    params: idParams,
    body: z.object({ state: z.enum(presenceStates) }),
    names: names('presence'),
    response: z.object({ viewers: z.array(viewerSchema) }),
  }),
  labelList: defineRoute({
    operationId: 'listLabels',
    method: 'GET',
    path: '/api/v1/labels',
    auth: viewer,
    tag,
    summary: 'All labels, for the filter menu',
    response: z.object({ items: z.array(labelSchema) }),
  }),
};
