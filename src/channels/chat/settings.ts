import { z } from 'zod';
import { ChannelError, fromZod } from '../../platform/errors.js';
import { randomToken } from '../../platform/ids.js';
import type { ChannelAccount } from '../types.js';
import { WIDGET_DEFAULT_WORDS, WIDGET_LANGUAGES, type WidgetAppearance } from './protocol.js';

/** `https://shop.example/` → `https://shop.example`; `*` stays (any site: not recommended). */
const origin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '*') return value;
    try {
      const url = new URL(value);
      const plain = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
      if ((url.protocol === 'https:' || url.protocol === 'http:') && plain) return url.origin;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: `'${value}' is not an origin like https://shop.example` });
    return z.NEVER;
  });

/** A chat account's public settings (flat, so `rapport channel add chat --allowed-origins …` works). */
export const chatSettingsSchema = z
  .object({
    allowedOrigins: z
      .array(origin)
      .min(1, 'name at least one site, e.g. https://shop.example')
      .max(50)
      .describe('sites that may embed the widget, e.g. https://shop.example (checked on every connection)'),
    widgetKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'widget key must be 16-64 letters, digits, _ or -')
      .default(() => randomToken(18))
      .describe('public key for the <script data-rapport-widget="…"> tag (generated)'),
    brandName: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .default(WIDGET_DEFAULT_WORDS.brandName)
      .describe("title of the chat window (left as it is, it is shown in the visitor's language)"),
    greeting: z
      .string()
      .trim()
      .max(300)
      .default(WIDGET_DEFAULT_WORDS.greeting)
      .describe("first line visitors see (left as it is, it is shown in the visitor's language)"),
    accentColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'accent colour must look like #2563eb')
      .default('#2563eb')
      .describe('colour of the bubble and buttons'),
    language: z
      .enum(['auto', ...WIDGET_LANGUAGES])
      .default('auto')
      .describe("the widget's language: auto follows each visitor's browser (en, de, es, fr)"),
    askEmailAfterSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(120)
      .describe('ask for an email address when nobody has answered after this many seconds (0: never)'),
    fallbackEmailAccountId: z
      .number()
      .int()
      .positive()
      .nullable()
      .default(null)
      .describe('email account that sends replies to visitors who have left'),
  })
  .strict();

/** Secret settings: the key visitor tokens are signed with (generated; replacing it forgets every visitor). */
export const chatSecretsSchema = z
  .object({
    visitorSecret: z
      .string()
      .min(32, 'visitor secret must be at least 32 characters')
      .default(() => randomToken(32))
      .describe('signs visitor tokens (generated)'),
  })
  .strict();

/** A chat account's settings, validated. */
export type ChatSettings = z.infer<typeof chatSettingsSchema>;

/** The settings of a stored chat account (a clear error if they were edited into something invalid). */
export function chatSettingsOf(account: ChannelAccount): ChatSettings {
  const parsed = chatSettingsSchema.safeParse(account.settings);
  if (!parsed.success) throw fromZod(parsed.error, `chat account '${account.name}' settings`);
  return parsed.data;
}

/** The secret a chat account signs visitor tokens with. */
export function visitorSecretOf(account: ChannelAccount): string {
  const secret = account.secrets.visitorSecret;
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new ChannelError(`chat account '${account.name}' has no visitor secret`);
  }
  return secret;
}

/** Whether a WebSocket's Origin header names one of the account's sites. */
export function isOriginAllowed(settings: ChatSettings, originHeader: string | undefined): boolean {
  if (settings.allowedOrigins.includes('*')) return true;
  if (!originHeader) return false;
  return settings.allowedOrigins.includes(originHeader.toLowerCase());
}

/** What the widget needs to draw itself. */
export function appearanceOf(settings: ChatSettings): WidgetAppearance {
  return {
    brandName: settings.brandName,
    greeting: settings.greeting,
    accentColor: settings.accentColor,
    language: settings.language,
  };
}
