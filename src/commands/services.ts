import { type ResponsePolicy, responsePolicy } from '../domain/sla.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { LiveBus } from '../platform/live-bus.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { type SecretBox, secretBoxFor } from '../platform/secrets.js';
import { type Db, migrate, type OpenOptions, openDatabase } from '../store/database.js';
import { createTriageService, type TriageService } from '../triage/service.js';
import { NegativeSpikeDetector } from '../triage/spikes.js';

/** Everything a command needs, built once per process and passed explicitly (no globals). */
export interface Services {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  live: LiveBus;
  triage: TriageService;
  /** Per-channel negative-rate watch of live traffic (in memory; its baseline rebuilds after a restart). */
  spikes: NegativeSpikeDetector;
  /** Seals and opens channel secrets; the key is read (or created) on first use. */
  secrets: SecretBox;
}

/** Opens the database, applies migrations and wires the shared services. */
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
  return {
    config,
    db,
    logger,
    clock: options.clock ?? systemClock,
    live: new LiveBus(),
    triage: await createTriageService(db),
    spikes: new NegativeSpikeDetector(),
    secrets: lazySecretBox(config),
  };
}

/** The response-time policy this install uses (RAPPORT_SLA_* settings). */
export function slaPolicy(services: Pick<Services, 'config'>): ResponsePolicy {
  return responsePolicy(
    services.config.RAPPORT_SLA_NEGATIVE_MINUTES,
    services.config.RAPPORT_SLA_DEFAULT_MINUTES,
  );
}

function lazySecretBox(config: Config): SecretBox {
  let box: SecretBox | undefined;
  const get = () => {
    box ??= secretBoxFor(config);
    return box;
  };
  return { seal: (value) => get().seal(value), open: (sealed) => get().open(sealed) };
}
