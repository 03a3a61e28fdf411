import { summarizeConversation } from '../domain/conversation-summary.js';
import type { ResponsePolicy } from '../domain/sla.js';
import type { BulkWriter } from '../store/bulk-writer.js';
import type { IngestLookups } from '../store/ingest-lookups.js';

/** Recomputes the summary of each conversation from its messages (and reopens it on new inbound). */
export async function refreshSummaries(
  lookups: IngestLookups,
  writer: BulkWriter,
  conversationIds: number[],
  policy: ResponsePolicy,
  now: number,
  reopen: Set<number> = new Set(),
) {
  if (conversationIds.length === 0) return;
  const facts = await lookups.messageFacts(conversationIds);
  await writer.updateSummaries(
    conversationIds
      .filter((id) => (facts.get(id)?.length ?? 0) > 0)
      .map((id) => ({
        id,
        summary: summarizeConversation(facts.get(id)!, policy),
        reopen: reopen.has(id),
        now,
      })),
  );
}

/**
 * Conversations whose summaries a bulk load recomputes once, just before its commit, instead of
 * after every batch: a thread that spans several batches of one transaction is re-read and
 * rewritten once (each rewrite moves its entries in every conversation index).
 */
export class PendingSummaries {
  private readonly ids = new Set<number>();
  private readonly reopen = new Set<number>();

  /** Marks `id` for a refresh (and a reopen, when it got new inbound). */
  add(id: number, reopen: boolean): void {
    this.ids.add(id);
    if (reopen) this.reopen.add(id);
  }

  /** Forgets conversations merged away (their messages now belong to the merge target). */
  forget(ids: number[]): void {
    for (const id of ids) {
      this.ids.delete(id);
      this.reopen.delete(id);
    }
  }

  /** Writes every pending summary (inside the load's transaction) and starts afresh. */
  async flush(lookups: IngestLookups, writer: BulkWriter, policy: ResponsePolicy, now: number) {
    await refreshSummaries(lookups, writer, [...this.ids], policy, now, this.reopen);
    this.ids.clear();
    this.reopen.clear();
  }
}
