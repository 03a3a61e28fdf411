import type { Services } from '../commands/services.js';
import { LocalWaker } from '../events/waker.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { LiveBus } from '../platform/live-bus.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { type SecretBox, secretBoxFor } from '../platform/secrets.js';
import { type Db, migrate, type OpenOptions, openDatabase } from '../store/database.js';
import { createTriageService } from '../triage/service.js';
import { NegativeSpikeDetector } from '../triage/spikes.js';
import { createChannelContext } from './channel-host.js';

/** Opens the database, applies migrations and wires the shared services: the process's composition root. */
export async function openServices(
  config: Config,
  options: {
    clock?: Clock;
    logger?: Logger;
    db?: OpenOptions;
    /** An already-open database to use instead of opening one (tests); it is still migrated. */
    openDb?: Db;
  } = {},
): Promise<Services> {
  const logger = options.logger ?? createLogger(config);
  const db = options.openDb ?? (await openDatabase(config, options.db));
  await migrate(db);
  const services: Services = {
    config,
    db,
    logger,
    clock: options.clock ?? systemClock,
    live: new LiveBus(),
    events: new LocalWaker(),
    triage: await createTriageService(db),
    spikes: new NegativeSpikeDetector(),
    secrets: lazySecretBox(config),
    channelContext: (account, signal) => createChannelContext(services, account, signal),
  };
  return services;
}

function lazySecretBox(config: Config): SecretBox {
  let box: SecretBox | undefined;
  const get = () => {
    box ??= secretBoxFor(config);
    return box;
  };
  return { seal: (value) => get().seal(value), open: (sealed) => get().open(sealed) };
}
