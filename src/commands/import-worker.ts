/**
 * Worker-thread side of `rapport import`: parses and validates the file and hands batches to the
 * main thread, which triages and writes them. Reading runs at most a few batches ahead (credits).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../platform/errors.js';
import { type ReadOptions, readBatches } from './import-reader.js';

/** Messages between the reader worker and the importing thread. */
export type ReaderMessage =
  | { type: 'batch'; batch: import('./import-reader.js').ReadBatch }
  | { type: 'error'; message: string; code: string }
  | { type: 'done' };

const port = parentPort;
if (port) {
  let credits = 2;
  let wake: (() => void) | null = null;
  port.on('message', (m: { type: 'credit' }) => {
    if (m.type === 'credit') {
      credits += 1;
      wake?.();
    }
  });
  const send = (m: ReaderMessage) => port.postMessage(m);
  (async () => {
    try {
      for await (const batch of readBatches(workerData as ReadOptions)) {
        while (credits === 0) await new Promise<void>((r) => (wake = r));
        wake = null;
        credits -= 1;
        send({ type: 'batch', batch });
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
