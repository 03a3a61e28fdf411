/** Contract of the live stream (Server-Sent Events) and the events it carries. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { directions } from '../../domain/conversation-words.js';
import { sentiments } from '../../triage/types.js';
import { viewerSchema } from './conversation-views.schema.js';

const id = z.number().int().positive();

/**
 * One live event: the SSE `event:` name is its `type`, and `data:` is this object as JSON. Events
 * carry ids only; clients fetch what changed through the API.
 */
export const liveEventSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('conversation.updated'),
      conversationId: id,
      reason: z.string().describe('created, message, assigned, status, labels, note, delivery, merged…'),
    }),
    z.object({
      type: z.literal('message.created'),
      conversationId: id,
      messageId: id,
      direction: z.enum(directions),
      sentiment: z.enum(sentiments).nullable(),
      priority: z.number().nullable(),
    }),
    z.object({ type: z.literal('presence'), conversationId: id, viewers: z.array(viewerSchema) }),
    z.looseObject({ type: z.literal('alert'), kind: z.string(), channel: z.string() }),
    z.object({ type: z.literal('channels.changed'), accountId: id }),
  ])
  .meta({ id: 'LiveEvent' });

/** The names of the live events, as the SSE `event:` field carries them. */
export const liveEventTypes = liveEventSchema.options.map((o) => o.shape.type.value);

/** The stream route's contract. */
export const streamRoutes = {
  stream: defineRoute({
    operationId: 'openStream',
    method: 'GET',
    path: '/api/v1/stream',
    auth: { role: 'viewer' },
    tag: 'Live',
    summary: 'Server-Sent Events of inbox changes (ids only)',
    description:
      'Each event’s `event:` name is its type and its `data:` the JSON below. A comment line ' +
      '`: ping` every 15 s keeps proxies from closing the stream.',
    kind: 'event-stream',
    response: liveEventSchema,
  }),
};
