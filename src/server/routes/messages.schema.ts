/** Contracts of the message routes: ingest (the generic channel), likes and reposts, send retries. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { engagementActions } from '../../domain/conversation-words.js';
import { incomingMessageSchema } from '../../domain/message-format.js';
import { epochMs, idParams } from './common.schema.js';
import { messageSchema } from './conversation-views.schema.js';

/** Largest batch one request may carry. */
export const MAX_BATCH = 1000;

const incomingMessage = incomingMessageSchema.meta({
  id: 'IncomingMessage',
  description: 'The one message format every channel and import uses (snake_case).',
});

/** Where a like or repost stands (kept in the message's metadata). */
export const engagementStateSchema = z.object({
  status: z.enum(['queued', 'done', 'failed']),
  externalId: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  at: epochMs,
});

const agent = { role: 'agent' } as const;
const tag = 'Messages';

/** The message routes' contracts, by operation. */
export const messageRoutes = {
  ingest: defineRoute({
    operationId: 'ingestMessages',
    method: 'POST',
    path: '/api/v1/messages',
    auth: agent,
    tag,
    summary: 'Ingest messages (one, an array, or {messages: […]}; at most 1,000)',
    description:
      'All items are validated first: if any is invalid the answer is 400 with every problem by item ' +
      '(details: [{index, errors}]) and nothing is stored. Messages already stored (same channel and ' +
      'external_id) are reported as duplicates.',
    body: z.union([
      incomingMessage,
      z.array(incomingMessage).max(MAX_BATCH),
      z.object({ messages: z.array(incomingMessage).max(MAX_BATCH) }),
    ]),
    rawBody: true,
    response: z.object({
      results: z.array(
        z.object({
          index: z.number().int().min(0),
          status: z.enum(['inserted', 'duplicate']),
          messageId: z.number().int().positive(),
          conversationId: z.number().int().positive(),
        }),
      ),
      inserted: z.number().int().min(0),
      duplicates: z.number().int().min(0),
    }),
  }),
  engage: defineRoute({
    operationId: 'engageWithMessage',
    method: 'POST',
    path: '/api/v1/messages/:id/engage',
    auth: agent,
    tag,
    summary: 'Like or repost a customer post as the brand (queued; asking twice queues once)',
    params: idParams,
    body: z.object({ action: z.enum(engagementActions) }).strict(),
    names: { params: 'message id', body: 'engagement' },
    response: z.object({ engagement: engagementStateSchema }),
  }),
  retry: defineRoute({
    operationId: 'retryReply',
    method: 'POST',
    path: '/api/v1/messages/:id/retry',
    auth: agent,
    tag,
    summary: 'Queue a failed reply again (400 when it is not failed)',
    params: idParams,
    names: { params: 'message id' },
    response: z.object({ message: messageSchema }),
  }),
};
