import { emailChannel } from '../../src/channels/email/index.js';
import type { Services } from '../../src/commands/services.js';
import { type ChannelHarness, runChannelContract } from '../support/channel-contract.js';
import { contractEngines, type Engine } from '../support/contract.js';
import { freePort, hasDovecot, startDovecot, type TestDovecot } from '../support/dovecot.js';
import {
  bare,
  type EmailRapport,
  imapPositioned,
  SUPPORT,
  sendToListener,
  startCaptureServer,
  startEmailRapport,
} from './support.js';

let counter = 0;

/** A customer's mail, kept raw so it can be delivered again byte for byte. */
function customerMail(text: string, inReplyTo?: string) {
  counter += 1;
  const id = `contract-${counter}-${Date.now()}@customer.example`;
  const raw = [
    'From: Casey Customer <casey@customer.example>',
    `To: ${SUPPORT}`,
    'Subject: Where is my order?',
    `Message-ID: <${id}>`,
    ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}>`, `References: <${inReplyTo}>`] : []),
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
  return { id, raw };
}

/** Email with customers writing through the SMTP listener or into an IMAP mailbox, replies captured by a real SMTP server. */
function emailHarness(inbound: 'smtp' | 'imap', engine: Engine): ChannelHarness {
  let rapport: EmailRapport;
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  let dovecot: TestDovecot | null = null;
  let listenPort = 0;
  const sent = new Map<string, string>();
  const deliver = async (raw: string) => {
    if (dovecot) await dovecot.deliver(raw);
    else await sendToListener(listenPort, { envelope: { from: 'casey@customer.example', to: SUPPORT }, raw });
  };
  return {
    definition: emailChannel,
    get services(): Services {
      return rapport.services;
    },
    async setup() {
      capture = await startCaptureServer();
      listenPort = await freePort();
      if (inbound === 'imap') dovecot = await startDovecot();
      rapport = await startEmailRapport(
        engine,
        {
          inbound,
          smtpListenPort: listenPort,
          smtpHost: '127.0.0.1',
          smtpPort: capture.port,
          ...(dovecot
            ? { imapHost: dovecot.host, imapPort: dovecot.port, imapSecure: false, imapUser: dovecot.user }
            : {}),
        },
        dovecot ? { imapPassword: dovecot.password } : {},
      );
      if (dovecot) {
        // the poller starts after the mail already in the folder: wait until it has its position
        await imapPositioned(rapport);
      }
    },
    async customerWrites(text, options = {}) {
      const mail = customerMail(text, options.inReplyTo);
      sent.set(mail.id, mail.raw);
      await deliver(mail.raw);
      return mail.id;
    },
    async redeliver(externalId) {
      await deliver(sent.get(externalId)!);
    },
    async customerReceives(marker) {
      const mail = await capture.waitFor(marker);
      return { text: mail.parsed.text ?? '', inReplyTo: bare(mail.parsed.inReplyTo) || null };
    },
    async teardown() {
      await rapport?.close();
      await capture?.close();
      await dovecot?.stop();
    },
  };
}

const noDovecot = hasDovecot()
  ? []
  : [{ reason: 'no /usr/sbin/dovecot (.ci/run installs dovecot-imapd)', tests: 'all' as const }];

for (const engine of contractEngines) {
  runChannelContract('email over the SMTP listener', { engine }, (e) => emailHarness('smtp', e));
  runChannelContract('email over IMAP (private Dovecot)', { engine, skip: noDovecot }, (e) =>
    emailHarness('imap', e),
  );
}
