import pg from 'pg';
import type { Logger } from '../platform/logger.js';

/**
 * Which process runs an account's inbound side (SMTP listener, IMAP poller, Bluesky poller): every
 * process may try, one holds it. The channel supervisor runs a connector only while it holds the
 * account's lease, so a cluster runs each connector exactly once and a losing process never reports
 * its own bind error as the account's status.
 */
export interface ConnectorLeases {
  /** Takes the account's lease if no process holds it; true when this process holds it now. */
  acquire(accountId: number): Promise<boolean>;
  /** Whether this process still holds the lease (false after its connection was lost). */
  holds(accountId: number): boolean;
  /** Gives the lease back (the connector was stopped). */
  release(accountId: number): Promise<void>;
  /** Called when leases were lost at once (the lease connection dropped): stop their connectors. */
  onLost(listener: () => void): void;
  close(): Promise<void>;
}

/** SQLite: one process owns the database, so it holds every lease. */
export class LocalLeases implements ConnectorLeases {
  private readonly held = new Set<number>();
  async acquire(accountId: number) {
    this.held.add(accountId);
    return true;
  }
  holds(accountId: number) {
    return this.held.has(accountId);
  }
  async release(accountId: number) {
    this.held.delete(accountId);
  }
  onLost() {}
  async close() {
    this.held.clear();
  }
}

/**
 * PostgreSQL: session advisory locks on one dedicated connection per process, keyed by the schema
 * and the account id. PostgreSQL releases them the moment the holder's connection ends, so when a
 * process dies (even by SIGKILL) another one takes the account at its next reconcile. When this
 * process's lease connection drops, it stops believing it holds anything and reconnects lazily.
 */
export class AdvisoryLeases implements ConnectorLeases {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<number>();
  private readonly listeners: (() => void)[] = [];
  private closed = false;

  private readonly key: string;

  constructor(
    private readonly url: string,
    /** The schema Rapport's tables live in: clusters on other schemas of the database do not collide. */
    schema: string,
    private readonly logger?: Logger,
  ) {
    this.key = `rapport_connector:${schema}`;
  }

  async acquire(accountId: number): Promise<boolean> {
    if (this.held.has(accountId)) return true;
    const client = await this.connection();
    const { rows } = await client.query<{ ok: boolean }>(
      `select pg_try_advisory_lock(hashtext($1), $2) as ok`,
      [this.key, accountId],
    );
    if (rows[0]?.ok && this.client === client) this.held.add(accountId);
    return this.held.has(accountId);
  }

  holds(accountId: number): boolean {
    return this.held.has(accountId);
  }

  async release(accountId: number): Promise<void> {
    if (!this.held.delete(accountId)) return;
    const client = this.client;
    await client?.query('select pg_advisory_unlock(hashtext($1), $2)', [this.key, accountId]).catch(() => {});
  }

  onLost(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.held.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private connection(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('connector leases are closed'));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      // named, so an operator (or a test) sees which process holds which account in pg_locks
      const client = new pg.Client({
        connectionString: this.url,
        application_name: `rapport-connectors:${process.pid}`,
      });
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client, null));
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private lost(client: pg.Client, error: Error | null) {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => {});
    if (this.closed) return;
    const had = this.held.size;
    this.held.clear();
    this.logger?.warn({ err: error, leases: had }, 'connector lease connection lost; connectors stop');
    for (const listener of this.listeners) listener();
  }
}

/** The leases for this process's engine. */
export function connectorLeases(
  databaseUrl: string | undefined,
  schema: string | null,
  logger?: Logger,
): ConnectorLeases {
  return databaseUrl && schema ? new AdvisoryLeases(databaseUrl, schema, logger) : new LocalLeases();
}
