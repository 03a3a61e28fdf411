import { ImapFlow, type ImapFlowError } from 'imapflow';
import type { EmailSecrets, EmailSettings } from './settings.js';

/** An IMAP connection for an account (not yet connected); no library logging, ours only. */
export function createImapClient(settings: EmailSettings, secrets: EmailSecrets): ImapFlow {
  return new ImapFlow({
    host: settings.imapHost ?? '',
    port: settings.imapPort,
    secure: settings.imapSecure,
    auth: { user: settings.imapUser ?? settings.address, pass: secrets.imapPassword ?? '' },
    tls: settings.tlsAllowSelfSigned ? { rejectUnauthorized: false } : undefined,
    logger: false,
    disableAutoIdle: !settings.imapIdle,
    autoIdleDelay: 2000,
    maxIdleTime: 5 * 60_000,
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 10 * 60_000,
    clientInfo: { name: 'Rapport' },
  });
}

/** Whether an IMAP error means the login itself was refused (wrong password, disabled account). */
export function isImapAuthFailure(error: unknown): boolean {
  return Boolean((error as ImapFlowError | null)?.authenticationFailed);
}

/**
 * An IMAP failure said so that the person who set the account up knows what to fix: wrong
 * password, unreachable host, TLS mismatch or a missing folder.
 */
export function describeImapError(error: unknown, settings: EmailSettings): string {
  const e = (error ?? {}) as ImapFlowError & { code?: string };
  const where = `${settings.imapHost}:${settings.imapPort}`;
  const user = settings.imapUser ?? settings.address;
  const server = e.responseText || (typeof e.response === 'string' ? e.response : '') || e.message;
  if (e.authenticationFailed) {
    return `IMAP login as ${user} at ${where} was refused (${server || 'invalid credentials'}); check imapUser and imapPassword (some providers need an app password)`;
  }
  if (e.mailboxMissing) return `IMAP folder '${settings.imapMailbox}' does not exist on ${where}`;
  if (e.tlsFailed || /certificate|ssl|tls|wrong version/i.test(e.message ?? '')) {
    return `TLS with the IMAP server ${where} failed (${e.message}); check imapSecure and imapPort${
      /self[- ]signed|certificate/i.test(e.message ?? '') ? ', or allow self-signed certificates' : ''
    }`;
  }
  if (
    e.code === 'ECONNREFUSED' ||
    e.code === 'ENOTFOUND' ||
    e.code === 'EAI_AGAIN' ||
    e.code === 'EHOSTUNREACH'
  )
    return `cannot reach the IMAP server ${where} (${e.code})`;
  if (e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT' || e.code === 'ETIMEDOUT')
    return `the IMAP server ${where} did not answer in time (${e.code})`;
  return `IMAP error with ${where}: ${server || e.code || 'connection failed'}`;
}
