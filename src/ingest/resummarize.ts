import type { Kysely } from 'kysely';
import { bulkWriterFor } from '../store/bulk-writer.js';
import { ingestLookupsFor } from '../store/ingest-lookups.js';
import type { Database } from '../store/schema.js';
import { refreshSummaries } from './refresh-summaries.js';
import type { IngestServices } from './services.js';
import { loadSlaRules } from './sla-clock.js';

/**
 * Recomputes the summaries (waiting, due times, first response, priority) of conversations whose
 * messages or clock changed outside an ingest (a reply queued, sent, failed or bounced; a snooze
 * set or ended; an SLA policy changed), inside `trx`.
 */
export async function resummarize(
  services: Pick<IngestServices, 'db' | 'config'>,
  trx: Kysely<Database>,
  conversationIds: number[],
  now: number,
  options: { unpaused?: number[] } = {},
): Promise<void> {
  if (conversationIds.length === 0) return;
  await refreshSummaries(
    ingestLookupsFor(services.db, trx),
    bulkWriterFor(services.db, trx),
    conversationIds,
    {
      config: services.config,
      rules: await loadSlaRules(services.config, trx),
      accountId: null,
      history: false,
    },
    now,
    undefined,
    undefined,
    new Set(options.unpaused ?? []),
  );
}
