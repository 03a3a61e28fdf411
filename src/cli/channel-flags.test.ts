import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { camelCase, channelFlags, flagName } from './channel-flags.js';

const settings = z.object({
  service: z.string().url(),
  handle: z.string(),
  keywords: z.array(z.string()).default([]),
  pollSeconds: z.number().int().optional(),
  listen: z.boolean().default(true),
});
const secrets = z.object({ appPassword: z.string() });

describe('rapport channel flags', () => {
  it('sorts flags into settings and secrets by the schemas, converting types', () => {
    const out = channelFlags(
      [
        '--name',
        'Brand',
        '--service=https://bsky.example',
        '--handle',
        'brand.test',
        '--app-password',
        'abcd-efgh',
        '--keywords',
        'acme, acme widgets',
        '--keywords',
        'akme',
        '--poll-seconds',
        '15',
        '--listen',
        'no',
        '--no-verify',
      ],
      { settings, secrets },
    );
    expect(out).toEqual({
      name: 'Brand',
      verify: false,
      settings: {
        service: 'https://bsky.example',
        handle: 'brand.test',
        keywords: ['acme', 'acme widgets', 'akme'],
        pollSeconds: 15,
        listen: false,
      },
      secrets: { appPassword: 'abcd-efgh' },
    });
  });

  it('explains unknown flags, missing values and bad numbers', () => {
    expect(() => channelFlags(['--pasword', 'x'], { settings, secrets })).toThrow(
      /unknown option --pasword \(this channel takes --service, --handle, --keywords, --poll-seconds, --listen, --app-password\)/,
    );
    expect(() => channelFlags(['--handle'], { settings, secrets })).toThrow(/--handle needs a value/);
    expect(() => channelFlags(['--poll-seconds', 'soon'], { settings, secrets })).toThrow(/must be a number/);
    expect(() => channelFlags(['stray'], { settings, secrets })).toThrow(/unexpected argument/);
    expect(() => channelFlags(['--json', '{bad'], { settings, secrets })).toThrow(/--json must be/);
  });

  it('passes nested values through --json', () => {
    const out = channelFlags(['--json', '{"settings":{"handle":"h"},"secrets":{"appPassword":"p"}}'], {
      settings,
      secrets,
    });
    expect(out.settings).toEqual({ handle: 'h' });
    expect(out.secrets).toEqual({ appPassword: 'p' });
  });

  it('maps names both ways', () => {
    expect(camelCase('app-password')).toBe('appPassword');
    expect(flagName('smtpListenPort')).toBe('--smtp-listen-port');
  });
});
