import { z } from 'zod';
import { ChannelError, fromZod } from '../../platform/errors.js';
import type { ChannelAccount } from '../types.js';

/** The channel type, as stored on messages and accounts. */
export const BLUESKY_CHANNEL = 'bluesky';

const handle = z
  .string()
  .trim()
  .transform((v) => v.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'handle must look like brand.bsky.social',
      ),
  );

/** A Bluesky account's public settings (flat, so `rapport channel add bluesky --handle …` works). */
export const blueskySettingsSchema = z
  .object({
    service: z
      .string()
      .trim()
      .url('service must be the URL of the account’s PDS, e.g. https://bsky.social')
      .regex(/^https?:\/\//i, 'service must be an http(s) URL')
      .default('https://bsky.social')
      .describe('the PDS the account lives on (https://bsky.social for most accounts)'),
    handle: handle.describe('the brand account’s handle, e.g. acme.bsky.social'),
    keywords: z
      .array(z.string().trim().min(2, 'a listening keyword needs at least 2 characters').max(100))
      .max(25)
      .default([])
      .describe('listening: words or phrases (brand and product names, misspellings) to search posts for'),
    pollIntervalSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(30)
      .describe('how often to read notifications (mentions, replies, quotes)'),
    listenIntervalSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(120)
      .describe('how often to run the listening searches'),
    stream: z
      .enum(['off', 'firehose'])
      .default('off')
      .describe(
        'firehose: also read the network’s live stream of posts (for large accounts); notifications are then polled every 5 minutes as a safety net',
      ),
    firehoseUrl: z
      .string()
      .trim()
      .regex(/^(wss?|https?):\/\/[^\s/]+/i, 'firehoseUrl must be a wss:// (or https://) URL')
      .optional()
      .describe(
        'where to read the firehose (com.atproto.sync.subscribeRepos); default wss://bsky.network for bsky.social accounts, else the service',
      ),
  })
  .strict();

/** Bluesky's relay: the firehose of every PDS of the network. */
export const DEFAULT_RELAY = 'wss://bsky.network';

/**
 * The firehose address of an account, as a ws(s):// base URL: the firehoseUrl setting, else Bluesky's
 * relay for accounts on bsky.social, else the account's own service (a PDS's firehose carries only
 * the accounts on it: an account on its own PDS that wants the whole network sets the relay).
 */
export function firehoseUrlOf(settings: Pick<BlueskySettings, 'service' | 'firehoseUrl'>): string {
  let url = settings.firehoseUrl;
  if (!url) {
    const host = new URL(settings.service).hostname.toLowerCase();
    url = host === 'bsky.social' || host.endsWith('.bsky.social') ? DEFAULT_RELAY : settings.service;
  }
  return url.replace(/^http/i, 'ws').replace(/\/+$/, '');
}

/** Secret settings: an app password (Settings → Privacy and security → App passwords), never the main one. */
export const blueskySecretsSchema = z
  .object({
    appPassword: z
      .string()
      .trim()
      .min(1, 'give an app password (Bluesky: Settings → Privacy and security → App passwords)')
      .max(256)
      .describe('an app password of the brand account (not its main password)'),
  })
  .strict();

/** A Bluesky account's settings, validated. */
export type BlueskySettings = z.infer<typeof blueskySettingsSchema>;

/** What a Bluesky connector needs to log in and work: settings plus the app password. */
export interface BlueskyAccountConfig extends BlueskySettings {
  appPassword: string;
}

/** The settings and app password of a stored Bluesky account (a clear error if they are unusable). */
export function blueskyConfigOf(account: ChannelAccount): BlueskyAccountConfig {
  const settings = blueskySettingsSchema.safeParse(account.settings);
  if (!settings.success) throw fromZod(settings.error, `bluesky account '${account.name}' settings`);
  const secrets = blueskySecretsSchema.safeParse(account.secrets);
  if (!secrets.success) {
    throw new ChannelError(
      `bluesky account '${account.name}' has no app password; set one with rapport channel update ${account.id} --app-password …`,
    );
  }
  return { ...settings.data, appPassword: secrets.data.appPassword };
}
