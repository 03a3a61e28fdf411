import type { Kysely } from 'kysely';
import { resummarize } from '../ingest/resummarize.js';
import type { Database } from '../store/schema.js';
import type { Services } from './services.js';

/** How many conversations are re-summarised per batch. */
const BATCH = 500;

/**
 * Recomputes the due times of every conversation still in play (open, pending, snoozed) from the
 * current SLA policies, business hours and reply routes, inside `trx`; returns how many it did.
 * The sla-recompute listener runs it after a policy change; `rapport sla recompute` after an
 * upgrade or a change of RAPPORT_SLA_* / RAPPORT_GENERIC_WEBHOOK_URL.
 */
export async function recomputeOpenDueTimes(
  services: Pick<Services, 'db' | 'config'>,
  trx: Kysely<Database>,
  now: number,
): Promise<number> {
  let after = 0;
  let done = 0;
  while (true) {
    const rows = await trx
      .selectFrom('conversations')
      .select('id')
      .where('status', 'in', ['open', 'pending', 'snoozed'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return done;
    await resummarize(
      services,
      trx,
      rows.map((r) => r.id),
      now,
    );
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/** The same, as one command of its own transaction (the CLI). */
export async function recomputeDueTimes(services: Services): Promise<number> {
  return services.db.kysely
    .transaction()
    .execute((trx) => recomputeOpenDueTimes(services, trx, services.clock.now()));
}
