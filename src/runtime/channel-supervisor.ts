import { decodeChannelAccount } from '../channels/account-codec.js';
import { channelDefinitions } from '../channels/registry.js';
import type { ChannelDefinition, InboundRunner } from '../channels/types.js';
import type { Services } from '../commands/services.js';
import { listChannelAccountRows } from '../store/channel-accounts-repo.js';
import { eventSchema } from '../store/events-repo.js';
import { createChannelContext } from './channel-host.js';
import { type ConnectorLeases, connectorLeases } from './connector-leases.js';

interface Running {
  version: number;
  controller: AbortController;
  runner: InboundRunner;
}

interface Failure {
  version: number;
  attempts: number;
  retryAt: number;
}

/**
 * Keeps each account's inbound side (listener, poller, stream) running in the server process. It
 * reconciles with the accounts table on start, whenever an account changes in this process, and
 * every few seconds (the CLI and other processes change the table too): new or changed accounts are
 * (re)started, paused and removed ones stopped. A connector that fails to start marks its account
 * broken and is retried with backoff. Several processes on one PostgreSQL database share the work:
 * a connector runs only in the process holding its account's lease (ConnectorLeases), and another
 * process takes the account over at its next reconcile once the holder is gone.
 */
export class ChannelSupervisor {
  private readonly running = new Map<number, Running>();
  private readonly failures = new Map<number, Failure>();
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private leases: ConnectorLeases | null;
  private leasesReady = false;

  constructor(
    private readonly services: Services,
    /** The channel types it can run (the registry's list; tests pass their own). */
    private readonly definitions: ChannelDefinition[] = channelDefinitions,
    /** Who runs which account (default: advisory locks on PostgreSQL, every account on SQLite). */
    leases?: ConnectorLeases,
  ) {
    this.leases = leases ?? null;
  }

  /** Starts every active account's connector and keeps watching the accounts table. */
  async start(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), this.services.config.RAPPORT_CHANNEL_RECONCILE_MS);
    this.timer.unref();
    this.unsubscribe = this.services.live.subscribe((event) => {
      if (event.type === 'channels.changed') void this.reconcile();
    });
  }

  /** Ids of the accounts whose connectors are running (for health and tests). */
  runningAccounts(): number[] {
    return [...this.running.keys()];
  }

  /** Brings running connectors in line with the accounts table (serialised; safe to call any time). */
  reconcile(): Promise<void> {
    this.queue = this.queue
      .then(() => this.reconcileOnce())
      .catch((error) => {
        this.services.logger.error({ err: error }, 'channel supervisor could not read accounts');
      });
    return this.queue;
  }

  /** Stops every connector. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.queue;
    await Promise.allSettled([...this.running.keys()].map((id) => this.stopOne(id)));
    await this.leases?.close();
  }

  private async reconcileOnce(): Promise<void> {
    if (this.stopped) return;
    if (!this.leasesReady) {
      const { config, db, logger } = this.services;
      this.leases ??= connectorLeases(config.DATABASE_URL, await eventSchema(db), logger);
      this.leases.onLost(() => void this.reconcile());
      this.leasesReady = true;
    }
    const rows = await listChannelAccountRows(this.services.db.kysely);
    const wanted = new Map(
      rows
        .filter((r) => r.status !== 'paused')
        .filter((r) => this.definitions.some((d) => d.type === r.channel && d.startInbound))
        .map((r) => [r.id, r]),
    );
    for (const [id, run] of this.running) {
      const row = wanted.get(id);
      const lost = !this.lease().holds(id);
      if (lost || !row || (row.updated_at ?? row.created_at) !== run.version) await this.stopOne(id);
    }
    const now = this.services.clock.now();
    for (const [id, row] of wanted) {
      if (this.running.has(id) || this.stopped) continue;
      const version = row.updated_at ?? row.created_at;
      const failure = this.failures.get(id);
      if (failure && failure.version === version && failure.retryAt > now) continue;
      if (!(await this.tryLease(id))) continue;
      const definition = this.definitions.find((d) => d.type === row.channel)!;
      const controller = new AbortController();
      let ctx: ReturnType<typeof createChannelContext> | null = null;
      try {
        const account = decodeChannelAccount(this.services, row);
        ctx = createChannelContext(this.services, account, controller.signal);
        const runner = await definition.startInbound!(account, ctx);
        this.running.set(id, { version, controller, runner });
        this.failures.delete(id);
        if (row.status === 'broken' && row.status_message?.startsWith('could not start')) {
          await ctx.reportStatus('active');
        }
        this.services.logger.info({ account: id, channel: row.channel }, 'channel connector started');
      } catch (error) {
        controller.abort();
        const attempts = failure && failure.version === version ? failure.attempts + 1 : 1;
        const delay = Math.min(300_000, 5_000 * 2 ** (attempts - 1));
        this.failures.set(id, { version, attempts, retryAt: now + delay });
        const message = `could not start: ${(error as Error).message}`;
        this.services.logger.warn(
          { account: id, attempts, retryInMs: delay, reason: message },
          'channel connector failed',
        );
        await ctx?.reportStatus('broken', message).catch(() => {});
        // another process (on another machine) may be able to run it: let it try
        await this.lease().release(id);
      }
    }
  }

  private async stopOne(id: number): Promise<void> {
    const run = this.running.get(id);
    if (!run) return;
    this.running.delete(id);
    run.controller.abort();
    try {
      await run.runner.stop();
    } catch (error) {
      this.services.logger.warn({ account: id, err: error }, 'channel connector did not stop cleanly');
    }
    await this.lease().release(id);
  }

  private lease(): ConnectorLeases {
    if (!this.leases) throw new Error('the channel supervisor has not started');
    return this.leases;
  }

  /** Takes the account's lease; false when another process holds it or the database is unreachable. */
  private async tryLease(id: number): Promise<boolean> {
    try {
      return await this.lease().acquire(id);
    } catch (error) {
      this.services.logger.warn({ account: id, err: error }, 'could not take a connector lease');
      return false;
    }
  }
}
