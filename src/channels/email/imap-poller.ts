import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ChannelContext, InboundRunner } from '../types.js';
import { deliverInboundMail } from './deliver.js';
import { createImapClient, describeImapError, isImapAuthFailure } from './imap-client.js';
import { formatBytes } from './parse.js';
import type { EmailSecrets, EmailSettings } from './settings.js';

const DAY = 86_400_000;

/**
 * Reads new mail from an existing mailbox over IMAP, for one account. Position is the last UID
 * stored (per mailbox and UIDVALIDITY) and advances only after a mail is ingested, so a crash or a
 * database outage re-reads rather than loses; a changed UIDVALIDITY re-reads recent mail (dedupe
 * makes that safe). New mail is noticed through IDLE where the server has it, and by polling every
 * imapPollSeconds in any case. Connection failures reconnect with backoff; a refused login marks the
 * account broken with a message saying what to fix.
 */
export function startImapPoller(
  settings: EmailSettings,
  secrets: EmailSecrets,
  ctx: ChannelContext,
  /** The account's status message when started: an IMAP problem it reported before a restart. */
  statusMessage: string | null = null,
): InboundRunner {
  const poller = new ImapPoller(settings, secrets, ctx);
  poller.reportedBroken = Boolean(statusMessage?.includes('IMAP'));
  const running = poller.run();
  return {
    async stop() {
      poller.stop();
      await running;
    },
  };
}

/** Storing a mail failed (the database, not the mailbox): not a reason to call the account broken. */
class StoreFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`could not store the mail: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

class ImapPoller {
  private stopped = false;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;
  private failures = 0;
  private storeFailures = 0;
  /** Whether the account is marked broken for an IMAP problem (cleared on the next good sync). */
  reportedBroken = false;
  private readonly log: ChannelContext['logger'];
  private readonly key: (name: string) => string;

  constructor(
    private readonly settings: EmailSettings,
    private readonly secrets: EmailSecrets,
    private readonly ctx: ChannelContext,
  ) {
    this.log = ctx.logger.child({ part: 'imap-poller', mailbox: settings.imapMailbox });
    this.key = (name) => `imap:${settings.imapMailbox}:${name}`;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.session();
      } catch (error) {
        if (this.stopped) break;
        this.kicked = false;
        if (error instanceof StoreFailure) {
          // Rapport's own storage failed, not the mailbox: retry from the same position
          this.storeFailures += 1;
          const delay = Math.min(60_000, 1_000 * 2 ** (this.storeFailures - 1));
          this.log.error(
            { err: error.cause, retryInMs: delay },
            'could not store a mail; reading it again shortly',
          );
          await this.pause(delay);
          continue;
        }
        this.failures += 1;
        const auth = isImapAuthFailure(error);
        const reason = describeImapError(error, this.settings);
        // one dropped connection is routine; a refused login or repeated failures are not
        if (auth || this.failures >= 3) {
          await this.ctx.reportStatus('broken', reason).catch(() => {});
          this.reportedBroken = true;
        }
        const base = auth ? 60_000 : 1_000;
        const delay = Math.min(auth ? 15 * 60_000 : 5 * 60_000, base * 2 ** (this.failures - 1));
        this.log.warn({ reason, attempt: this.failures, retryInMs: delay }, 'IMAP connection failed');
        await this.pause(delay * (0.8 + Math.random() * 0.4));
      } finally {
        const client = this.client;
        this.client = null;
        client?.close();
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.client?.close();
    this.wake?.();
  }

  /** One connection: log in, open the folder, then sync whenever mail may have arrived. */
  private async session(): Promise<void> {
    const client = createImapClient(this.settings, this.secrets);
    this.client = client;
    client.on('error', (error: Error) => this.log.debug({ err: error }, 'IMAP connection error'));
    let closed = false;
    client.on('close', () => {
      closed = true;
      this.wake?.();
    });
    client.on('exists', () => this.kick());
    await client.connect();
    const box = await client.mailboxOpen(this.settings.imapMailbox, { readOnly: true });
    this.log.info(
      {
        idle: this.settings.imapIdle && client.capabilities.has('IDLE'),
        uidValidity: String(box.uidValidity),
      },
      'IMAP mailbox open',
    );
    while (!this.stopped) {
      this.kicked = false;
      await this.sync(client, box);
      if (this.reportedBroken) {
        await this.ctx.reportStatus('active').catch(() => {});
        this.reportedBroken = false;
      }
      this.failures = 0;
      this.storeFailures = 0;
      if (!this.kicked) await this.pause(this.settings.imapPollSeconds * 1000);
      if (closed && !this.stopped) throw new Error('the IMAP server closed the connection');
    }
  }

  /** Ingests every mail above the stored position, advancing it mail by mail. */
  private async sync(client: ImapFlow, opened: MailboxObject): Promise<void> {
    const box = (client.mailbox || opened) as MailboxObject;
    const validity = String(box.uidValidity);
    const storedValidity = await this.ctx.state.get(this.key('uidvalidity'));
    const lastUid = Number(await this.ctx.state.get(this.key('lastuid')));
    if (storedValidity !== validity || !Number.isFinite(lastUid)) {
      await this.resync(client, box, storedValidity);
      return;
    }
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    for (const uid of uids) {
      if (this.stopped) return;
      await this.ingest(client, uid);
      await this.ctx.state.set(this.key('lastuid'), String(uid));
    }
    await this.ctx.state.set(this.key('lastsync'), String(this.ctx.clock.now()));
  }

  /**
   * First connection, or the server renumbered the folder (UIDVALIDITY changed): read the mail of
   * the backfill window (first time) or since the last sync (renumbered), then continue from the
   * folder's current end.
   */
  private async resync(client: ImapFlow, box: MailboxObject, storedValidity: string | null): Promise<void> {
    const now = this.ctx.clock.now();
    let since: number | null = null;
    if (storedValidity === null) {
      if (this.settings.imapBackfillDays > 0) since = now - this.settings.imapBackfillDays * DAY;
    } else {
      const lastSync = Number(await this.ctx.state.get(this.key('lastsync')));
      since = (Number.isFinite(lastSync) && lastSync > 0 ? lastSync : now - 7 * DAY) - DAY;
      this.log.warn(
        { since: new Date(since).toISOString() },
        'IMAP folder renumbered (UIDVALIDITY changed); re-reading recent mail',
      );
    }
    const end = Math.max(0, box.uidNext - 1);
    const found =
      since === null ? [] : (await client.search({ since: new Date(since) }, { uid: true })) || [];
    let last = end;
    for (const uid of found.sort((a, b) => a - b)) {
      if (this.stopped) return;
      await this.ingest(client, uid);
      last = Math.max(last, uid);
    }
    await this.ctx.state.set(this.key('lastuid'), String(last));
    await this.ctx.state.set(this.key('uidvalidity'), String(box.uidValidity));
    await this.ctx.state.set(this.key('lastsync'), String(now));
    this.log.info({ uid: last, read: found.length }, 'IMAP position set');
  }

  private async ingest(client: ImapFlow, uid: number): Promise<void> {
    const max = this.ctx.config.RAPPORT_SMTP_MAX_BYTES;
    const info = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
    if (!info) return; // deleted meanwhile
    let raw: Buffer;
    if ((info.size ?? 0) > max) {
      const head = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
      raw = oversizedStub(
        head ? (head.headers ?? Buffer.alloc(0)) : Buffer.alloc(0),
        info.size ?? 0,
        max,
        this.settings,
      );
    } else {
      const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      const source = full ? full.source : undefined;
      if (!source) return;
      raw = source;
    }
    const outcome = await deliverInboundMail(raw, this.ctx, this.settings).catch((error: unknown) => {
      throw new StoreFailure(error);
    });
    this.log.debug({ uid, outcome: outcome.status }, 'IMAP mail handled');
  }

  private kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped || this.kicked) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}

/**
 * A mail too big to download, as a small mail with its own headers (so it threads like the
 * original) and a text saying where to read it.
 */
export function oversizedStub(headers: Buffer, size: number, max: number, settings: EmailSettings): Buffer {
  const lines = headers
    .toString('latin1')
    .replace(/\r?\n\r?\n[\s\S]*$/, '')
    .split(/\r?\n/);
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      if (!skipping) kept.push(line);
      continue;
    }
    skipping = /^(content-|mime-version)/i.test(line);
    if (!skipping && line) kept.push(line);
  }
  const text = `This email is ${formatBytes(size)}, more than the ${formatBytes(max)} Rapport downloads. Read it in the mailbox itself (${settings.imapUser ?? settings.address}, folder ${settings.imapMailbox}).`;
  const head = `${kept.join('\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(`${text}\r\n`, 'utf8')]);
}
