import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { RowMapping } from '../channels/generic/row-mapping.js';
import type { HistoryResolve } from '../domain/conversation-summary.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { systemActor } from '../store/events-repo.js';
import { decodeBatch } from './import-codec.js';
import type { ReadBatch, ReadOptions } from './import-reader.js';
import type { ReaderMessage } from './import-worker.js';
import { type BulkBatch, ingestBulk } from './ingest-bulk.js';
import type { IngestServices } from './services.js';

/** Messages per transaction: larger ones amortise each commit's flushes (bench/RESULTS.md). */
export const DEFAULT_IMPORT_BATCH = 5000;

/**
 * Messages per batch read (a transaction holds several): small enough that each batch's objects
 * die young on the importing thread, which keeps its heap, and the import's RSS, small.
 */
export const READ_BATCH = 1000;

/** How to read an import file. */
export interface ImportOptions {
  format: 'jsonl' | 'csv';
  mapping?: RowMapping;
  /** Messages per transaction (DEFAULT_IMPORT_BATCH); batches are read 1,000 at most at a time. */
  batchSize?: number;
  /** History: resolve the conversations the import writes, all or those answered (see historyStatus). */
  resolve?: HistoryResolve;
  /**
   * Run live SLA timers on what the import writes (default false: imported history does not fall
   * due, breach, or outrank today's messages until a customer writes again).
   */
  liveTimers?: boolean;
  onProgress?(progress: ImportProgress): void;
  onReject?(reject: { row: number; errors: string[] }): void;
}

/** Running totals, reported after every batch. */
export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

/** The final report of an import. */
export interface ImportSummary extends ImportProgress {
  /** Reason → how many rows were rejected for it. */
  rejectReasons: Record<string, number>;
}

/** The size of a file to import; a ValidationError when it cannot be read or is not a file. */
export function importFileSize(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ValidationError(`cannot read ${file}`);
  }
  if (!stat.isFile()) throw new ValidationError(`${file} is not a file`);
  return stat.size;
}

/**
 * Imports a JSONL or CSV file through the ingest pipeline in batches, streaming so file size does
 * not matter. Every transaction (a few batches) is atomic and ingest is idempotent, so an import
 * killed at any point can simply be run again: nothing is lost and nothing is duplicated. Bad rows
 * are rejected with their reasons and never stop the import.
 */
export async function importFile(
  services: IngestServices,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const size = importFileSize(file);
  const summary: ImportSummary = {
    bytes: 0,
    totalBytes: size,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    rejectReasons: {},
  };
  const perCommit = options.batchSize ?? DEFAULT_IMPORT_BATCH;
  const heap = new HeapKeeper();
  const reader = startReader({
    file,
    format: options.format,
    mapping: options.mapping,
    batchSize: Math.min(perCommit, READ_BATCH),
    triager: services.triage.snapshot(),
  });
  try {
    await ingestBulk(services, readerBatches(reader, summary, options), systemActor, {
      perCommit,
      resolve: options.resolve,
      history: !options.liveTimers,
      onCommit(committed) {
        for (const c of committed) {
          summary.inserted += c.inserted;
          summary.duplicates += c.duplicates;
          summary.bytes = c.tag.bytes;
        }
        options.onProgress?.({ ...summary });
        heap.afterCommit(summary.rows);
      },
    });
  } finally {
    await reader.stop();
  }
  summary.bytes = size;
  return summary;
}

/**
 * Keeps the importing thread's heap small: batches live long enough to be promoted and then wait,
 * dead, for a major collection V8 may run late, so a full one every 25,000 rows bounds peak RSS
 * (figures in bench/RESULTS.md, "Peak RSS").
 */
class HeapKeeper {
  private readonly collect = exposeGc();
  private readonly every = 25_000;
  private next = this.every;

  afterCommit(rows: number) {
    if (rows < this.next) return;
    this.collect();
    this.next = rows + this.every;
  }
}

/** V8's full collection, made reachable without a command-line flag (a fresh context gets `gc`). */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The reader's batches as ingestBulk takes them, counting rows and rejects as they are read. */
async function* readerBatches(
  reader: ReturnType<typeof startReader>,
  summary: ImportSummary,
  options: ImportOptions,
): AsyncGenerator<BulkBatch<{ bytes: number }>> {
  for await (const batch of reader.batches()) {
    summary.rows += batch.rows;
    for (const r of batch.rejects) {
      summary.rejected += 1;
      for (const e of r.errors) summary.rejectReasons[e] = (summary.rejectReasons[e] ?? 0) + 1;
      options.onReject?.(r);
    }
    yield { messages: batch.valid, triaged: batch.triage, tag: { bytes: batch.bytes } };
    reader.credit();
  }
}

/** The reader holds a few batches at a time; a small heap keeps the import's memory flat. */
const READER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/** The reader worker: compiled JavaScript in production; from TypeScript sources, tsx is loaded in it first. */
function readerWorker(options: ReadOptions): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) {
    return new Worker(new URL('./import-worker.js', self), {
      workerData: options,
      resourceLimits: READER_LIMITS,
    });
  }
  // Node 20 workers do not inherit loader hooks, so a worker started from sources registers tsx itself.
  const tsx = pathToFileURL(
    createRequire(self)
      .resolve('tsx/esm/api')
      .replace(/index\.cjs$/, 'index.mjs'),
  ).href;
  const entry = new URL('./import-worker.ts', self).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
    workerData: options,
    resourceLimits: READER_LIMITS,
  });
}

/**
 * Runs readBatches on a worker thread (parsing, validation and triage overlap with the database
 * writes on another core) and exposes its batches as an async iterator. From TypeScript sources (tests, tsx)
 * the worker loads through tsx; from the build it is plain JavaScript.
 */
function startReader(options: ReadOptions) {
  const worker = readerWorker(options);
  const queue: ReaderMessage[] = [];
  let notify: (() => void) | null = null;
  const push = (m: ReaderMessage) => {
    queue.push(m);
    notify?.();
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ type: 'error', message: error.message, code: 'internal' }));
  worker.on('exit', (code) => {
    if (code !== 0)
      push({ type: 'error', message: `import reader stopped (exit ${code})`, code: 'internal' });
  });
  return {
    async *batches(): AsyncGenerator<ReadBatch> {
      while (true) {
        while (queue.length === 0) await new Promise<void>((r) => (notify = r));
        notify = null;
        const m = queue.shift()!;
        if (m.type === 'done') return;
        if (m.type === 'error') {
          throw m.code === 'validation_failed'
            ? new ValidationError(m.message)
            : new AppError('internal', m.message);
        }
        yield decodeBatch(m.bytes);
      }
    },
    credit: () => worker.postMessage({ type: 'credit' }),
    stop: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
