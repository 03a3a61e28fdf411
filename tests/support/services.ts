import type { Services } from '../../src/commands/services.js';
import { ManualClock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import { openServices } from '../../src/runtime/services.js';
import type { Db } from '../../src/store/database.js';

/** The secret key test installs seal channel secrets with (never the data dir's key file). */
export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef-0123456789';

/** Services around an already-open test database, wired by openServices, with a manual clock and silent logs. */
export async function servicesFor(
  db: Db,
  env: Record<string, string> = {},
): Promise<Services & { clock: ManualClock }> {
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const services = await openServices(
    configFrom({ RAPPORT_LOG_LEVEL: 'silent', RAPPORT_SECRET_KEY: TEST_SECRET_KEY, ...env }),
    {
      openDb: db,
      clock,
    },
  );
  return { ...services, clock };
}
