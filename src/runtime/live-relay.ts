import type { Services } from '../commands/services.js';
import type { StoredEvent } from '../domain/events.js';
import { EventTail } from '../events/tail.js';
import type { LiveEvent } from '../platform/live-bus.js';

/**
 * What browsers and the process's live subscribers (SSE, the widget hub, the job worker, the
 * channel supervisor) are told of a stored event: the same LiveEvent shapes, field for field, the
 * commands used to publish themselves after their commits.
 */
export function liveEventsOf(event: StoredEvent): LiveEvent[] {
  if (!event.known) return [];
  const updated = (conversationId: number | null, reason: string): LiveEvent[] =>
    conversationId === null ? [] : [{ type: 'conversation.updated', conversationId, reason }];
  switch (event.type) {
    case 'messages.received':
      return [
        ...event.data.messages.map(
          (m): LiveEvent => ({
            type: 'message.created',
            conversationId: m.conversationId,
            messageId: m.messageId,
            direction: m.direction,
            sentiment: m.sentiment,
            priority: m.priority,
          }),
        ),
        ...event.data.conversations.map(
          (id): LiveEvent => ({ type: 'conversation.updated', conversationId: id, reason: 'message' }),
        ),
      ];
    case 'message.replied':
    case 'message.retry':
      if (event.conversationId === null) return [];
      return [
        {
          type: 'message.created',
          conversationId: event.conversationId,
          messageId: event.data.messageId,
          direction: 'outbound',
          sentiment: null,
          priority: null,
        },
        ...updated(event.conversationId, 'message'),
      ];
    case 'conversation.status':
      return updated(event.conversationId, 'status');
    case 'conversation.assigned':
      return updated(event.conversationId, 'assigned');
    case 'conversation.labels':
      return updated(event.conversationId, 'labels');
    case 'routing.applied':
      return updated(event.conversationId, 'routing');
    case 'note.created':
      return updated(event.conversationId, 'note');
    case 'message.triage_corrected':
      return updated(event.conversationId, 'triage');
    case 'message.like':
    case 'message.repost':
    case 'engagement.settled':
      return updated(event.conversationId, 'engagement');
    case 'reply.held':
    case 'reply.approved':
    case 'reply.returned':
      return updated(event.conversationId, 'approval');
    case 'reply.sent':
    case 'reply.failed':
    case 'message.bounced':
      return updated(event.conversationId, 'delivery');
    case 'channel.added':
    case 'channel.updated':
    case 'channel.paused':
    case 'channel.resumed':
    case 'channel.removed':
    case 'channel.broken':
    case 'channel.recovered':
      return [{ type: 'channels.changed', accountId: event.data.accountId }];
    case 'alert.negative_spike':
      return [{ type: 'alert', ...event.data }];
    case 'alert.raised':
      // wakes the job worker (the deliveries are queued) and tells browsers an alert went out
      return [
        {
          type: 'alert',
          kind: 'raised',
          channel: '',
          alertId: event.data.alertId,
          userIds: event.data.userIds,
        },
      ];
    default:
      return [];
  }
}

/**
 * Relays the stored event stream to the process's LiveBus, from the moment it starts: events
 * written by any process (on PostgreSQL, woken by NOTIFY; on SQLite, by this process's commits and
 * by polling for the CLI's) reach this process's live subscribers in stream order.
 */
export function createLiveRelay(services: Services, options: { pollMs?: number } = {}): EventTail {
  return new EventTail(services.db, {
    waker: services.events,
    logger: services.logger,
    pollMs: options.pollMs,
    onEvent: (event) => {
      for (const live of liveEventsOf(event)) services.live.publish(live);
    },
  });
}
