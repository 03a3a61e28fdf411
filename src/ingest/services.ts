import type { EventWaker } from '../events/waker.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { LiveBus } from '../platform/live-bus.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../store/database.js';
import type { TriageService } from '../triage/service.js';
import type { NegativeSpikeDetector } from '../triage/spikes.js';

/** What the ingest engine needs from the process: the use cases' Services extend it. */
export interface IngestServices {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  live: LiveBus;
  triage: TriageService;
  /**
   * Wakes this process's event readers (live relay, listeners): commands call `wake()` after a
   * commit that appended events (src/runtime/event-stream.ts runs the readers).
   */
  events: EventWaker;
  /** Per-channel negative-rate watch of live traffic (in memory; its baseline rebuilds after a restart). */
  spikes: NegativeSpikeDetector;
}
