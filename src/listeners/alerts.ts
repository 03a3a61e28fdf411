import { raiseAlert } from '../commands/alerts.js';
import type { Services } from '../commands/services.js';
import type { AlertKind } from '../domain/alerts.js';
import { defineListener } from '../events/listener.js';
import { LIVE_WINDOW_MS } from './negative-spikes.js';

/** Inbound priority from which a message counts as urgent (the web app's threshold too). */
export const URGENT_PRIORITY = 70;

/**
 * Turns what happened into alerts for people (commands/alerts.ts decides whom and how): a new
 * negative or urgent inbound message, a negative spike, an @mention in a note, an assignment, and a
 * routing rule's notice. Everything it writes (the alert, its deliveries and their jobs) goes
 * through `trx`, so each event raises its alerts exactly once; each alert's dedupe key keeps a
 * replayed event from raising it twice anyway.
 */
export const alerts = defineListener<
  Services,
  'messages.received' | 'alert.negative_spike' | 'note.created' | 'conversation.assigned' | 'routing.notify'
>({
  name: 'alerts',
  types: [
    'messages.received',
    'alert.negative_spike',
    'note.created',
    'conversation.assigned',
    'routing.notify',
  ],
  async handle(event, trx, services) {
    switch (event.type) {
      case 'messages.received': {
        for (const m of event.data.messages) {
          if (m.direction !== 'inbound' || event.at - m.createdAt > LIVE_WINDOW_MS) continue;
          const kind: AlertKind | null =
            m.sentiment === 'negative' ? 'negative' : (m.priority ?? 0) >= URGENT_PRIORITY ? 'urgent' : null;
          if (!kind) continue;
          // one open alert per conversation is enough: it is already escalating
          const open = await trx
            .selectFrom('alerts')
            .select('id')
            .where('conversation_id', '=', m.conversationId)
            .where('kind', 'in', ['negative', 'urgent'])
            .where('acked_at', 'is', null)
            .executeTakeFirst();
          if (open) continue;
          await raiseAlert(services, trx, {
            kind,
            dedupeKey: `message:${m.messageId}`,
            conversationId: m.conversationId,
            at: event.at,
          });
        }
        return;
      }
      case 'alert.negative_spike':
        await raiseAlert(services, trx, {
          kind: 'negative_spike',
          dedupeKey: `spike:${event.id}`,
          conversationId: null,
          facts: { channel: event.data.channel, count: event.data.count, customer: null, firstLine: '' },
          at: event.at,
        });
        return;
      case 'note.created': {
        if (event.conversationId === null || event.data.mentions.length === 0) return;
        const note = await trx
          .selectFrom('notes')
          .select(['text', 'author_user_id'])
          .where('id', '=', event.data.noteId)
          .executeTakeFirst();
        const named = event.data.mentions.filter((u) => u !== note?.author_user_id);
        if (named.length === 0) return;
        await raiseAlert(services, trx, {
          kind: 'mention',
          dedupeKey: `note:${event.data.noteId}`,
          conversationId: event.conversationId,
          named,
          facts: note ? { firstLine: note.text } : {},
          at: event.at,
        });
        return;
      }
      case 'conversation.assigned': {
        const assignee = event.data.assigneeId;
        if (event.conversationId === null || assignee === null) return;
        if (event.actor.type === 'user' && event.actor.id === assignee) return; // took it themselves
        await raiseAlert(services, trx, {
          kind: 'assigned',
          dedupeKey: `assigned:${event.id}`,
          conversationId: event.conversationId,
          at: event.at,
        });
        return;
      }
      case 'routing.notify':
        if (event.conversationId === null) return;
        await raiseAlert(services, trx, {
          kind: 'routing',
          dedupeKey: `routing:${event.id}`,
          conversationId: event.conversationId,
          named: event.data.userIds,
          at: event.at,
        });
        return;
    }
  },
});
