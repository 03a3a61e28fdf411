import type { Services } from '../commands/services.js';
import { sweepSlaAlerts } from '../commands/sla-alerts.js';

/**
 * Runs the SLA watch (commands/sla-alerts.ts) every `intervalMs` in this process. Several processes
 * may run it at once: each alert's dedupe key lets only one of them raise it.
 */
export function startAlertSweeper(services: Services, options: { intervalMs?: number } = {}) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sweepSlaAlerts(services).catch((error: unknown) =>
      services.logger.warn({ err: error }, 'SLA alert sweep failed'),
    );
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
