import type { ChannelContextFactory } from '../channels/types.js';
import type { IngestServices } from '../ingest/services.js';
import type { SecretBox } from '../platform/secrets.js';

/**
 * Everything a use case needs, built once per process by the composition root
 * (src/runtime/services.ts) and passed explicitly (no globals).
 */
export interface Services extends IngestServices {
  /** Seals and opens channel secrets; the key is read (or created) on first use. */
  secrets: SecretBox;
  /** The context a channel account's connector or sender works through (src/runtime/channel-host.ts). */
  channelContext: ChannelContextFactory;
}

/** The response-time policy this install uses (RAPPORT_SLA_* settings). */
