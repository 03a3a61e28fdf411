import { liveEventSchema, liveEventTypes } from '../../../src/server/routes/stream.schema.js';
import type { StreamEvent } from './types.js';

/** Connection state of the live stream, shown in the header. */
export type StreamStatus = 'connecting' | 'live' | 'offline';

/** How long to wait for a first ping before the server's own interval is known. */
const defaultEvery = 10_000;

/**
 * Opens the live event stream (SSE, cookie auth) and keeps it open. The server pings every few
 * seconds: silence for 2.5 pings means the server is gone even if no socket closed (a vanished
 * host, a phone between networks), so the stream is reported offline and reopened. Reconnects use
 * a capped back-off (at once when the browser comes back online) and report `onReconnect` so
 * callers can refetch whatever they may have missed. Returns the function that closes it.
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
  let every = defaultEvery;
  let heard = Date.now();
  let status: StreamStatus | null = null;

  const report = (next: StreamStatus) => {
    if (next === status) return;
    status = next;
    handlers.onStatus(next);
  };

  const retryLater = () => {
    if (closed || timer) return;
    attempts += 1;
    timer = setTimeout(
      () => {
        timer = null;
        connect();
      },
      Math.min(30_000, 500 * 2 ** Math.min(attempts, 6)),
    );
  };

  const drop = () => {
    source?.close();
    source = null;
    report('offline');
    retryLater();
  };

  const connect = () => {
    if (closed) return;
    // once it has been lost, it stays "offline" until it is really back
    if (status !== 'offline') report('connecting');
    heard = Date.now();
    const es = new EventSource('/api/v1/stream');
    source = es;
    es.onopen = () => {
      heard = Date.now();
      if (everOpened) handlers.onReconnect();
      everOpened = true;
      attempts = 0;
      report('live');
    };
    es.onerror = () => {
      if (closed || source !== es) return;
      report('offline');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        source = null;
        handlers.onClosed?.();
        retryLater();
      }
    };
    es.addEventListener('ping', (message: MessageEvent<string>) => {
      heard = Date.now();
      try {
        const told = (JSON.parse(message.data) as { every?: unknown }).every;
        if (typeof told === 'number' && told > 0) every = told;
      } catch {
        // an old server's ping: keep the default
      }
    });
    for (const name of liveEventTypes) {
      if (name === 'ping') continue; // handled above: it only says the server is alive
      es.addEventListener(name, (message: MessageEvent<string>) => {
        heard = Date.now();
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

  const watchdog = setInterval(() => {
    if (source && Date.now() - heard > every * 2.5) drop();
  }, 500);
  const online = () => {
    if (status === 'live' || closed) return;
    if (timer) clearTimeout(timer);
    timer = null;
    source?.close();
    source = null;
    connect();
  };
  window.addEventListener('online', online);
  connect();
  return () => {
    closed = true;
    clearInterval(watchdog);
    window.removeEventListener('online', online);
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
