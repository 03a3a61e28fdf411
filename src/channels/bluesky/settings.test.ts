import { describe, expect, test } from 'vitest';
import { channelFlags } from '../../cli/channel-flags.js';
import { blueskySecretsSchema, blueskySettingsSchema, firehoseUrlOf } from './settings.js';

const schemas = { settings: blueskySettingsSchema, secrets: blueskySecretsSchema };

describe('stream mode settings', () => {
  test('polling is the default', () => {
    const settings = blueskySettingsSchema.parse({ handle: 'acme.bsky.social' });
    expect(settings.stream).toBe('off');
    expect(settings.firehoseUrl).toBeUndefined();
  });

  test('rapport channel add bluesky … --stream firehose --firehose-url URL', () => {
    const flags = channelFlags(
      ['--handle', 'acme.test', '--stream', 'firehose', '--firehose-url', 'wss://relay.example'],
      schemas,
    );
    expect(blueskySettingsSchema.parse(flags.settings)).toMatchObject({
      stream: 'firehose',
      firehoseUrl: 'wss://relay.example',
    });
  });

  test('unknown stream modes and non-URLs are refused', () => {
    expect(blueskySettingsSchema.safeParse({ handle: 'a.test', stream: 'jetstream' }).success).toBe(false);
    expect(blueskySettingsSchema.safeParse({ handle: 'a.test', firehoseUrl: 'relay' }).success).toBe(false);
  });

  test('the firehose defaults to Bluesky’s relay for bsky.social accounts, else to the service', () => {
    expect(firehoseUrlOf({ service: 'https://bsky.social' })).toBe('wss://bsky.network');
    expect(firehoseUrlOf({ service: 'http://localhost:2583' })).toBe('ws://localhost:2583');
    expect(firehoseUrlOf({ service: 'https://pds.example.com/' })).toBe('wss://pds.example.com');
    expect(firehoseUrlOf({ service: 'https://bsky.social', firehoseUrl: 'https://relay.example/' })).toBe(
      'wss://relay.example',
    );
  });
});
