/**
 * Worker-thread side of `rapport import`: parses, validates and triages the file and hands batches
 * to the main thread, which writes them. Reading runs at most a few batches ahead (credits).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../platform/errors.js';
import { triagerFromSnapshot } from '../triage/snapshot.js';
import { encodeBatch } from './import-codec.js';
import { type ReadOptions, readBatches } from './import-reader.js';
import { triageMessage } from './ingest-triage.js';

/** Messages between the reader worker and the importing thread. */
export type ReaderMessage =
  | { type: 'batch'; bytes: Uint8Array }
  | { type: 'error'; message: string; code: string }
  | { type: 'done' };

const port = parentPort;
if (port) {
  const options = workerData as ReadOptions;
  // one batch in flight (more raise peak RSS; bench/RESULTS.md); the next one is encoded before
  // its credit comes, so handing it over is only a transfer
  let credits = 1;
  let wake: (() => void) | null = null;
  port.on('message', (m: { type: 'credit' }) => {
    if (m.type === 'credit') {
      credits += 1;
      wake?.();
    }
  });
  const send = (m: ReaderMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  (async () => {
    try {
      const triager = options.triager ? triagerFromSnapshot(options.triager) : null;
      for await (const batch of readBatches(options)) {
        if (triager) batch.triage = batch.valid.map((m) => triageMessage(triager, m));
        const bytes = encodeBatch(batch);
        while (credits === 0) await new Promise<void>((r) => (wake = r));
        wake = null;
        credits -= 1;
        send({ type: 'batch', bytes }, [bytes.buffer as ArrayBuffer]);
      }
      send({ type: 'done' });
    } catch (error) {
      send({
        type: 'error',
        message: (error as Error).message,
        code: error instanceof AppError ? error.code : 'internal',
      });
    }
  })();
}
