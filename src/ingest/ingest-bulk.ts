import type { Kysely } from 'kysely';
import type { HistoryResolve } from '../domain/conversation-summary.js';
import type { IncomingMessage } from '../domain/message-format.js';
import { tuneForBulkLoad } from '../store/database.js';
import type { EventActor } from '../store/events-repo.js';
import { type ImportMemory, importMemoryFor } from '../store/import-memory.js';
import type { Database } from '../store/schema.js';
import { retryStep } from '../store/step-retry.js';
import { ingestInTransaction } from './ingest.js';
import type { StoredTriage } from './ingest-triage.js';
import type { IngestServices } from './services.js';

/** One batch of a bulk ingest, with a caller's tag that comes back once the batch is committed. */
export interface BulkBatch<Tag> {
  messages: IncomingMessage[];
  /** Triage computed beforehand, by index (see IngestOptions.triaged). */
  triaged?: (StoredTriage | null)[];
  tag: Tag;
}

/** What a commit made durable, per batch, in order. */
export interface BulkCommitted<Tag> {
  tag: Tag;
  inserted: number;
  duplicates: number;
}

/**
 * Ingests a stream of batches (import) through the same pipeline as ingestMessages, with several
 * batches per transaction: a commit's index, WAL and full-text flushes are paid once per
 * `perCommit` messages, while each batch's objects can go as soon as it is persisted (only counts are
 * kept; history records no per-message `messages.received` event), and on SQLite the load's memory of its own writes spares most
 * lookups (see ImportMemory). Each batch is a step retried alone when a concurrent writer
 * stored one of its messages first (see retryStep). A failing source ends the stream after
 * committing what came before the failure, then rethrows.
 */
export async function ingestBulk<Tag>(
  services: IngestServices,
  source: AsyncIterator<BulkBatch<Tag>>,
  actor: EventActor,
  options: {
    perCommit: number;
    onCommit(committed: BulkCommitted<Tag>[]): void;
    /** Resolve the conversations the load writes (history; see historyStatus). */
    resolve?: HistoryResolve;
    /** History: the conversations run no live SLA timers (see IngestOptions.history). */
    history?: boolean;
  },
): Promise<void> {
  let failed = false;
  let failure: unknown;
  const pull = async (): Promise<BulkBatch<Tag> | null> => {
    if (failed) return null;
    try {
      const next = await source.next();
      return next.done ? null : next.value;
    } catch (error) {
      failed = true;
      failure = error;
      return null;
    }
  };
  const memory = importMemoryFor(services.db);
  const untune = tuneForBulkLoad(services.db);
  try {
    await load();
  } finally {
    untune();
  }
  if (failed) throw failure;

  async function load() {
    let batch = await pull();
    while (batch) {
      const committed: BulkCommitted<Tag>[] = [];
      await services.db.kysely.transaction().execute(async (trx) => {
        memory?.beginTransaction();
        let messages = 0;
        while (batch && (messages === 0 || messages + batch.messages.length <= options.perCommit)) {
          const current = batch;
          const { inserted, duplicates } = await persistStep(services, trx, current, actor, {
            memory,
            resolve: options.resolve,
            history: options.history,
          });
          committed.push({ tag: current.tag, inserted, duplicates });
          messages += current.messages.length;
          batch = await pull();
        }
      });
      services.events.wake();
      options.onCommit(committed);
    }
  }
}

/** Persists one batch as a step of `trx` that is retried alone after a conflict (see retryStep). */
async function persistStep<Tag>(
  services: IngestServices,
  trx: Kysely<Database>,
  batch: BulkBatch<Tag>,
  actor: EventActor,
  load: { memory: ImportMemory | undefined; resolve: HistoryResolve | undefined; history?: boolean },
) {
  return retryStep(services.db, trx, async () => {
    const now = services.clock.now();
    if (batch.messages.length === 0) return { inserted: 0, duplicates: 0 };
    const report = await ingestInTransaction(
      services,
      trx,
      batch.messages,
      actor,
      { triaged: batch.triaged, resolve: load.resolve, history: load.history, announce: false },
      now,
      load.memory,
    );
    return { inserted: report.inserted, duplicates: report.duplicates };
  });
}
