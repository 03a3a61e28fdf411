import type { EventType, StoredEvent } from '../domain/events.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';
import { Pacer } from './pacer.js';
import { currentEnd, type EventCursor, readEvents } from './reader.js';
import type { EventWaker } from './waker.js';

/** How soon a tail looks again when committed events wait beyond the horizon. */
const UNSETTLED_RETRY_MS = 25;

/** Settings of a tail. */
export interface TailOptions {
  /** Receives each new event, in stream order; the next waits for its promise. */
  onEvent: (event: StoredEvent) => void | Promise<void>;
  /** Only these types (default all). */
  types?: readonly EventType[];
  waker?: EventWaker;
  logger?: Logger;
  /** Polling interval, the fallback when no wake-up comes. */
  pollMs?: number;
  batchSize?: number;
}

/**
 * Follows the stream from its current end and hands each new event to a callback, in order: the
 * source of live relays (SSE, the widget hub). Not durable: it keeps its position in memory, so a
 * restarted process starts again from the end (live clients refetch on reconnect anyway).
 */
export class EventTail {
  private readonly pacer = new Pacer();
  private position: EventCursor | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Whether the last read saw committed events still beyond the horizon (PostgreSQL). */
  private unsettled = false;
  /** Polls run one at a time (the loop's and a caller's), so no event is delivered twice. */
  private polling: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly db: Db,
    private readonly options: TailOptions,
  ) {}

  /** Takes the current end as its position and starts following. */
  async start(): Promise<void> {
    if (this.running) return;
    this.position = await currentEnd(this.db);
    this.running = true;
    this.unsubscribe = this.options.waker?.onWake(() => this.pacer.signal()) ?? null;
    this.loop = this.run();
  }

  /** Where the tail is: the last event it has passed (null before it starts). */
  get at(): EventCursor | null {
    return this.position;
  }

  /** Looks for new events now (the waker does this; tests may too). */
  wake(): void {
    this.pacer.signal();
  }

  /** Stops following (after the event in hand). */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.pacer.signal();
    await this.loop;
  }

  /** Reads and delivers everything new once; returns how many events it delivered. */
  poll(): Promise<number> {
    const next = this.polling.catch(() => 0).then(() => this.pollOnce());
    this.polling = next;
    return next;
  }

  private async pollOnce(): Promise<number> {
    if (!this.position) this.position = await currentEnd(this.db);
    const limit = this.options.batchSize ?? 500;
    let delivered = 0;
    while (true) {
      const { events, cursor, unsettled } = await readEvents(this.db, {
        after: this.position,
        types: this.options.types,
        limit,
      });
      for (const event of events) {
        try {
          await this.options.onEvent(event);
        } catch (error) {
          this.options.logger?.error({ err: error, id: event.id }, 'event tail callback failed');
        }
        delivered += 1;
      }
      this.position = cursor;
      this.unsettled = unsettled;
      if (events.length < limit) return delivered;
    }
  }

  private async run() {
    while (this.running) {
      try {
        await this.poll();
      } catch (error) {
        this.options.logger?.error({ err: error }, 'event tail read failed');
      }
      // events waiting for an older transaction to end: look again soon rather than at the next poll
      const pollMs = this.options.pollMs ?? 1000;
      if (this.running) await this.pacer.wait(this.unsettled ? Math.min(UNSETTLED_RETRY_MS, pollMs) : pollMs);
    }
  }
}
