import pg from 'pg';
import type { Logger } from '../platform/logger.js';

/**
 * Tells the process's event readers (listener runner, live relay) that new events may be there.
 * Commands call `wake()` after their commits (the in-process wake-up); on PostgreSQL a LISTEN
 * connection (`listenForEvents`) wakes it too when any process commits events. Readers also poll
 * (about once a second), so a missed wake-up only delays an event, never loses it: the CLI is
 * another process.
 */
export interface EventWaker {
  /** Wakes every reader in this process (call after a commit that appended events). */
  wake(): void;
  /** Registers a reader; returns the function that removes it. */
  onWake(reader: () => void): () => void;
}

/** The in-process waker every process has (it does nothing until readers register). */
export class LocalWaker implements EventWaker {
  private readonly readers = new Set<() => void>();

  wake(): void {
    for (const reader of this.readers) {
      try {
        reader();
      } catch {
        // a broken reader must not affect the writer that woke it
      }
    }
  }

  onWake(reader: () => void): () => void {
    this.readers.add(reader);
    return () => this.readers.delete(reader);
  }
}

/** The NOTIFY channel of a schema's event log (the trigger of migration 004 uses the same name). */
export function eventChannel(schema: string): string {
  return `rapport_events:${schema}`.slice(0, 63);
}

/**
 * One LISTEN connection per process on PostgreSQL: a notification from any process's commit wakes
 * `target`. A dropped connection is re-opened (with a wake-up, since notifications may have been
 * missed meanwhile); until then readers poll.
 */
export class EventNotifications {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly target: EventWaker,
    private readonly logger?: Logger,
    private readonly reconnectMs = 1000,
    /** Other channels heard on the same connection (e.g. presence), each with its handler. */
    private readonly others: Readonly<Record<string, (payload: string) => void>> = {},
  ) {}

  /** Opens the LISTEN connection; resolves once it listens (rejects if it cannot, see `retryLater`). */
  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const events = eventChannel(this.schema);
    client.on('notification', (message) => {
      const other = message.channel === events ? undefined : this.others[message.channel];
      if (!other) return this.target.wake();
      try {
        other(message.payload ?? '');
      } catch (error) {
        this.logger?.warn({ err: error, channel: message.channel }, 'notification handler failed');
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      for (const channel of [events, ...Object.keys(this.others)]) {
        await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      }
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
  }

  /** Tries to (re)connect after a pause, again and again until it listens or is closed. */
  retryLater(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect()
        .then(() => this.target.wake())
        .catch((error) => {
          this.logger?.warn({ err: error }, 'event LISTEN reconnect failed');
          this.retryLater();
        });
    }, this.reconnectMs);
    this.retry.unref();
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private lost(client: pg.Client, error: Error | null) {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.logger?.warn({ err: error }, 'event LISTEN connection lost; reconnecting');
    client.end().catch(() => {});
    this.retryLater();
  }
}

/**
 * Starts LISTENing for a schema's events on PostgreSQL, waking `target` on each commit; when the
 * connection cannot be made it keeps trying in the background (readers poll meanwhile).
 */
export async function listenForEvents(
  url: string,
  schema: string,
  target: EventWaker,
  logger?: Logger,
  others: Readonly<Record<string, (payload: string) => void>> = {},
): Promise<EventNotifications> {
  const notifications = new EventNotifications(url, schema, target, logger, 1000, others);
  try {
    await notifications.connect();
  } catch (error) {
    logger?.warn({ err: error }, 'event LISTEN unavailable; readers poll until it connects');
    notifications.retryLater();
  }
  return notifications;
}
