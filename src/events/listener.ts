import type { Kysely } from 'kysely';
import type { EventOf, EventType } from '../domain/events.js';
import type { Database } from '../store/schema.js';

/**
 * A reaction to domain events. The runner hands it each event of `types`, in stream order, inside a
 * transaction that also advances the listener's cursor: what `handle` writes through `trx` happens
 * exactly once. Delivery is at-least-once, so an effect outside the database (a webhook, a push)
 * must be idempotent: key it on `event.id`. A throw rolls back that event's writes, keeps the
 * cursor before it and retries later with backoff (the events before it stay done).
 */
export interface EventListener<C, T extends EventType = EventType> {
  /** Stable name: the key of the stored cursor (renaming a listener starts a new one). */
  readonly name: string;
  /** The event types it reacts to. */
  readonly types: readonly T[];
  /**
   * Where a listener seen for the first time starts: at the current end of the stream (default:
   * it reacts to what happens from now on) or at the beginning (it replays the history kept).
   */
  readonly from?: 'beginning' | 'end';
  /** Events per transaction (default the runner's). */
  readonly batchSize?: number;
  handle(event: EventOf<T>, trx: Kysely<Database>, ctx: C): Promise<void>;
}

/** Declares a listener with its event types inferred (so `handle` sees typed payloads). */
export function defineListener<C, const T extends EventType>(
  listener: EventListener<C, T>,
): EventListener<C, T> {
  return listener;
}

/** A listener of any event types (what runners and registries hold). */
// biome-ignore lint/suspicious/noExplicitAny: each listener narrows its own event types
export type AnyEventListener<C> = EventListener<C, any>;
