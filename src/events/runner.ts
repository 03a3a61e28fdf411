import { type Kysely, sql } from 'kysely';
import type { DomainEvent, EventType } from '../domain/events.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';
import {
  ensureListenerRow,
  type ListenerRow,
  listListenerRows,
  lockListenerRow,
  saveListenerRow,
} from '../store/event-listeners-repo.js';
import {
  compareCursors,
  type EventCursor,
  readStreamRows,
  settledHorizon,
  streamEnd,
  streamStart,
} from '../store/events-repo.js';
import type { Database } from '../store/schema.js';
import type { AnyEventListener, EventListener } from './listener.js';
import { Pacer } from './pacer.js';
import { cursorOf, rowToEvent } from './reader.js';
import type { EventWaker } from './waker.js';

/** How soon a loop looks again when committed events wait beyond the horizon. */
const UNSETTLED_RETRY_MS = 25;

/** What one step of a listener did. */
export type StepResult = 'progress' | 'idle' | 'waiting' | 'busy' | 'failed';

/** Settings of a runner; the defaults suit production. */
export interface RunnerOptions<C> {
  db: Db;
  /** Handed to every listener's `handle` (the composition root passes its services). */
  ctx: C;
  clock: Clock;
  logger: Logger;
  waker?: EventWaker;
  /** Polling interval, the fallback when no wake-up comes (other processes on SQLite). */
  pollMs?: number;
  /** Events per transaction. */
  batchSize?: number;
  /**
   * How long a woken loop waits for more commits before it steps (default 20 ms): under load every
   * ingest wakes every listener, and one step per commit doubled the write transactions on the
   * request path's thread; gathered, one step handles the commits of the window together.
   */
  gatherMs?: number;
  /** First retry delay after a failure; it doubles with each failure in a row, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** The delay before retry number `failures` (1 for the first failure). */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
}

/**
 * Runs listeners: each in its own loop with its own stored cursor, woken by the waker and polling
 * as the fallback. Each step locks the listener's row (on PostgreSQL with SKIP LOCKED, so only one
 * process runs a listener at a time), reads the next batch of settled events and handles them in
 * that transaction, each in a savepoint; the new cursor is written in the same transaction.
 */
export class ListenerRunner<C> {
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly gatherMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly pacers = new Map<string, Pacer>();
  /** Whether a listener's last step read a full batch (more may be waiting: step again at once). */
  private readonly fullBatch = new Map<string, boolean>();
  private loops: Promise<void>[] = [];
  private running = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    readonly listeners: readonly AnyEventListener<C>[],
    private readonly options: RunnerOptions<C>,
  ) {
    const names = new Set(listeners.map((l) => l.name));
    if (names.size !== listeners.length) throw new Error('listener names must be unique');
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.gatherMs = options.gatherMs ?? 20;
    this.backoffMs = options.backoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  }

  /** Creates the cursors of listeners seen for the first time (at the end or the beginning). */
  async register(): Promise<void> {
    const { db, clock } = this.options;
    const known = new Set((await listListenerRows(db)).map((r) => r.name));
    let end: ListenerRow['cursor'] | null = null;
    for (const l of this.listeners) {
      if (known.has(l.name)) continue;
      if (l.from !== 'beginning') end ??= await streamEnd(db, await settledHorizon(db));
      await ensureListenerRow(db, l.name, l.from === 'beginning' ? streamStart : end!, clock.now());
    }
  }

  /** Registers the listeners and starts their loops. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.register();
    this.running = true;
    for (const l of this.listeners) this.pacers.set(l.name, new Pacer());
    this.unsubscribe = this.options.waker?.onWake(() => this.wake()) ?? null;
    this.loops = this.listeners.map((l) => this.loop(l));
  }

  /** Makes every loop look for events now. */
  wake(): void {
    for (const pacer of this.pacers.values()) pacer.signal();
  }

  /** Stops the loops after their current step. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Steps every listener until none makes progress (tests, and tools that run listeners once). */
  async drain(): Promise<Map<string, StepResult>> {
    await this.register();
    const last = new Map<string, StepResult>();
    for (const l of this.listeners) {
      let result: StepResult;
      do result = await this.step(l);
      while (result === 'progress');
      last.set(l.name, result);
    }
    return last;
  }

  /** Whether committed events wait beyond the horizon (PostgreSQL; always false on SQLite). */
  private async unsettled(): Promise<boolean> {
    const { db } = this.options;
    const horizon = await settledHorizon(db);
    if (horizon === null) return false;
    return compareCursors(await streamEnd(db, null), await streamEnd(db, horizon)) > 0;
  }

  /** Each listener's stored cursor, by name. */
  async cursors(): Promise<Map<string, EventCursor>> {
    const names = new Set(this.listeners.map((l) => l.name));
    const rows = await listListenerRows(this.options.db);
    return new Map(rows.filter((r) => names.has(r.name)).map((r) => [r.name, r.cursor]));
  }

  private async loop(listener: EventListener<C>) {
    const pacer = this.pacers.get(listener.name)!;
    while (this.running) {
      let result: StepResult = 'failed';
      try {
        result = await this.step(listener);
      } catch (error) {
        this.options.logger.error({ err: error, listener: listener.name }, 'event listener step failed');
      }
      if (!this.running) continue;
      if (result === 'progress' && (this.fullBatch.get(listener.name) || this.gatherMs === 0)) continue;
      // committed events waiting beyond the PostgreSQL horizon: look again soon, not at the next poll
      const soon = result === 'idle' && (await this.unsettled().catch(() => false));
      const woken = await pacer.wait(soon ? Math.min(UNSETTLED_RETRY_MS, this.pollMs) : this.pollMs);
      if (woken && this.running && this.gatherMs > 0) await new Promise((r) => setTimeout(r, this.gatherMs));
    }
  }

  /**
   * One transaction of one listener: handles the next batch of its events (or moves its cursor past
   * events of other types). A handler's error is recorded with the time of the next try.
   */
  async step(listener: EventListener<C>): Promise<StepResult> {
    const { db, clock } = this.options;
    const now = clock.now();
    // cheap look first, outside any transaction (SQLite's take the write lock)
    const peek = (await listListenerRows(db)).find((r) => r.name === listener.name);
    if (!peek) return 'idle';
    if (peek.retryAt !== null && peek.retryAt > now) return 'waiting';
    if (compareCursors(await streamEnd(db, await settledHorizon(db)), peek.cursor) <= 0) return 'idle';
    return db.kysely.transaction().execute(async (trx) => {
      // the horizon first: this transaction has no id yet, so it does not hold the horizon back
      const horizon = await settledHorizon(db, trx);
      const row = await lockListenerRow(db, trx, listener.name);
      if (!row) return 'busy';
      if (row.retryAt !== null && row.retryAt > now) return 'waiting';
      const end = await streamEnd(db, horizon, trx);
      if (compareCursors(end, row.cursor) <= 0) return 'idle';
      const limit = listener.batchSize ?? this.batchSize;
      const rows = await readStreamRows(db, {
        after: row.cursor,
        horizon,
        limit,
        types: listener.types,
        upTo: end,
        executor: trx,
      });
      this.fullBatch.set(listener.name, rows.length >= limit);
      let cursor = row.cursor;
      let failure: unknown = null;
      for (const r of rows) {
        const event = rowToEvent(r);
        if (event.known) {
          failure = await this.handleOne(listener, event, trx);
          if (failure !== null) break;
        } else {
          this.options.logger.warn(
            { listener: listener.name, id: r.id, type: r.type },
            'skipped unreadable event',
          );
        }
        cursor = cursorOf(event);
      }
      if (failure === null && rows.length < limit) cursor = end;
      const failures = failure === null ? 0 : row.failures + 1;
      await saveListenerRow(db, trx, {
        name: listener.name,
        cursor,
        failures,
        lastError: failure === null ? null : errorText(failure),
        retryAt: failure === null ? null : now + backoffDelay(failures, this.backoffMs, this.maxBackoffMs),
        updatedAt: now,
      });
      if (failure !== null) {
        this.options.logger.warn(
          { err: failure, listener: listener.name, failures },
          'event listener failed; retrying later',
        );
        return 'failed';
      }
      return 'progress';
    });
  }

  /** Handles one event in a savepoint; returns the error it threw (its writes undone), or null. */
  private async handleOne(
    listener: EventListener<C>,
    event: DomainEvent,
    trx: Kysely<Database>,
  ): Promise<unknown> {
    await sql`savepoint listener_event`.execute(trx);
    try {
      await listener.handle(event as never, trx, this.options.ctx);
      await sql`release savepoint listener_event`.execute(trx);
      return null;
    } catch (error) {
      await sql`rollback to savepoint listener_event`.execute(trx);
      await sql`release savepoint listener_event`.execute(trx);
      return error ?? new Error('listener threw nothing');
    }
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 2000);
}

/** The event types of a set of listeners (what they need the stream to keep). */
export function typesOf(listeners: readonly { types: readonly EventType[] }[]): EventType[] {
  return [...new Set(listeners.flatMap((l) => l.types))];
}
