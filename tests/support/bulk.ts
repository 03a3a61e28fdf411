import type { IncomingMessage } from '../../src/domain/message-format.js';
import type { BulkBatch } from '../../src/ingest/ingest-bulk.js';

/** Batches for ingestBulk, tagged with their position, from lists of messages. */
export async function* bulk(list: IncomingMessage[][]): AsyncGenerator<BulkBatch<number>> {
  for (const [k, messages] of list.entries()) yield { messages, tag: k };
}
