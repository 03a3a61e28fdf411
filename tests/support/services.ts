import type { Services } from '../../src/commands/services.js';
import { ManualClock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import { LiveBus } from '../../src/platform/live-bus.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Db } from '../../src/store/database.js';
import { createTriageService } from '../../src/triage/service.js';
import { NegativeSpikeDetector } from '../../src/triage/spikes.js';

/** Services around an already-open test database, with a manual clock and silent logs. */
export async function servicesFor(
  db: Db,
  env: Record<string, string> = {},
): Promise<Services & { clock: ManualClock }> {
  const config = configFrom({ RAPPORT_LOG_LEVEL: 'silent', ...env });
  return {
    config,
    db,
    logger: createLogger(config),
    clock: new ManualClock(Date.UTC(2026, 10, 1, 12)),
    live: new LiveBus(),
    triage: await createTriageService(db),
    spikes: new NegativeSpikeDetector(),
  };
}
