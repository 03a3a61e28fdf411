import type { EmailSettings } from './settings.js';

/** What went wrong connecting to a mail server, as a stable code the web app turns into words. */
export type ConnectionProblemCode =
  | 'unreachable'
  | 'timeout'
  | 'auth'
  | 'tls'
  | 'folder'
  | 'answered'
  | 'other';

/**
 * A failed connection to a mail server: which server, and what went wrong. Sent as the details of
 * the `channel_invalid` error, so a form can say it in the person's language with the next step
 * ("Rapport could not reach smtp.example.com on port 587: check the host and port").
 */
export interface ConnectionProblem {
  service: 'imap' | 'smtp';
  problem: ConnectionProblemCode;
  host: string;
  port: number;
  /** The login that was refused (auth). */
  user?: string;
  /** The folder that is missing (folder). */
  folder?: string;
}

const unreachable = new Set([
  'EDNS',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);
const timeouts = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'ETIMEDOUT', 'ETIMEOUT']);
const tlsWords = /certificate|ssl|tls|wrong version/i;

interface Failure {
  code?: string;
  message?: string;
  responseCode?: number;
  authenticationFailed?: boolean;
  mailboxMissing?: boolean;
  tlsFailed?: boolean;
}

/** An IMAP connection failure (imapflow's error) as a problem code. */
export function imapProblem(error: unknown, settings: EmailSettings): ConnectionProblem {
  const e = (error ?? {}) as Failure;
  const where = { service: 'imap' as const, host: settings.imapHost ?? '', port: settings.imapPort };
  if (e.authenticationFailed)
    return { ...where, problem: 'auth', user: settings.imapUser ?? settings.address };
  if (e.mailboxMissing) return { ...where, problem: 'folder', folder: settings.imapMailbox };
  if (e.tlsFailed || tlsWords.test(e.message ?? '')) return { ...where, problem: 'tls' };
  return { ...where, problem: codeProblem(e.code) };
}

/** An SMTP connection failure (nodemailer's error) as a problem code. */
export function smtpProblem(error: unknown, settings: EmailSettings): ConnectionProblem {
  const e = (error ?? {}) as Failure & { response?: string };
  const where = { service: 'smtp' as const, host: settings.smtpHost, port: settings.smtpPort };
  if (e.code === 'EAUTH') return { ...where, problem: 'auth', user: settings.smtpUser ?? settings.address };
  if (typeof e.responseCode === 'number') return { ...where, problem: 'answered' };
  if (tlsWords.test(`${e.response ?? ''} ${e.message ?? ''}`) && !unreachable.has(e.code ?? '')) {
    return { ...where, problem: 'tls' };
  }
  if (e.code === 'ESOCKET' || e.code === 'ECONNECTION') {
    const inner = /\b(E[A-Z]+)\b/.exec(e.message ?? '')?.[1];
    if (inner && (unreachable.has(inner) || timeouts.has(inner)))
      return { ...where, problem: codeProblem(inner) };
  }
  return { ...where, problem: codeProblem(e.code) };
}

function codeProblem(code: string | undefined): ConnectionProblemCode {
  if (code && unreachable.has(code)) return 'unreachable';
  if (code && timeouts.has(code)) return 'timeout';
  return 'other';
}
