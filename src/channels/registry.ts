import type { Config } from '../platform/config.js';
import { genericChannel } from './generic/index.js';
import type { ChannelDefinition, ChannelSender } from './types.js';

/** Every channel Rapport has, listed by hand (no plugin discovery). */
export const channelDefinitions: ChannelDefinition[] = [genericChannel];

/**
 * The definition for a channel type. Channels that only arrive by import or the API (e.g. a
 * "twitter" history dump) have no connector of their own and reply through the generic webhook.
 */
export function channelDefinition(type: string): ChannelDefinition {
  return channelDefinitions.find((d) => d.type === type) ?? genericChannel;
}

/** Builds (and caches per process) the sender for a channel type. */
export function createSenderCache(config: Config) {
  const cache = new Map<string, ChannelSender>();
  return (type: string): ChannelSender => {
    const def = channelDefinition(type);
    let sender = cache.get(def.type);
    if (!sender) {
      sender = def.createSender(config);
      cache.set(def.type, sender);
    }
    return sender;
  };
}
