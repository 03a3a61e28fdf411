import type { Kysely } from 'kysely';
import type { HistoryResolve } from '../domain/conversation-summary.js';
import type { ReceivedMessage } from '../domain/events.js';
import type { IncomingMessage } from '../domain/message-format.js';
import { bulkWriterFor } from '../store/bulk-writer.js';
import { appendEvent, type EventActor } from '../store/events-repo.js';
import type { ImportMemory } from '../store/import-memory.js';
import { ingestLookupsFor } from '../store/ingest-lookups.js';
import type { Database } from '../store/schema.js';
import { isLostRace } from '../store/sql-errors.js';
import { confirmEmailsByReply } from './ingest-contacts.js';
import { type IngestItemResult, persistBatch } from './ingest-persist.js';
import { type StoredTriage, triageMessage } from './ingest-triage.js';
import type { IngestServices } from './services.js';
import { loadSlaRules } from './sla-clock.js';

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
  /**
   * An import of history: the conversations it creates run no live SLA timers and rank below live
   * ones until a customer writes again (an import asked to run timers passes false).
   */
  history?: boolean;
  /**
   * Record the inserted messages in a `messages.received` event, which listeners and live updates
   * read (default true). A bulk import of history records counts only (`messages.ingested`).
   */
  announce?: boolean;
}

/**
 * The one ingest pipeline every channel, the API and import use: dedupe on (channel, external id),
 * resolve contacts, thread, triage, persist everything and the events that tell of it in one
 * transaction, then wake the process's event readers (live updates, listeners such as the spike
 * detector). Idempotent: re-sending any message changes nothing and reports it as a duplicate.
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
      const report = await services.db.kysely
        .transaction()
        .execute((trx) => ingestInTransaction(services, trx, messages, actor, options, now));
      services.events.wake();
      return report;
    } catch (error) {
      // A concurrent writer (another process on PostgreSQL) stored one of these first, or merged a
      // conversation this batch writes into: retry, and dedupe and threading will now see it.
      attempt += 1;
      if (!isLostRace(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * The transactional part of ingest, inside `trx`: persists the batch and records it in the event
 * log (`messages.ingested`, and `messages.received` with the inserted messages); returns the report.
 * The caller wakes the event readers once the transaction has committed.
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
): Promise<IngestReport> {
  if (messages.length === 0) return { results: [], inserted: 0, duplicates: 0, touchedConversations: [] };
  const triager = services.triage.current();
  const pre = options.triaged;
  const { results, touched, triaged } = await persistBatch(trx, {
    messages,
    triage: pre ? (_m, i) => pre[i] ?? null : (m) => triageMessage(triager, m),
    now,
    sla: {
      config: services.config,
      rules: await loadSlaRules(services.config, trx),
      accountId: options.accountId ?? null,
      history: options.history ?? false,
    },
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
  // a live mail answering one sent to a chat visitor's address confirms it (not history imports)
  if (!memory) await confirmEmailsByReply(trx, messages, results, now);
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
  if (inserted > 0 && options.announce !== false) {
    const received: ReceivedMessage[] = [];
    for (const r of results) {
      if (r.status !== 'inserted') continue;
      const t = triaged.get(r.index);
      const m = messages[r.index]!;
      received.push({
        conversationId: r.conversationId,
        messageId: r.messageId,
        direction: m.direction,
        channel: m.channel,
        createdAt: m.created_at,
        sentiment: t?.sentiment ?? null,
        priority: t?.priority ?? null,
      });
    }
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'messages.received',
      data: { messages: received, conversations: touched },
    });
  }
  return report;
}
