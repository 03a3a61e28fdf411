import type { Kysely } from 'kysely';
import type { HistoryResolve } from '../domain/conversation-summary.js';
import type { IncomingMessage } from '../domain/message-format.js';
import type { LiveEvent } from '../platform/live-bus.js';
import { bulkWriterFor } from '../store/bulk-writer.js';
import { appendEvent, type EventActor, systemActor } from '../store/events-repo.js';
import type { ImportMemory } from '../store/import-memory.js';
import { ingestLookupsFor } from '../store/ingest-lookups.js';
import type { Database } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import { type IngestItemResult, persistBatch } from './ingest-persist.js';
import { type StoredTriage, triageMessage } from './ingest-triage.js';
import { type IngestServices, slaPolicy } from './services.js';

export type { IngestItemResult } from './ingest-persist.js';

/** The outcome of one ingest call. */
export interface IngestReport {
  results: IngestItemResult[];
  inserted: number;
  duplicates: number;
  /** Conversations created or changed, for live updates. */
  touchedConversations: number[];
}

/** Options of one ingest call. */
export interface IngestOptions {
  /** The connected channel account these came through; its conversations reply through it. */
  accountId?: number;
  /**
   * Triage already computed for each message, by index, with the current model (import scores on
   * its reader thread); otherwise new messages are triaged here.
   */
  triaged?: (StoredTriage | null)[];
  /** An import of history: resolve the conversations it writes (see historyStatus). */
  resolve?: HistoryResolve;
}

/**
 * What an ingest does once its transaction has committed: live events, and the spike detector's
 * observations of live traffic. It holds no message, so a bulk load can keep many until its commit.
 */
export interface AfterCommit {
  at: number;
  events: LiveEvent[];
  observations: { channel: string; at: number; negative: boolean }[];
}

/**
 * The one ingest pipeline every channel, the API and import use: dedupe on (channel, external id),
 * resolve contacts, thread, triage, persist everything in one transaction, then publish live events.
 * Idempotent: re-sending any message changes nothing and reports it as a duplicate.
 */
export async function ingestMessages(
  services: IngestServices,
  messages: IncomingMessage[],
  actor: EventActor,
  options: IngestOptions = {},
): Promise<IngestReport> {
  if (messages.length === 0) return { results: [], inserted: 0, duplicates: 0, touchedConversations: [] };
  let attempt = 0;
  while (true) {
    try {
      const now = services.clock.now();
      const outcome = await services.db.kysely
        .transaction()
        .execute((trx) => ingestInTransaction(services, trx, messages, actor, options, now));
      await afterCommit(services, outcome.after);
      return outcome.report;
    } catch (error) {
      // A concurrent writer (another process on PostgreSQL) stored one of these first: retry, and
      // the dedupe step will now see it.
      attempt += 1;
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * The transactional part of ingest, inside `trx`: persists the batch and records it in the event
 * log; returns the report and what to do after the commit (see afterCommit).
 */
export async function ingestInTransaction(
  services: IngestServices,
  trx: Kysely<Database>,
  messages: IncomingMessage[],
  actor: EventActor,
  options: IngestOptions,
  now: number,
  /** A bulk load's memory of its own writes (see ImportMemory). */
  memory?: ImportMemory,
): Promise<{ report: IngestReport; after: AfterCommit }> {
  const after: AfterCommit = { at: now, events: [], observations: [] };
  if (messages.length === 0) {
    return { report: { results: [], inserted: 0, duplicates: 0, touchedConversations: [] }, after };
  }
  const triager = services.triage.current();
  const pre = options.triaged;
  const { results, touched, triaged } = await persistBatch(trx, {
    messages,
    triage: pre ? (_m, i) => pre[i] ?? null : (m) => triageMessage(triager, m),
    now,
    policy: slaPolicy(services),
    actor,
    lookups: ingestLookupsFor(services.db, trx, memory),
    writer: bulkWriterFor(services.db, trx),
    resolve: options.resolve,
  });
  if (options.accountId !== undefined && touched.length > 0) {
    await trx
      .updateTable('conversations')
      .set({ channel_account_id: options.accountId })
      .where('id', 'in', touched)
      .where('channel_account_id', 'is', null)
      .execute();
  }
  const inserted = results.filter((r) => r.status === 'inserted').length;
  if (actor.type !== 'system' || inserted > 0) {
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'messages.ingested',
      data: { inserted, duplicates: results.length - inserted },
    });
  }
  const report = { results, inserted, duplicates: results.length - inserted, touchedConversations: touched };
  for (const r of results) {
    const t = triaged.get(r.index);
    const m = messages[r.index]!;
    if (r.status !== 'inserted') continue;
    if (services.live.size > 0) {
      after.events.push({
        type: 'message.created',
        conversationId: r.conversationId,
        messageId: r.messageId,
        direction: m.direction,
        sentiment: t?.sentiment ?? null,
        priority: t?.priority ?? null,
      });
    }
    if (t && now - m.created_at <= LIVE_WINDOW_MS) {
      after.observations.push({ channel: m.channel, at: m.created_at, negative: t.sentiment === 'negative' });
    }
  }
  if (services.live.size > 0) {
    for (const id of touched)
      after.events.push({ type: 'conversation.updated', conversationId: id, reason: 'message' });
  }
  return { report, after };
}

/** How recent a message must be to count as live traffic for spike detection (imports of history don't). */
const LIVE_WINDOW_MS = 60 * 60_000;

/**
 * After the commit: publishes the live events, and feeds live inbound messages to the negative-spike
 * detector; a spike is logged as an 'alert.negative_spike' event and pushed live, for on-call
 * delivery to pick up.
 */
export async function afterCommit(services: IngestServices, after: AfterCommit): Promise<void> {
  for (const event of after.events) services.live.publish(event);
  for (const o of after.observations) {
    const alert = services.spikes.observe(o.channel, o.at, o.negative);
    if (!alert) continue;
    await appendEvent(services.db.kysely, {
      at: after.at,
      actor: systemActor,
      type: 'alert.negative_spike',
      data: alert,
    });
    services.live.publish({ type: 'alert', ...alert });
    services.logger.warn(alert, 'negative spike');
  }
}
