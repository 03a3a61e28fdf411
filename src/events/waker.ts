import pg from 'pg';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';

/**
 * Tells the process's event readers (listener runner, live tail) that new events may be there.
 * Commands call `wake()` after their commits (the in-process wake-up); on PostgreSQL a LISTEN
 * connection also wakes them when any process commits events. Readers poll as well (about once a
 * second), so a missed wake-up only delays, never loses, an event: the CLI is another process.
 */
export interface EventWaker {
  /** Wakes every reader in this process (call after a commit that appended events). */
  wake(): void;
  /** Registers a reader; returns the function that removes it. */
  onWake(reader: () => void): () => void;
  /** Stops listening (PostgreSQL) and forgets the readers. */
  close(): Promise<void>;
}

/** The in-process waker (SQLite, and the local part of PostgreSQL's). */
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

  async close(): Promise<void> {
    this.readers.clear();
  }
}

/** The NOTIFY channel of a schema's event log (the trigger of migration 004 uses the same name). */
export function eventChannel(schema: string): string {
  return `rapport_events:${schema}`.slice(0, 63);
}

/**
 * One LISTEN connection per process on PostgreSQL: a notification from any process's commit wakes
 * the local readers. A dropped connection is re-opened (with a wake-up, since notifications may
 * have been missed meanwhile).
 */
export class PgWaker extends LocalWaker {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly logger?: Logger,
    private readonly reconnectMs = 1000,
  ) {
    super();
  }

  /** Opens the LISTEN connection (resolves once it listens). */
  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN "${eventChannel(this.schema).replaceAll('"', '""')}"`);
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

  override async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
    await super.close();
  }

  private lost(client: pg.Client, error: Error | null) {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.logger?.warn({ err: error }, 'event LISTEN connection lost; reconnecting');
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  /** Tries to (re)connect after a pause, again and again until it listens or is closed. */
  scheduleReconnect() {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect()
        .then(() => this.wake())
        .catch((error) => {
          this.logger?.warn({ err: error }, 'event LISTEN reconnect failed');
          this.scheduleReconnect();
        });
    }, this.reconnectMs);
    this.retry.unref();
  }
}

/**
 * The process's waker: a PgWaker listening on `databaseUrl` for PostgreSQL, else the in-process one.
 * If LISTEN cannot be set up, readers still poll (logged).
 */
export async function openWaker(
  db: Db,
  databaseUrl: string | undefined,
  logger?: Logger,
): Promise<EventWaker> {
  if (db.engine !== 'postgres' || !databaseUrl) return new LocalWaker();
  const waker = new PgWaker(databaseUrl, db.schema ?? 'public', logger);
  try {
    await waker.connect();
  } catch (error) {
    logger?.warn({ err: error }, 'event LISTEN unavailable; readers poll until it connects');
    waker.scheduleReconnect();
  }
  return waker;
}
