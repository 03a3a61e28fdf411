import type { Services } from '../commands/services.js';
import { openServices } from '../runtime/services.js';
import type { CliContext } from './command.js';

/**
 * Opens the services (database migrated) for one short CLI command, quiet below warnings, and closes
 * them afterwards: the one way the `user`, `token` and `channel` commands reach the use cases.
 */
export async function withServices<T>(ctx: CliContext, work: (services: Services) => Promise<T>): Promise<T> {
  const services = await openServices({ ...ctx.config, RAPPORT_LOG_LEVEL: 'warn' });
  try {
    return await work(services);
  } finally {
    await services.db.close();
  }
}
