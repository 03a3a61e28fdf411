import path from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { ChannelError } from '../../platform/errors.js';
import type { ChannelContext, InboundRunner } from '../types.js';
import { deliverInboundMail } from './deliver.js';
import { formatBytes } from './parse.js';
import { acceptsRecipient, type EmailSettings } from './settings.js';
import { MailSpool, type SpooledMail } from './spool.js';

/** What the listener answers for one mail: an SMTP error, or 250 with a message. */
interface SmtpOutcome {
  error: Error | null;
  message?: string;
}

/** An SMTP reply: the error smtp-server turns into "<code> <message>" for the client. */
function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Rapport's own inbound mail server for one account. It takes mail only for the account's
 * recipients (others: 550 5.1.1), refuses mail over RAPPORT_SMTP_MAX_BYTES (552 5.3.4), and answers
 * 250 only after the mail is stored: when storing fails it answers 451 so the sending server keeps
 * the mail and retries. Each mail is written to a spool file under the data dir as it arrives
 * (0600; removed once answered) and parsed from it, one mail at a time. No AUTH (it is a receiving
 * MX, not a relay) and no STARTTLS (put it behind your mail server or a TLS-terminating relay when
 * it faces the internet).
 */
export async function startSmtpListener(
  settings: EmailSettings,
  ctx: ChannelContext,
): Promise<InboundRunner> {
  const maxBytes = ctx.config.RAPPORT_SMTP_MAX_BYTES;
  const log = ctx.logger.child({ part: 'smtp-listener' });
  const spool = new MailSpool(path.join(ctx.config.dataDir, 'spool'), `smtp-${settings.smtpListenPort}`);
  // mails are parsed and stored one at a time: parsing holds a mail's parts in memory, so memory
  // follows one mail's size, not the number of connections
  const oneAtATime = serially();
  const server = new SMTPServer({
    banner: `Rapport mail intake for ${settings.address}`,
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    // a mail goes to a spool file as it arrives, so a connection costs a file, not its mail's
    // size in memory; one more connection than this is answered 421 (try again later)
    maxClients: ctx.config.RAPPORT_SMTP_MAX_CLIENTS,
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
      void answer(stream, mailFrom(session)).then((outcome) => reply(outcome.error, outcome.message));
    },
  });

  /** Spools one mail as it arrives, then stores it; the spool file goes once the answer is known. */
  const answer = async (stream: SMTPServerDataStream, from: string | null): Promise<SmtpOutcome> => {
    let mail: SpooledMail;
    try {
      mail = await spool.receive(stream, maxBytes);
    } catch (error) {
      return { error: smtpReply(451, `4.3.0 ${(error as Error).message}`) };
    }
    try {
      if (stream.sizeExceeded || mail.size > maxBytes) return refuseOversized(mail.size, from);
      return await oneAtATime(() => store(mail, from));
    } finally {
      await spool.discard(mail).catch((error: Error) => log.warn({ err: error }, 'spooled mail not removed'));
    }
  };

  /** The SMTP answer to a mail over the size limit. */
  const refuseOversized = (bytes: number, from: string | null): SmtpOutcome => {
    log.info({ bytes, from }, 'oversized mail refused');
    return { error: smtpReply(552, `5.3.4 Message too big: the limit is ${formatBytes(maxBytes)}`) };
  };

  /** Parses and stores one spooled mail; the SMTP answer says what became of it (never throws). */
  const store = (mail: SpooledMail, from: string | null): Promise<SmtpOutcome> =>
    deliverInboundMail(mail, ctx, settings, { from, trustOwnAddress: false }).then(
      (outcome) =>
        outcome.status === 'rejected'
          ? { error: smtpReply(554, `5.6.0 Message cannot be stored: ${outcome.reason.slice(0, 200)}`) }
          : { error: null, message: `2.0.0 Ok: ${outcome.status === 'stored' ? 'stored' : 'accepted'}` },
      (error: Error) => {
        log.error({ err: error, from }, 'mail not stored; asked the sender to retry');
        return {
          error: smtpReply(451, '4.3.0 Temporary failure storing the message, please try again later'),
        };
      },
    );
  server.on('error', (error) => log.warn({ err: error }, 'SMTP listener connection error'));

  await spool.prepare().catch((error: Error) => {
    throw new ChannelError(`the SMTP listener cannot create its spool folder: ${error.message}`);
  });
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
  // after listening: the port is this listener's, and so are the files named after it
  await spool
    .clearLeftovers()
    .catch((error: Error) => log.warn({ err: error }, 'spool leftovers not removed'));
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

/** Runs the tasks it is given one after another, in the order given. */
function serially() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = last.then(task, task);
    last = next.catch(() => {});
    return next;
  };
}
