import { ValidationError } from '../platform/errors.js';
import { blueskyChannel } from './bluesky/index.js';
import { chatChannel } from './chat/index.js';
import { emailChannel } from './email/index.js';
import { genericChannel } from './generic/index.js';
import type { ChannelDefinition } from './types.js';

/** Every channel Rapport has, listed by hand (no plugin discovery). */
export const channelDefinitions: ChannelDefinition[] = [
  genericChannel,
  chatChannel,
  emailChannel,
  blueskyChannel,
];

/**
 * The definition for a channel type. Channels that only arrive by import or the API (e.g. a
 * "twitter" history dump) have no connector of their own and reply through the generic webhook.
 */
export function channelDefinition(type: string): ChannelDefinition {
  return channelDefinitions.find((d) => d.type === type) ?? genericChannel;
}

/** The definition of a channel that accounts can be added for; a clear error for anything else. */
export function accountChannelDefinition(type: string): ChannelDefinition {
  const definition = channelDefinitions.find((d) => d.type === type && d.type !== 'generic');
  if (!definition) {
    const known = channelDefinitions.filter((d) => d.type !== 'generic').map((d) => d.type);
    throw new ValidationError(
      `unknown channel type '${type}'${known.length ? ` (one of: ${known.join(', ')})` : ''}`,
    );
  }
  return definition;
}
