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
      reason: z
        .string()
        .describe('created, message, assigned, status, labels, note, delivery, merged, contact…'),
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
    z.object({
      type: z.literal('ping'),
      every: z.number().int().positive().describe('ms until the next ping (RAPPORT_STREAM_PING_MS)'),
    }),
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
      'Each event’s `event:` name is its type and its `data:` the JSON below. A `ping` event comes ' +
      'on connect and then every `every` ms (RAPPORT_STREAM_PING_MS, 10 s by default): it keeps ' +
      'proxies from closing the stream, and a client that hears nothing for a few intervals knows ' +
      'the server is gone.',
    kind: 'event-stream',
    response: liveEventSchema,
  }),
};
