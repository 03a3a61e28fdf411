import { routeMessage } from '../commands/route-conversation.js';
import type { Services } from '../commands/services.js';
import type { ReceivedMessage } from '../domain/events.js';
import { defineListener } from '../events/listener.js';

/**
 * Routes conversations that receive a customer message: the routing rules decide the team or
 * person, labels, priority, approval and who is told (commands/route-conversation.ts). Per event,
 * each conversation is routed once, on its newest inbound message. Inside the listener's
 * transaction: exactly once per event, even across a crash.
 */
export const routing = defineListener<Services, 'messages.received'>({
  name: 'routing',
  types: ['messages.received'],
  async handle(event, trx, services) {
    const newest = new Map<number, ReceivedMessage>();
    for (const m of event.data.messages) {
      if (m.direction !== 'inbound') continue;
      const seen = newest.get(m.conversationId);
      if (
        !seen ||
        m.createdAt > seen.createdAt ||
        (m.createdAt === seen.createdAt && m.messageId > seen.messageId)
      ) {
        newest.set(m.conversationId, m);
      }
    }
    for (const m of newest.values()) await routeMessage(services, trx, m, event.at);
  },
});
