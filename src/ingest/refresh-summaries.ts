import { type HistoryResolve, historyStatus, summarizeConversation } from '../domain/conversation-summary.js';
import type { SlaRules } from '../domain/sla.js';
import type { Config } from '../platform/config.js';
import type { BulkWriter } from '../store/bulk-writer.js';
import type { IngestLookups } from '../store/ingest-lookups.js';
import { clockOf } from './sla-clock.js';

/** What the SLA clocks of a batch's conversations are computed with. */
export interface BatchSla {
  config: Config;
  rules: SlaRules;
  /** The channel account the batch came through (its conversations can reply through it). */
  accountId: number | null;
  /** An import of history: the conversations it creates run no live timers. */
  history: boolean;
}

/**
 * Recomputes the summary of each conversation from its messages; reopens those in `reopen` (new
 * inbound: a live one also ends their snooze's pause and makes imported history live), or, for an
 * import that resolves history, gives each the status that mode decides.
 */
export async function refreshSummaries(
  lookups: IngestLookups,
  writer: BulkWriter,
  conversationIds: number[],
  sla: BatchSla,
  now: number,
  reopen: Set<number> = new Set(),
  resolve?: HistoryResolve,
  /** Conversations whose snooze ended now (their status changed). */
  unpaused: Set<number> = new Set(),
) {
  if (conversationIds.length === 0) return;
  const facts = await lookups.messageFacts(conversationIds);
  const clocks = await lookups.conversationClocks(conversationIds);
  await writer.updateSummaries(
    conversationIds
      .filter((id) => (facts.get(id)?.length ?? 0) > 0 && clocks.has(id))
      .map((id) => {
        const stored = clocks.get(id)!;
        const live = reopen.has(id) && !sla.history;
        const clock = clockOf(
          sla.config,
          sla.rules,
          { ...stored, channel_account_id: stored.channel_account_id ?? sla.accountId },
          {
            history: live ? false : stored.sla_history === 1,
            endPausesAt: (live && !resolve) || unpaused.has(id) ? now : undefined,
          },
        );
        const summary = summarizeConversation(facts.get(id)!, clock);
        const status = resolve ? historyStatus(resolve, summary) : reopen.has(id) ? 'open' : undefined;
        return { id, summary, status, now };
      }),
  );
}
