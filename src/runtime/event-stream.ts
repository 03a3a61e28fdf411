import { announceViewers, presenceChannel } from '../commands/presence.js';
import type { Services } from '../commands/services.js';
import type { AnyEventListener } from '../events/listener.js';
import { schedulePruning } from '../events/prune.js';
import { latestEvent, streamStart } from '../events/reader.js';
import { ListenerRunner } from '../events/runner.js';
import { type ListenerStatus, listenerStatuses } from '../events/status.js';
import type { EventTail } from '../events/tail.js';
import { type EventNotifications, listenForEvents } from '../events/waker.js';
import { compareCursors, eventSchema } from '../store/events-repo.js';
import { listeners as registered } from './listeners.js';
import { createLiveRelay } from './live-relay.js';

/** The event stream's moving parts in one process, started by `startEventStream`. */
export interface EventStream {
  runner: ListenerRunner<Services>;
  relay: EventTail;
  /**
   * Runs the relay and every listener until they have caught up with what is committed now (tests,
   * and anything that must see the effects of its own writes; a server does this continuously).
   */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the process's readers of the event stream: on PostgreSQL the LISTEN connection that wakes
 * them on any process's commit, the live relay to the LiveBus, the registered listeners, and the
 * pruning of old system events (RAPPORT_EVENT_RETENTION_DAYS).
 */
export async function startEventStream(
  services: Services,
  options: {
    listeners?: readonly AnyEventListener<Services>[];
    pollMs?: number;
    /** Whether this process prunes old events (a worker's schedule; web processes only relay). */
    prune?: boolean;
  } = {},
): Promise<EventStream> {
  const { config, db, logger, clock } = services;
  const schema = await eventSchema(db);
  const notifications: EventNotifications | null =
    schema !== null && config.DATABASE_URL
      ? await listenForEvents(config.DATABASE_URL, schema, services.events, logger, {
          // another process's presence change → this process's browsers
          [presenceChannel(schema)]: (payload) => {
            announceViewers(services, payload).catch((err) => logger.warn({ err }, 'presence relay failed'));
          },
        })
      : null;
  const relay = createLiveRelay(services, { pollMs: options.pollMs });
  const runner = new ListenerRunner(options.listeners ?? registered, {
    db,
    ctx: services,
    clock,
    logger,
    waker: services.events,
    pollMs: options.pollMs,
  });
  await relay.start();
  await runner.start();
  const stopPruning =
    options.prune === false
      ? () => {}
      : schedulePruning(db, { clock, logger, retentionDays: config.RAPPORT_EVENT_RETENTION_DAYS });
  return {
    runner,
    relay,
    async settle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        const target = await latestEvent(db);
        await relay.poll();
        const results = await runner.drain();
        await relay.poll();
        const cursors = await runner.cursors();
        const listenersDone = [...results].every(
          ([name, result]) =>
            result === 'waiting' ||
            result === 'failed' ||
            (result === 'idle' && compareCursors(cursors.get(name) ?? streamStart, target) >= 0),
        );
        const relayDone = compareCursors(relay.at ?? streamStart, target) >= 0;
        const unchanged = compareCursors(await latestEvent(db), target) === 0;
        if (listenersDone && relayDone && unchanged) return;
        if (Date.now() > deadline) throw new Error('the event stream did not settle in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      stopPruning();
      await runner.stop();
      await relay.stop();
      await notifications?.close();
    },
  };
}

/** How each registered listener is doing (`rapport events status`, GET /api/v1/events/listeners). */
export function listenerStatus(services: Pick<Services, 'db' | 'clock'>): Promise<ListenerStatus[]> {
  return listenerStatuses(services.db, registered, services.clock.now());
}
