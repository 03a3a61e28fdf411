import type { IncomingMessage } from '../domain/message-format.js';
import { bulkWriterFor } from '../store/bulk-writer.js';
import { appendEvent, type EventActor, systemActor } from '../store/events-repo.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import type { TriageResult } from '../triage/types.js';
import { type IngestItemResult, persistBatch } from './ingest-persist.js';
import { type Services, slaPolicy } from './services.js';

export type { IngestItemResult } from './ingest-persist.js';

/** The outcome of one ingest call. */
export interface IngestReport {
  results: IngestItemResult[];
  inserted: number;
  duplicates: number;
  /** Conversations created or changed, for live updates. */
  touchedConversations: number[];
}

/**
 * The one ingest pipeline every channel, the API and import use: dedupe on (channel, external id),
 * resolve contacts, thread, triage, persist everything in one transaction, then publish live events.
 * Idempotent: re-sending any message changes nothing and reports it as a duplicate.
 */
export async function ingestMessages(
  services: Services,
  messages: IncomingMessage[],
  actor: EventActor,
): Promise<IngestReport> {
  if (messages.length === 0) return { results: [], inserted: 0, duplicates: 0, touchedConversations: [] };
  const triager = services.triage.current();
  const triage = (m: IncomingMessage) =>
    m.direction === 'inbound'
      ? triager.triage({ text: m.text, channel: m.channel, authorFollowers: m.author.followers ?? null })
      : null;
  const now = services.clock.now();
  const policy = slaPolicy(services);
  let attempt = 0;
  while (true) {
    try {
      const outcome = await services.db.kysely.transaction().execute(async (trx) => {
        const { results, touched, triaged } = await persistBatch(trx, {
          messages,
          triage,
          now,
          policy,
          actor,
          writer: bulkWriterFor(services.db, trx),
        });
        const inserted = results.filter((r) => r.status === 'inserted').length;
        if (actor.type !== 'system' || inserted > 0) {
          await appendEvent(trx, {
            at: now,
            actor,
            type: 'messages.ingested',
            data: { inserted, duplicates: results.length - inserted },
          });
        }
        return {
          report: { results, inserted, duplicates: results.length - inserted, touchedConversations: touched },
          triaged,
        };
      });
      publish(services, outcome.report, messages, outcome.triaged);
      await watchForSpikes(services, outcome.report, messages, outcome.triaged, now);
      return outcome.report;
    } catch (error) {
      // A concurrent writer (another process on PostgreSQL) stored one of these first: retry, and
      // the dedupe step will now see it.
      attempt += 1;
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

function publish(
  services: Services,
  report: IngestReport,
  messages: IncomingMessage[],
  triaged: Map<number, TriageResult>,
) {
  if (services.live.size === 0) return;
  for (const r of report.results) {
    if (r.status !== 'inserted') continue;
    const m = messages[r.index]!;
    services.live.publish({
      type: 'message.created',
      conversationId: r.conversationId,
      messageId: r.messageId,
      direction: m.direction,
      sentiment: triaged.get(r.index)?.sentiment ?? null,
      priority: triaged.get(r.index)?.priority ?? null,
    });
  }
  for (const id of report.touchedConversations) {
    services.live.publish({ type: 'conversation.updated', conversationId: id, reason: 'message' });
  }
}

/** How recent a message must be to count as live traffic for spike detection (imports of history don't). */
const LIVE_WINDOW_MS = 60 * 60_000;

/**
 * Feeds live inbound messages to the negative-spike detector; a spike is logged as an
 * 'alert.negative_spike' event and pushed live, for on-call delivery to pick up.
 */
async function watchForSpikes(
  services: Services,
  report: IngestReport,
  messages: IncomingMessage[],
  triaged: Map<number, TriageResult>,
  now: number,
) {
  for (const r of report.results) {
    const t = triaged.get(r.index);
    const m = messages[r.index]!;
    if (r.status !== 'inserted' || !t || now - m.created_at > LIVE_WINDOW_MS) continue;
    const alert = services.spikes.observe(m.channel, m.created_at, t.sentiment === 'negative');
    if (!alert) continue;
    await appendEvent(services.db.kysely, {
      at: now,
      actor: systemActor,
      type: 'alert.negative_spike',
      data: alert,
    });
    services.live.publish({ type: 'alert', ...alert });
    services.logger.warn(alert, 'negative spike');
  }
}
