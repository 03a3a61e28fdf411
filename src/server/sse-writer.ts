import type { LiveEvent } from '../platform/live-bus.js';

/**
 * How long a stream gathers events before it writes them, in ms: with 1,000 streams and ingest at
 * 100 requests/s on 2 cores, 25 ms still left the server saturated (p99 5 s); 50 ms held (bench/RESULTS.md).
 */
export const SSE_FLUSH_MS = 50;

/** Each event's SSE frame, serialised once however many streams send it (the bus hands them all one object). */
const frames = new WeakMap<LiveEvent, string>();

/** The Server-Sent Events frame of a live event. */
export function sseFrame(event: LiveEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    frames.set(event, frame);
  }
  return frame;
}

/**
 * Writes one SSE stream's events in batches: the frames that arrive within SSE_FLUSH_MS go out in
 * one write. One write per event per stream made fan-out cost streams × events system calls and
 * serialisations on the event loop: with 1,000 streams open, ingest at 100 requests/s stalled the
 * server for seconds (issue 21, defect 10).
 */
export class SseWriter {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: { write(chunk: string): unknown },
    private readonly flushMs = SSE_FLUSH_MS,
  ) {}

  /** Queues a live event; it is written with the others of its batch. */
  send(event: LiveEvent): void {
    this.pending.push(sseFrame(event));
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes raw text now, after whatever is queued (pings, the greeting). */
  writeNow(text: string): void {
    this.pending.push(text);
    this.flush();
  }

  /** Writes what is queued. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.out.write(chunk);
  }

  /** Drops what is queued (the stream closed). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
