import { createTransport, type Transporter } from 'nodemailer';
import { AppError, SendError } from '../../platform/errors.js';
import type { ChannelAccount, ChannelContext, ChannelSender, OutboundMessage } from '../types.js';
import { composeReply } from './compose.js';
import { type EmailSecrets, type EmailSettings, emailConfigOf } from './settings.js';

/** An SMTP transport for an account's outgoing mail (pooled for the sender, single for verify). */
export function createSmtpTransport(
  settings: EmailSettings,
  secrets: EmailSecrets,
  pooled: boolean,
): Transporter {
  const options = {
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecure ?? settings.smtpPort === 465,
    auth: secrets.smtpPassword
      ? { user: settings.smtpUser ?? settings.address, pass: secrets.smtpPassword }
      : undefined,
    tls: settings.tlsAllowSelfSigned ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
  return pooled
    ? createTransport({ ...options, pool: true, maxConnections: 2, maxMessages: 100 })
    : createTransport(options);
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** An SMTP failure in words, naming the server and what to check. */
export function describeSmtpError(error: unknown, settings: EmailSettings): string {
  const e = (error ?? {}) as SmtpFailure;
  const where = `${settings.smtpHost}:${settings.smtpPort}`;
  const said = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  if (e.code === 'EAUTH')
    return `SMTP login as ${settings.smtpUser ?? settings.address} at ${where} was refused (${said}); check smtpUser and smtpPassword`;
  if (typeof e.responseCode === 'number') return `the SMTP server ${where} answered: ${said}`;
  if (e.code === 'ESOCKET' && /certificate|ssl|tls|wrong version/i.test(said))
    return `TLS with the SMTP server ${where} failed (${said}); check smtpSecure and smtpPort`;
  return `cannot send through the SMTP server ${where} (${e.code ?? 'error'}: ${said})`;
}

/**
 * Sends agents' replies as emails through the account's SMTP server. Temporary problems (4xx
 * answers, connection failures) are retried by the outbound queue; permanent refusals (5xx) and a
 * refused login are not, and a refused login marks the account broken.
 */
export function createEmailSender(account: ChannelAccount | null, ctx: ChannelContext): ChannelSender {
  let transport: Transporter | null = null;
  return {
    async send(message: OutboundMessage) {
      if (!account) throw new SendError('email replies need an email account', false);
      let config: ReturnType<typeof emailConfigOf>;
      try {
        config = emailConfigOf(account);
      } catch (error) {
        throw new SendError(
          `email account '${account.name}' is misconfigured: ${(error as Error).message}`,
          false,
        );
      }
      const { settings, secrets } = config;
      const mail = composeReply(message, settings, account.name);
      transport ??= createSmtpTransport(settings, secrets, true);
      try {
        await transport.sendMail({
          messageId: `<${mail.messageId}>`,
          from: mail.from,
          to: mail.to.name ? mail.to : mail.to.address,
          subject: mail.subject,
          text: mail.text,
          inReplyTo: mail.inReplyTo ?? undefined,
          references: mail.references.length > 0 ? mail.references : undefined,
          date: new Date(ctx.clock.now()),
        });
      } catch (error) {
        if (error instanceof AppError) throw error;
        const reason = describeSmtpError(error, settings);
        const e = error as SmtpFailure;
        if (e.code === 'EAUTH') {
          await ctx.reportStatus('broken', `email account '${account.name}': ${reason}`).catch(() => {});
          throw new SendError(reason, false);
        }
        throw new SendError(reason, typeof e.responseCode === 'number' ? e.responseCode < 500 : true);
      }
      ctx.logger.info(
        { messageId: message.messageId, emailId: mail.messageId, to: mail.to.address },
        'email reply sent',
      );
      return {
        externalId: mail.messageId,
        meta: {
          subject: mail.subject,
          messageId: mail.messageId,
          references: mail.references.map((r) => r.slice(1, -1)),
          from: settings.address,
          to: [mail.to.address],
        },
      };
    },
    async close() {
      transport?.close();
      transport = null;
    },
  };
}
