import type { Services } from '../commands/services.js';
import { defineListener } from '../events/listener.js';
import { appendEvent, systemActor } from '../store/events-repo.js';

/** How recent a message must be to count as live traffic for spike detection (history does not). */
export const LIVE_WINDOW_MS = 60 * 60_000;

/**
 * Feeds live inbound messages to the negative-spike detector (src/triage/spikes.ts); a spike is
 * recorded as an 'alert.negative_spike' event, which the live relay pushes to browsers for on-call
 * delivery to pick up. The detector's baseline is kept in memory (it rebuilds after a restart).
 */
export const negativeSpikes = defineListener<Services, 'messages.received'>({
  name: 'negative-spikes',
  types: ['messages.received'],
  async handle(event, trx, services) {
    for (const m of event.data.messages) {
      if (m.sentiment === null || event.at - m.createdAt > LIVE_WINDOW_MS) continue;
      const alert = services.spikes.observe(m.channel, m.createdAt, m.sentiment === 'negative');
      if (!alert) continue;
      await appendEvent(trx, { at: event.at, actor: systemActor, type: 'alert.negative_spike', data: alert });
      services.logger.warn(alert, 'negative spike');
    }
  },
});
