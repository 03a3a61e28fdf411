import type { ChannelAccount, ChannelField, ChannelType } from './api.js';

/** The ways an email account gets its mail, each a preset of the email form. */
export const emailPresets = ['gmail', 'outlook', 'imap', 'own'] as const;
/** One email preset. */
export type EmailPreset = (typeof emailPresets)[number];

interface Preset {
  /** Settings the preset decides (sent only when they differ from the server's default). */
  fixed: Record<string, string>;
  /** Values the preset fills in for a new account (the person can change them). */
  prefill: Record<string, string>;
  /** Fields shown up front; the rest of the preset's fields fold under "Advanced settings". */
  primary: string[];
  /** Fields the preset needs although the schema lets them out. */
  required: string[];
  /** Fields that mean nothing for this preset and are not shown at all. */
  hidden: string[];
}

const sending = ['smtpHost', 'smtpPort', 'smtpPassword'];
const imapOnly = [
  'imapHost',
  'imapPort',
  'imapSecure',
  'imapUser',
  'imapPassword',
  'imapMailbox',
  'imapIdle',
  'imapPollSeconds',
  'imapBackfillDays',
];
const listenerOnly = ['smtpListenHost', 'smtpListenPort', 'acceptedRecipients'];

const presets: Record<EmailPreset, Preset> = {
  gmail: {
    fixed: { inbound: 'smtp' },
    prefill: { smtpHost: 'smtp.gmail.com' },
    primary: ['address', 'fromName', ...sending],
    required: [],
    hidden: ['inbound', ...imapOnly],
  },
  outlook: {
    fixed: { inbound: 'smtp' },
    prefill: { smtpHost: 'smtp.office365.com' },
    primary: ['address', 'fromName', ...sending],
    required: [],
    hidden: ['inbound', ...imapOnly],
  },
  imap: {
    fixed: { inbound: 'imap' },
    prefill: {},
    primary: ['address', 'fromName', 'imapHost', 'imapUser', 'imapPassword', ...sending],
    required: ['imapHost', 'imapPassword'],
    hidden: ['inbound', ...listenerOnly],
  },
  own: {
    fixed: { inbound: 'smtp' },
    prefill: {},
    primary: ['address', 'fromName', ...sending],
    required: [],
    hidden: ['inbound', ...imapOnly],
  },
};

/** Fields shown up front for the other channel types (the rest fold away). */
const primaryOf: Record<string, string[]> = {
  chat: ['allowedOrigins', 'brandName', 'greeting', 'accentColor', 'language'],
  bluesky: ['handle', 'appPassword', 'keywords'],
};

/** A field as the form lays it out. */
export interface FormField {
  field: ChannelField;
  required: boolean;
  advanced: boolean;
}

/** The form's layout for a type (and, for email, a preset): fields up front, folded, or fixed. */
export function layoutOf(type: ChannelType, preset: EmailPreset | null) {
  const p = type.type === 'email' && preset ? presets[preset] : null;
  const primary =
    p?.primary ?? primaryOf[type.type] ?? type.fields.filter((f) => f.required).map((f) => f.name);
  const fields: FormField[] = type.fields
    .filter((f) => f.kind !== 'other' && !p?.hidden.includes(f.name))
    .map((f) => ({
      field: f,
      required: f.required || (p?.required.includes(f.name) ?? false),
      advanced: !primary.includes(f.name),
    }));
  return { fields, fixed: p?.fixed ?? {}, prefill: p?.prefill ?? {} };
}

/** The preset an existing email account was set up with, read from its settings. */
export function presetOf(account: ChannelAccount | null): EmailPreset {
  if (!account) return 'gmail';
  const s = account.settings;
  if (s.inbound === 'imap') return 'imap';
  const host = String(s.smtpHost ?? '');
  if (/gmail|google/i.test(host)) return 'gmail';
  if (/office365|outlook|hotmail/i.test(host)) return 'outlook';
  return 'own';
}

/** A stored value as the form shows it ('' for none). */
export function shownValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return '';
  return String(value);
}

/**
 * The value to send for one field, or undefined to leave it out. A field left empty or at the value
 * it already has (the server's default for a new account, the stored value for an existing one) is
 * left out, so the server stores exactly what `rapport channel add` would for the same input (never
 * a "no" the person did not choose).
 */
export function convert(field: ChannelField, raw: string, current: unknown, required: boolean): unknown {
  // a required list left empty is sent empty, so the server's refusal names what is missing
  if (raw === '') return field.kind === 'array' && required ? [] : undefined;
  if (current !== undefined && current !== null && raw === shownValue(current)) return undefined;
  if (field.kind === 'number') return Number(raw);
  if (field.kind === 'boolean') return raw === 'true';
  if (field.kind === 'array') {
    const items = raw
      .split(/[,\n]/)
      .map((v) => v.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  }
  return raw;
}

const acronyms = new Set(['smtp', 'imap', 'tls', 'id', 'url']);

/** A field name read as words ("imapHost" → "IMAP host"), for fields without words of their own. */
export function plainLabel(name: string): string {
  const words = name
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .split(' ')
    .map((w) => (acronyms.has(w) ? w.toUpperCase() : w))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
