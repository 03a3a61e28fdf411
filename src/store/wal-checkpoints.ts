import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../platform/logger.js';
import type { Db } from './database.js';

/** What one checkpoint did: WAL frames in the log, and how many of them are now in the database. */
export interface CheckpointResult {
  busy: boolean;
  logFrames: number;
  checkpointedFrames: number;
}

/** A running background checkpointer (see startWalCheckpoints). */
export interface WalCheckpoints {
  /** Checkpoints now (instead of at the next tick) and tells what it did; null on PostgreSQL. */
  runNow(): Promise<CheckpointResult | null>;
  /** Stops the thread; the connection's automatic checkpoints are switched back on. */
  stop(): Promise<void>;
}

/** How often the thread checkpoints by default: the WAL holds about a second of writes. */
export const CHECKPOINT_EVERY_MS = 1000;

/**
 * The checkpointer thread: its own connection to the same file, a PASSIVE checkpoint (which never
 * waits for or blocks the writer or readers) every `everyMs` and whenever asked. CommonJS, evaluated
 * as is, so it runs the same from the build and from TypeScript sources.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const checkpoint = () => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  return { busy: row.busy !== 0, logFrames: row.log, checkpointedFrames: row.checkpointed };
};
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ type: 'error', message: String(error) }); }
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message.type === 'run') {
    try { parentPort.postMessage({ type: 'done', id: message.id, result: checkpoint() }); }
    catch (error) { parentPort.postMessage({ type: 'done', id: message.id, error: String(error) }); }
  } else if (message.type === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

type FromWorker =
  | { type: 'error'; message: string }
  | { type: 'done'; id: number; result?: CheckpointResult; error?: string };

/**
 * Moves SQLite's WAL checkpoints off the request path. By default the connection that commits the
 * page that fills the WAL past 1,000 pages runs the checkpoint itself, inside that commit: it copies
 * those pages into the database and fsyncs it, synchronously, on the event loop, so whichever request
 * happened to commit then waits for it, and every other request waits behind it (issue 21, defect
 * 10). For a long-running server, this switches the connection's automatic checkpoints off and runs
 * them on a worker thread with its own connection instead. No-op on PostgreSQL.
 */
export function startWalCheckpoints(
  db: Db,
  options: { logger?: Logger; everyMs?: number } = {},
): WalCheckpoints {
  const sqlite = db.sqlite;
  if (!sqlite || sqlite.memory) return { runNow: async () => null, stop: async () => {} };
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: sqlite.name,
      everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS,
    },
  });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let stopped = false;
  const restoreInline = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${before}`);
  };
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'error') {
      options.logger?.warn({ err: message.message }, 'background WAL checkpoint failed');
      return;
    }
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.result) pending?.resolve(message.result);
    else pending?.reject(new Error(message.error ?? 'checkpoint failed'));
  });
  worker.on('error', (error) => {
    // without the thread, the connection checkpoints for itself again rather than let the WAL grow
    options.logger?.error({ err: error }, 'WAL checkpoint thread stopped; checkpoints are inline again');
    restoreInline();
  });
  worker.on('exit', () => {
    for (const pending of waiting.values()) pending.reject(new Error('checkpoint thread exited'));
    waiting.clear();
    if (!stopped) restoreInline();
  });
  return {
    runNow() {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'run', id });
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'stop' });
      await exited;
      restoreInline();
    },
  };
}
