import type { Services } from '../commands/services.js';
import { recomputeOpenDueTimes } from '../commands/sla-recompute.js';
import { defineListener } from '../events/listener.js';

/**
 * Recomputes the due times of every conversation still in play (open, pending, snoozed) when an SLA
 * policy or a set of business hours changes, so the inbox and Breaching follow the new targets.
 * Inside the listener's transaction: exactly once per change, even across a crash.
 */
export const slaRecompute = defineListener<Services, 'sla.changed'>({
  name: 'sla-recompute',
  types: ['sla.changed'],
  async handle(event, trx, services) {
    await recomputeOpenDueTimes(services, trx, event.at);
  },
});
