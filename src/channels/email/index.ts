import { ChannelError } from '../../platform/errors.js';
import type { ChannelAccount, ChannelContext, ChannelDefinition } from '../types.js';
import { imapProblem, smtpProblem } from './connection-problem.js';
import { createImapClient, describeImapError } from './imap-client.js';
import { startImapPoller } from './imap-poller.js';
import { createEmailSender, createSmtpTransport, describeSmtpError } from './sender.js';
import { emailConfigOf, emailSecretsSchema, emailSettingsSchema } from './settings.js';
import { startSmtpListener } from './smtp-listener.js';

/** Settings an IMAP account cannot run without, checked before connecting. */
function requireImap(account: ChannelAccount) {
  const config = emailConfigOf(account);
  if (!config.settings.imapHost) throw new ChannelError('inbound imap needs imapHost (the mailbox server)');
  if (!config.secrets.imapPassword) throw new ChannelError('inbound imap needs imapPassword');
  return config;
}

/** Logs in to IMAP and opens the folder, then to SMTP; throws a ChannelError saying what is wrong. */
async function verifyEmailAccount(account: ChannelAccount, ctx: ChannelContext): Promise<void> {
  const { settings, secrets } = emailConfigOf(account);
  if (settings.inbound === 'imap') {
    requireImap(account);
    const client = createImapClient({ ...settings, imapIdle: false }, secrets);
    client.on('error', () => {});
    try {
      await client.connect();
      await client.mailboxOpen(settings.imapMailbox, { readOnly: true });
    } catch (error) {
      throw new ChannelError(describeImapError(error, settings), {
        connection: imapProblem(error, settings),
      });
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
  const transport = createSmtpTransport(settings, secrets, false);
  try {
    await transport.verify();
  } catch (error) {
    throw new ChannelError(describeSmtpError(error, settings), { connection: smtpProblem(error, settings) });
  } finally {
    transport.close();
  }
  ctx.logger.info({ inbound: settings.inbound }, 'email account verified');
}

/**
 * The email channel: mail in through Rapport's own SMTP listener or by reading a mailbox over IMAP,
 * threaded by Message-ID/In-Reply-To/References and then by subject and sender; replies out through
 * SMTP, threaded in the customer's mail client; HTML sanitised, attachments kept within a size cap,
 * auto-replies and bounces recognised and kept out of the inbox.
 */
export const emailChannel: ChannelDefinition = {
  type: 'email',
  description: 'a support mailbox: mail in through Rapport’s SMTP listener or IMAP, replies out through SMTP',
  capabilities: { publicReply: false, privateMessage: true, maxLength: 100_000, attachments: false },
  settingsSchema: emailSettingsSchema,
  secretsSchema: emailSecretsSchema,
  verify: verifyEmailAccount,
  async startInbound(account, ctx) {
    const { settings, secrets } = emailConfigOf(account);
    if (settings.inbound === 'imap') {
      requireImap(account);
      return startImapPoller(settings, secrets, ctx, account.statusMessage);
    }
    return startSmtpListener(settings, ctx);
  },
  createSender: (account, ctx) => createEmailSender(account, ctx),
};
