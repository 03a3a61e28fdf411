/**
 * Helpers for the email suites: a Rapport with one email account whose connector runs under the
 * real channel supervisor, a real SMTP server that captures what Rapport sends (the customer's
 * provider), a real SMTP client for customers (nodemailer), and the outbound queue drained on demand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { SMTPServer } from 'smtp-server';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import type { Services } from '../../src/commands/services.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { ChannelSupervisor } from '../../src/runtime/channel-supervisor.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { systemActor } from '../../src/store/events-repo.js';
import { eventually } from '../support/channel-contract.js';
import { freePort } from '../support/dovecot.js';
import { freshDb } from '../support/engines.js';
import { servicesFor } from '../support/services.js';

/** The brand's support address in every email test. */
export const SUPPORT = 'support@shop.test';

/** A mail the capture server received, parsed, with its envelope. */
export interface CapturedMail {
  raw: Buffer;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
}

/** A real SMTP server standing in for the customers' mail provider: keeps every mail it gets. */
export async function startCaptureServer(options: { reject?: (to: string) => number | null } = {}) {
  const mails: CapturedMail[] = [];
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.reject?.(address.address) ?? null;
      if (code) return callback(Object.assign(new Error(`${code} refused by test`), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        mails.push({
          raw,
          parsed: await simpleParser(raw),
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    mails,
    /** Waits for a captured mail whose text contains `marker`. */
    waitFor: (marker: string) =>
      eventually(
        async () => mails.find((m) => (m.parsed.text ?? '').includes(marker)),
        10_000,
        `mail with ${marker}`,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends a mail to Rapport's SMTP listener the way a customer's provider would; rejects with the SMTP error. */
export async function sendToListener(port: number, mail: Mail.Options) {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ from: 'Casey Customer <casey@example.com>', to: SUPPORT, ...mail });
  } finally {
    transport.close();
  }
}

/** A Rapport with one email account, its connector running under the supervisor. */
export interface EmailRapport {
  services: Services & { clock: ManualClock };
  accountId: number;
  supervisor: ChannelSupervisor;
  /** Stops the connector and starts it again (a server restart). */
  restart(): Promise<void>;
  /** Runs the outbound queue until the queued replies are handled. */
  drainOutbound(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Waits until the IMAP poller has taken its position (UID, UIDVALIDITY, last sync): on first
 * connect it starts after the mail already in the folder, so mail delivered before then is not read.
 */
export async function imapPositioned(rapport: EmailRapport): Promise<void> {
  const db = rapport.services.db.kysely;
  await eventually(
    async () => (await db.selectFrom('channel_account_state').selectAll().execute()).length >= 3,
    10_000,
    'the IMAP position',
  );
}

/** Starts Rapport on a fresh database with an email account (settings and secrets as given). */
export async function startEmailRapport(
  engine: 'sqlite' | 'postgres',
  settings: Record<string, unknown>,
  secrets: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<EmailRapport> {
  // its own data dir: the SMTP listener spools incoming mail there
  const dataDir = env.RAPPORT_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-email-'));
  const services = await servicesFor(await freshDb(engine), { RAPPORT_DATA_DIR: dataDir, ...env });
  const account = await addChannelAccount(services, systemActor, {
    type: 'email',
    name: 'Shop Support',
    settings: { address: SUPPORT, fromName: 'Shop Support', ...settings },
    secrets,
    verify: false,
  });
  let supervisor = new ChannelSupervisor(services);
  await supervisor.start();
  await eventually(
    async () => supervisor.runningAccounts().includes(account.id),
    10_000,
    'the email connector',
  );
  const rapport: EmailRapport = {
    services,
    accountId: account.id,
    supervisor,
    async restart() {
      await supervisor.stop();
      supervisor = new ChannelSupervisor(services);
      rapport.supervisor = supervisor;
      await supervisor.start();
      await eventually(
        async () => supervisor.runningAccounts().includes(account.id),
        10_000,
        'the restarted connector',
      );
    },
    async drainOutbound() {
      const worker = createJobWorker(services, { idleMs: 20 });
      try {
        await eventually(async () => (await worker.drain()) > 0, 10_000, 'the send job');
      } finally {
        await worker.stop();
      }
    },
    async close() {
      await supervisor.stop();
      await services.db.close();
      if (!env.RAPPORT_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rapport;
}

/** The stored message with this channel id, if any. */
export function findEmail(services: Services, externalId: string) {
  return services.db.kysely
    .selectFrom('messages')
    .selectAll()
    .where('channel', '=', 'email')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** How many email messages are stored. */
export async function countEmails(services: Services): Promise<number> {
  const row = await services.db.kysely
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'email')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A Message-ID header value without brackets. */
export function bare(id: string | undefined): string {
  return (id ?? '').replace(/^<|>$/g, '');
}
