import { z } from 'zod';
import { fromZod } from '../../platform/errors.js';
import type { ChannelAccount } from '../types.js';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address like support@shop.example'));
const host = z.string().trim().min(1).max(255);
const port = z.number().int().min(1).max(65535);

/**
 * An email account's public settings, flat so `rapport channel add email --address … --inbound imap
 * --imap-host …` maps one flag to one field. Inbound is Rapport's own SMTP listener (point an MX or
 * your mail server's forwarding at it) or IMAP polling of an existing mailbox; outbound is always
 * an SMTP server.
 */
export const emailSettingsSchema = z
  .object({
    address: email.describe('the support address customers write to; replies come from it'),
    fromName: z.string().trim().max(100).optional().describe('brand name in From, e.g. "Acme Support"'),
    agentNameInFrom: z
      .boolean()
      .default(true)
      .describe('From reads "Agent Name via Brand" (off: just the brand name)'),
    inbound: z.enum(['smtp', 'imap']).default('smtp').describe('how mail comes in'),
    smtpListenHost: host
      .default('127.0.0.1')
      .describe('interface the SMTP listener binds (0.0.0.0 to take mail from other machines)'),
    smtpListenPort: port.default(2525).describe('port of the SMTP listener'),
    acceptedRecipients: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^([^@\s]+@|@)[^@\s]+\.[^@\s]+$/, 'use user@domain or @domain'),
      )
      .max(100)
      .default([])
      .describe('addresses the listener takes mail for (default: the address; @domain takes a whole domain)'),
    imapHost: host.optional().describe('IMAP server of the mailbox'),
    imapPort: port.default(993).describe('IMAP port (993 with TLS, 143 plain/STARTTLS)'),
    imapSecure: z.boolean().default(true).describe('connect to IMAP over TLS'),
    imapUser: z.string().trim().min(1).max(320).optional().describe('IMAP login (default: the address)'),
    imapMailbox: z.string().trim().min(1).max(200).default('INBOX').describe('folder to read'),
    imapIdle: z.boolean().default(true).describe('wait for new mail with IDLE when the server supports it'),
    imapPollSeconds: z.number().int().min(5).max(3600).default(60).describe('polling interval without IDLE'),
    imapBackfillDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(0)
      .describe('on first connect, also import mail of the last N days (0: only new mail)'),
    smtpHost: host.describe('SMTP server replies are sent through'),
    smtpPort: port.default(587).describe('SMTP port (587 STARTTLS, 465 TLS, 25 plain)'),
    smtpSecure: z.boolean().optional().describe('connect to SMTP over TLS (default: on for port 465)'),
    smtpUser: z.string().trim().min(1).max(320).optional().describe('SMTP login (default: the address)'),
    tlsAllowSelfSigned: z
      .boolean()
      .default(false)
      .describe('accept self-signed certificates from the IMAP/SMTP servers (not recommended)'),
  })
  .strict();

/** An email account's secrets (sealed at rest). */
export const emailSecretsSchema = z
  .object({
    imapPassword: z.string().min(1).max(1000).optional().describe('IMAP password or app password'),
    smtpPassword: z.string().min(1).max(1000).optional().describe('SMTP password (none: send without login)'),
  })
  .strict();

/** Parsed settings of an email account. */
export type EmailSettings = z.infer<typeof emailSettingsSchema>;
/** Parsed secrets of an email account. */
export type EmailSecrets = z.infer<typeof emailSecretsSchema>;

/** An account's settings and secrets with defaults applied (stored accounts were validated on save). */
export function emailConfigOf(account: ChannelAccount): { settings: EmailSettings; secrets: EmailSecrets } {
  const settings = emailSettingsSchema.safeParse(account.settings);
  if (!settings.success) throw fromZod(settings.error, 'email settings');
  const secrets = emailSecretsSchema.safeParse(account.secrets);
  if (!secrets.success) throw fromZod(secrets.error, 'email secrets');
  return { settings: settings.data, secrets: secrets.data };
}

/** Whether the SMTP listener takes mail for `recipient` (exact address, plus-tag, or @domain entry). */
export function acceptsRecipient(settings: EmailSettings, recipient: string): boolean {
  const address = recipient.trim().toLowerCase();
  const [local = '', domain = ''] = address.split(/@(?=[^@]*$)/);
  const base = `${local.split('+')[0]}@${domain}`;
  const accepted = settings.acceptedRecipients.length > 0 ? settings.acceptedRecipients : [settings.address];
  return accepted.some((entry) =>
    entry.startsWith('@') ? `@${domain}` === entry : entry === address || entry === base,
  );
}
