/**
 * Test-only channel types and accounts: registers a channel definition for one test file (the
 * registry is a hand-written list; tests may extend it for their own process) and connects an
 * account of it, returning the connector context a real channel would get.
 */
import { afterAll, beforeAll } from 'vitest';
import { decodeChannelAccount } from '../../src/channels/account-codec.js';
import { channelDefinitions } from '../../src/channels/registry.js';
import type { ChannelContext, ChannelDefinition } from '../../src/channels/types.js';
import type { Services } from '../../src/commands/services.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { insertChannelAccount } from '../../src/store/channel-accounts-repo.js';
import type { ChannelAccountRow } from '../../src/store/schema.js';

/** Adds `definition` to the registry for the tests of the calling file. */
export function registerTestChannel(definition: ChannelDefinition) {
  beforeAll(() => {
    channelDefinitions.push(definition);
  });
  afterAll(() => {
    channelDefinitions.splice(channelDefinitions.indexOf(definition), 1);
  });
}

/** Stores an account of a channel (no settings, no secrets) and builds its connector context. */
export async function connectTestAccount(
  services: Services,
  channel: string,
): Promise<{ row: ChannelAccountRow; ctx: ChannelContext }> {
  const row = await insertChannelAccount(services.db.kysely, {
    channel,
    name: 'brand',
    settingsJson: '{}',
    secretsEnc: null,
    now: Date.now(),
  });
  const ctx = createChannelContext(
    services,
    decodeChannelAccount(services, row),
    new AbortController().signal,
  );
  return { row, ctx };
}
