import { liveEventSchema, liveEventTypes } from '../../../src/server/routes/stream.schema.js';
import type { StreamEvent } from './types.js';

/** Connection state of the live stream, shown in the header. */
export type StreamStatus = 'connecting' | 'live' | 'offline';

/**
 * Opens the live event stream (SSE, cookie auth) and keeps it open: when the browser gives up on
 * a broken connection, it reconnects with a capped back-off and reports `onReconnect` so callers
 * can refetch whatever they may have missed. Returns the function that closes it.
 */
export function openStream(handlers: {
  onEvent: (event: StreamEvent) => void;
  onStatus: (status: StreamStatus) => void;
  onReconnect: () => void;
  /** The browser gave up on the connection (server down, or the session ended). */
  onClosed?: () => void;
}): () => void {
  let source: EventSource | null = null;
  let closed = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let everOpened = false;

  const connect = () => {
    if (closed) return;
    handlers.onStatus('connecting');
    const es = new EventSource('/api/v1/stream');
    source = es;
    es.onopen = () => {
      if (everOpened) handlers.onReconnect();
      everOpened = true;
      attempts = 0;
      handlers.onStatus('live');
    };
    es.onerror = () => {
      if (closed) return;
      handlers.onStatus('offline');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        handlers.onClosed?.();
        attempts += 1;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempts, 6));
        timer = setTimeout(connect, delay);
      }
    };
    for (const name of liveEventTypes) {
      es.addEventListener(name, (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return; // ignore a malformed event rather than breaking the stream
        }
        const checked = liveEventSchema.safeParse(data);
        if (checked.success && checked.data.type === name) {
          handlers.onEvent({ type: name, data: checked.data } as StreamEvent);
        }
      });
    }
  };
  connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
