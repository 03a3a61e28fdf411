import type { Services } from '../commands/services.js';
import { defineListener } from '../events/listener.js';
import { resummarize } from '../ingest/resummarize.js';

/** How many conversations are re-summarised per statement batch. */
const BATCH = 500;

/**
 * Recomputes the due times of every conversation still in play (open, pending, snoozed) when an SLA
 * policy or a set of business hours changes, so the inbox and Breaching follow the new targets.
 * Inside the listener's transaction: exactly once per change, even across a crash.
 */
export const slaRecompute = defineListener<Services, 'sla.changed'>({
  name: 'sla-recompute',
  types: ['sla.changed'],
  async handle(event, trx, services) {
    let after = 0;
    while (true) {
      const rows = await trx
        .selectFrom('conversations')
        .select('id')
        .where('status', 'in', ['open', 'pending', 'snoozed'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return;
      await resummarize(
        services,
        trx,
        rows.map((r) => r.id),
        event.at,
      );
      after = rows[rows.length - 1]!.id;
    }
  },
});
