import type { FastifyInstance } from 'fastify';
import { engageWithMessage } from '../../commands/engage.js';
import { retryReply } from '../../commands/reply.js';
import type { Services } from '../../commands/services.js';
import { type IncomingMessage, validateMessage } from '../../domain/message-format.js';
import { ingestMessages } from '../../ingest/ingest.js';
import { ValidationError } from '../../platform/errors.js';
import { route } from '../route.js';
import { MAX_BATCH, messageRoutes } from './messages.schema.js';

/** Accepts one message, an array, or {messages:[…]}; anything else is a 400. */
function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && 'messages' in body) {
    const list = (body as { messages: unknown }).messages;
    if (!Array.isArray(list)) throw new ValidationError('messages must be an array');
    return list;
  }
  if (body && typeof body === 'object') return [body];
  throw new ValidationError('body must be a message object, an array, or {"messages": [...]}');
}

/**
 * POST /api/v1/messages: the generic channel's ingest. All items are validated first; if any is bad
 * the answer is 400 with every problem and nothing is stored.
 */
export function registerMessageRoutes(app: FastifyInstance, services: Services) {
  route(app, messageRoutes.ingest, async ({ body, actor }) => {
    const items = itemsOf(body);
    if (items.length === 0) throw new ValidationError('no messages in the request');
    if (items.length > MAX_BATCH) throw new ValidationError(`at most ${MAX_BATCH} messages per request`);
    const valid: IncomingMessage[] = [];
    const problems: { index: number; errors: string[] }[] = [];
    items.forEach((item, index) => {
      const v = validateMessage(item, index);
      if (v.ok) valid.push(v.message);
      else problems.push({ index, errors: v.errors });
    });
    if (problems.length > 0) {
      throw new ValidationError(
        `${problems.length} of ${items.length} messages are invalid; nothing was stored`,
        problems,
      );
    }
    const report = await ingestMessages(services, valid, { type: actor.type, id: actor.id });
    return { results: report.results, inserted: report.inserted, duplicates: report.duplicates };
  });

  route(app, messageRoutes.engage, async ({ params: { id }, body: { action }, actor }) => ({
    engagement: await engageWithMessage(services, actor, id, action),
  }));

  route(app, messageRoutes.retry, async ({ params: { id }, actor }) => ({
    message: await retryReply(services, actor, id),
  }));
}
