import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS run by the worker: its own connection, a passive checkpoint every interval.
const WORKER_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('cache_size = -2048');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message || e)); }
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); process.exit(0); } });
`;

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection, instead of letting the
 * committing request pay for them (auto-checkpoint copies pages back into the database inside a
 * commit, which showed up as the tail of ingest latency). PASSIVE never blocks readers or writers.
 */
export function startCheckpointer(file: string, onError: (message: string) => void, intervalMs = 1000) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { file, driver, intervalMs },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.on('message', onError);
  worker.on('error', (e) => onError(e.message));
  worker.unref();
  return {
    async stop() {
      // keep the process alive until the worker has closed its connection
      worker.ref();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}
