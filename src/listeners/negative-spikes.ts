import type { Services } from '../commands/services.js';
import { defineListener } from '../events/listener.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import { readListenerState, writeListenerState } from '../store/listener-state-repo.js';
import type { SpikeChannelSnapshot } from '../triage/spikes.js';

/** How recent a message must be to count as live traffic for spike detection (history does not). */
export const LIVE_WINDOW_MS = 60 * 60_000;

const NAME = 'negative-spikes';

/**
 * Feeds live inbound messages to the negative-spike detector (src/triage/spikes.ts); a spike is
 * recorded as an 'alert.negative_spike' event, which the live relay pushes to browsers for on-call
 * delivery to pick up. Each channel's figures are stored with the listener's cursor (same
 * transaction), so in a cluster whichever process runs the next batch counts on from the same
 * baseline, and a restart loses nothing.
 */
export const negativeSpikes = defineListener<Services, 'messages.received'>({
  name: NAME,
  types: ['messages.received'],
  async handle(event, trx, services) {
    const loaded = new Set<string>();
    for (const m of event.data.messages) {
      if (m.sentiment === null || event.at - m.createdAt > LIVE_WINDOW_MS) continue;
      if (!loaded.has(m.channel)) {
        loaded.add(m.channel);
        services.spikes.restore(
          m.channel,
          await readListenerState<SpikeChannelSnapshot>(trx, NAME, m.channel),
        );
      }
      const alert = services.spikes.observe(m.channel, m.createdAt, m.sentiment === 'negative');
      if (!alert) continue;
      await appendEvent(trx, { at: event.at, actor: systemActor, type: 'alert.negative_spike', data: alert });
      services.logger.warn(alert, 'negative spike');
    }
    for (const channel of loaded) {
      await writeListenerState(trx, NAME, channel, services.spikes.snapshot(channel), event.at);
    }
  },
});
