import { openServices, type Services } from '../../src/commands/services.js';
import { ManualClock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import type { Db } from '../../src/store/database.js';

/** Services around an already-open test database, wired by openServices, with a manual clock and silent logs. */
export async function servicesFor(
  db: Db,
  env: Record<string, string> = {},
): Promise<Services & { clock: ManualClock }> {
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const services = await openServices(configFrom({ RAPPORT_LOG_LEVEL: 'silent', ...env }), {
    openDb: db,
    clock,
  });
  return { ...services, clock };
}
