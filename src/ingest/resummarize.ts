import type { Kysely } from 'kysely';
import { bulkWriterFor } from '../store/bulk-writer.js';
import { ingestLookupsFor } from '../store/ingest-lookups.js';
import type { Database } from '../store/schema.js';
import { refreshSummaries } from './ingest-persist.js';
import { type IngestServices, slaPolicy } from './services.js';

/**
 * Recomputes the summaries (waiting, due times, first response, priority) of conversations whose
 * messages changed outside an ingest (a reply queued, sent, failed or bounced), inside `trx`.
 */
export async function resummarize(
  services: Pick<IngestServices, 'db' | 'config'>,
  trx: Kysely<Database>,
  conversationIds: number[],
  now: number,
): Promise<void> {
  await refreshSummaries(
    ingestLookupsFor(services.db, trx),
    bulkWriterFor(services.db, trx),
    conversationIds,
    slaPolicy(services),
    now,
  );
}
