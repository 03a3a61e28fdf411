import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { ChannelError } from '../../platform/errors.js';
import type { ChannelContext, InboundRunner } from '../types.js';
import { deliverInboundMail } from './deliver.js';
import { formatBytes } from './parse.js';
import { acceptsRecipient, type EmailSettings } from './settings.js';

/** An SMTP reply: the error smtp-server turns into "<code> <message>" for the client. */
function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Rapport's own inbound mail server for one account. It takes mail only for the account's
 * recipients (others: 550 5.1.1), refuses mail over RAPPORT_SMTP_MAX_BYTES (552 5.3.4), and answers
 * 250 only after the mail is stored: when storing fails it answers 451 so the sending server keeps
 * the mail and retries. No AUTH (it is a receiving MX, not a relay) and no STARTTLS (put it behind
 * your mail server or a TLS-terminating relay when it faces the internet).
 */
export async function startSmtpListener(
  settings: EmailSettings,
  ctx: ChannelContext,
): Promise<InboundRunner> {
  const maxBytes = ctx.config.RAPPORT_SMTP_MAX_BYTES;
  const log = ctx.logger.child({ part: 'smtp-listener' });
  const server = new SMTPServer({
    banner: `Rapport mail intake for ${settings.address}`,
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    // each client may hold up to RAPPORT_SMTP_MAX_BYTES in memory while its mail is stored
    maxClients: 30,
    socketTimeout: 60_000,
    closeTimeout: 10_000,
    onMailFrom(address, _session, callback) {
      const args = (address.args || {}) as Record<string, string>;
      const declared = Number(args.SIZE ?? 0);
      if (declared > maxBytes) {
        return callback(smtpReply(552, `5.3.4 Message too big: the limit is ${formatBytes(maxBytes)}`));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (!acceptsRecipient(settings, address.address)) {
        log.info({ recipient: address.address }, 'mail for an unknown recipient refused');
        return callback(smtpReply(550, `5.1.1 <${address.address}>: no such recipient here`));
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, reply) {
      const chunks: Buffer[] = [];
      let length = 0;
      let answered = false;
      const callback = (error: Error | null, message?: string) => {
        if (answered) return;
        answered = true;
        reply(error, message);
      };
      stream.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(smtpReply(451, `4.3.0 ${error.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded || length > maxBytes) {
          log.info({ bytes: length, from: mailFrom(session) }, 'oversized mail refused');
          return callback(smtpReply(552, `5.3.4 Message too big: the limit is ${formatBytes(maxBytes)}`));
        }
        const raw = Buffer.concat(chunks, length);
        deliverInboundMail(raw, ctx, settings, { from: mailFrom(session), trustOwnAddress: false }).then(
          (outcome) => {
            if (outcome.status === 'rejected') {
              callback(smtpReply(554, `5.6.0 Message cannot be stored: ${outcome.reason.slice(0, 200)}`));
            } else callback(null, `2.0.0 Ok: ${outcome.status === 'stored' ? 'stored' : 'accepted'}`);
          },
          (error: Error) => {
            log.error({ err: error, from: mailFrom(session) }, 'mail not stored; asked the sender to retry');
            callback(smtpReply(451, '4.3.0 Temporary failure storing the message, please try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'SMTP listener connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new ChannelError(
          `the SMTP listener cannot listen on ${settings.smtpListenHost}:${settings.smtpListenPort}: ${
            error.code === 'EADDRINUSE'
              ? 'the port is in use (by another account or program)'
              : error.code === 'EACCES'
                ? 'permission denied (ports below 1024 need privileges; use e.g. 2525 behind your MX)'
                : error.message
          }`,
        ),
      );
    server.server.once('error', onError);
    server.listen(settings.smtpListenPort, settings.smtpListenHost, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  log.info({ host: settings.smtpListenHost, port: settings.smtpListenPort }, 'SMTP listener ready');
  return {
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The envelope sender: '' for the null sender `<>` of bounces, null when unknown. */
function mailFrom(session: SMTPServerSession): string | null {
  const from = session.envelope.mailFrom;
  return from === false ? null : from.address.toLowerCase();
}
