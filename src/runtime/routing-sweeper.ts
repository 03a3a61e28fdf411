import { sweepAssignments } from '../commands/auto-assign.js';
import type { Services } from '../commands/services.js';

/** The running routing sweep of a process; stop() waits for a sweep in progress. */
export interface RoutingSweeper {
  stop(): Promise<void>;
}

/**
 * Runs the routing sweep (commands/auto-assign.ts: re-assignment away from people who are away
 * when a reply is nearly due, and team queues to members who became free) every
 * RAPPORT_ROUTING_SWEEP_MS. Safe with several processes: each move is guarded on the owner it saw.
 */
export function startRoutingSweeper(services: Services): RoutingSweeper {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = sweepAssignments(services)
      .catch((error: unknown) => services.logger.error({ err: error }, 'routing sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, services.config.RAPPORT_ROUTING_SWEEP_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
