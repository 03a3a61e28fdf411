import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../../src/channels/email/index.js';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { getChannelAccountRow } from '../../src/store/channel-accounts-repo.js';
import { systemActor } from '../../src/store/events-repo.js';
import { eventually } from '../support/channel-contract.js';
import { hasDovecot, startDovecot, type TestDovecot } from '../support/dovecot.js';
import { freshDb, testEngines } from '../support/engines.js';
import { servicesFor } from '../support/services.js';
import {
  countEmails,
  type EmailRapport,
  findEmail,
  imapPositioned,
  SUPPORT,
  startEmailRapport,
} from './support.js';

let n = 0;
/** A customer mail as it sits in a mailbox. */
function customerMail(subject: string, text: string, extra: string[] = []) {
  n += 1;
  const id = `imap-${n}-${Date.now()}@example.com`;
  const raw = [
    'From: Casey <casey@example.com>',
    `To: ${SUPPORT}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    `Date: ${new Date().toUTCString()}`,
    ...extra,
    '',
    text,
    '',
  ].join('\r\n');
  return { id, raw };
}

const imapSettings = (d: TestDovecot, extra: Record<string, unknown> = {}) => ({
  inbound: 'imap',
  imapHost: d.host,
  imapPort: d.port,
  imapSecure: false,
  imapUser: d.user,
  smtpHost: '127.0.0.1',
  smtpPort: 2,
  ...extra,
});

if (!hasDovecot()) {
  console.warn(
    '[rapport tests] NOTICE: IMAP suites SKIPPED (no /usr/sbin/dovecot; .ci/run installs dovecot-imapd)',
  );
}

describe.skipIf(!hasDovecot()).each(testEngines)('email over IMAP (a private Dovecot) on %s', (engine) => {
  let dovecot: TestDovecot;
  let rapport: EmailRapport | null = null;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  afterEach(async () => {
    await rapport?.close();
    rapport = null;
  });

  it('starts after the mail already there, then picks up new mail at once through IDLE', async () => {
    const old = customerMail('Old', 'from before Rapport');
    await dovecot.deliver(old.raw);
    rapport = await startEmailRapport(engine, imapSettings(dovecot, { imapPollSeconds: 3600 }), {
      imapPassword: dovecot.password,
    });
    await imapPositioned(rapport);
    const fresh = customerMail('New', 'hello over IMAP', ['Content-Type: text/plain; charset=utf-8']);
    const started = Date.now();
    await dovecot.deliver(fresh.raw);
    const row = await eventually(() => findEmail(rapport!.services, fresh.id), 15_000, 'the new mail');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(row).toMatchObject({
      direction: 'inbound',
      text: 'hello over IMAP',
      author_external_id: 'casey@example.com',
    });
    expect(await findEmail(rapport.services, old.id)).toBeUndefined();
    const conv = await rapport.services.db.kysely
      .selectFrom('conversations')
      .select('channel_account_id')
      .where('id', '=', row.conversation_id)
      .executeTakeFirstOrThrow();
    expect(conv.channel_account_id).toBe(rapport.accountId);
  });

  it('remembers its position across a restart: no mail read twice, none lost', async () => {
    rapport = await startEmailRapport(engine, imapSettings(dovecot, { imapPollSeconds: 3600 }), {
      imapPassword: dovecot.password,
    });
    await imapPositioned(rapport);
    const first = customerMail('First', 'one');
    await dovecot.deliver(first.raw);
    await eventually(() => findEmail(rapport!.services, first.id), 15_000, 'the first mail');
    await rapport.supervisor.stop();
    const whileDown = [customerMail('Down 1', 'two'), customerMail('Down 2', 'three')];
    for (const m of whileDown) await dovecot.deliver(m.raw);
    const before = await countEmails(rapport.services);
    await rapport.restart();
    for (const m of whileDown) await eventually(() => findEmail(rapport!.services, m.id), 15_000, m.id);
    expect(await countEmails(rapport.services)).toBe(before + 2);
  });

  it('re-reads recent mail when the folder is renumbered (UIDVALIDITY), without duplicates', async () => {
    const folder = `Support${n}`;
    await dovecot.withClient((c) => c.mailboxCreate(folder));
    rapport = await startEmailRapport(
      engine,
      imapSettings(dovecot, { imapMailbox: folder, imapPollSeconds: 3600 }),
      { imapPassword: dovecot.password },
    );
    await imapPositioned(rapport);
    const a = customerMail('Folder A', 'a');
    await dovecot.deliver(a.raw, folder);
    await eventually(() => findEmail(rapport!.services, a.id), 15_000, 'mail A');
    await rapport.supervisor.stop();
    await dovecot.withClient(async (c) => {
      await c.mailboxDelete(folder);
      await c.mailboxCreate(folder);
    });
    const b = customerMail('Folder B', 'b');
    await dovecot.deliver(a.raw, folder);
    await dovecot.deliver(b.raw, folder);
    const before = await countEmails(rapport.services);
    await rapport.restart();
    await eventually(() => findEmail(rapport!.services, b.id), 15_000, 'mail B after renumbering');
    expect(await countEmails(rapport.services)).toBe(before + 1);
  });

  it('imports the backfill window on first connect when asked to', async () => {
    const folder = `Backfill${n}`;
    await dovecot.withClient((c) => c.mailboxCreate(folder));
    const earlier = customerMail('Earlier today', 'unanswered from this morning');
    await dovecot.deliver(earlier.raw, folder);
    rapport = await startEmailRapport(
      engine,
      imapSettings(dovecot, { imapMailbox: folder, imapBackfillDays: 2 }),
      { imapPassword: dovecot.password },
    );
    await eventually(() => findEmail(rapport!.services, earlier.id), 15_000, 'the backfilled mail');
  });

  it('does not download a mail over the size limit, and stores a note that threads like it', async () => {
    const folder = `Big${n}`;
    await dovecot.withClient((c) => c.mailboxCreate(folder));
    rapport = await startEmailRapport(
      engine,
      imapSettings(dovecot, { imapMailbox: folder, imapPollSeconds: 3600 }),
      { imapPassword: dovecot.password },
      { RAPPORT_SMTP_MAX_BYTES: String(64 * 1024) },
    );
    await imapPositioned(rapport);
    const big = customerMail('Huge scan', 'z'.repeat(200 * 1024), [
      'Content-Type: text/plain; charset=utf-8',
    ]);
    await dovecot.deliver(big.raw, folder);
    const row = await eventually(
      () => findEmail(rapport!.services, big.id),
      15_000,
      'the oversized mail note',
    );
    expect(row.text).toContain('more than the 64 kB Rapport downloads');
    expect(row.text).toContain(folder);
  });
});

describe.skipIf(!hasDovecot())('IMAP fallbacks and failures', () => {
  let dovecot: TestDovecot | null = null;
  let rapport: EmailRapport | null = null;
  afterEach(async () => {
    await rapport?.close();
    await dovecot?.stop();
    rapport = null;
    dovecot = null;
  });

  it('polls a server without IDLE', async () => {
    dovecot = await startDovecot({ capabilities: 'IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS' });
    rapport = await startEmailRapport('sqlite', imapSettings(dovecot, { imapPollSeconds: 5 }), {
      imapPassword: dovecot.password,
    });
    await imapPositioned(rapport);
    const m = customerMail('Polled', 'found by polling');
    await dovecot.deliver(m.raw);
    await eventually(() => findEmail(rapport!.services, m.id), 20_000, 'the polled mail');
  });

  it('keeps its position when storing fails, and stores the mail once storing works again', async () => {
    dovecot = await startDovecot();
    rapport = await startEmailRapport('sqlite', imapSettings(dovecot, { imapPollSeconds: 3600 }), {
      imapPassword: dovecot.password,
    });
    const db = rapport.services.db.kysely;
    await imapPositioned(rapport);
    const lastUid = async () =>
      (
        await db
          .selectFrom('channel_account_state')
          .select('value')
          .where('key', '=', 'imap:INBOX:lastuid')
          .executeTakeFirst()
      )?.value;
    const before = await lastUid();
    await sql`CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`.execute(
      db,
    );
    const m = customerMail('During an outage', 'do not lose me');
    await dovecot.deliver(m.raw);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await findEmail(rapport.services, m.id)).toBeUndefined();
    expect(await lastUid()).toBe(before);
    await sql`DROP TRIGGER fail_messages`.execute(db);
    await eventually(() => findEmail(rapport!.services, m.id), 20_000, 'the mail after the outage');
    expect(await countEmails(rapport.services)).toBe(1);
    // the mailbox was fine all along: the account is not called broken
    expect((await getChannelAccountRow(db, rapport.accountId))?.status).toBe('active');
  });

  it('marks the account broken, saying what to fix, when the login is refused', async () => {
    dovecot = await startDovecot();
    rapport = await startEmailRapport('sqlite', imapSettings(dovecot), { imapPassword: 'wrong password' });
    const row = await eventually(
      async () => {
        const r = await getChannelAccountRow(rapport!.services.db.kysely, rapport!.accountId);
        return r?.status === 'broken' ? r : null;
      },
      15_000,
      'the broken status',
    );
    expect(row.status_message).toContain(`IMAP login as ${dovecot.user}`);
    expect(row.status_message).toContain('imapPassword');
  });

  it('verify explains a refused login, a missing folder and an unreachable SMTP server', async () => {
    dovecot = await startDovecot();
    const services = await servicesFor(await freshDb('sqlite'));
    const add = (name: string, settings: Record<string, unknown>, password: string) =>
      addChannelAccount(services, systemActor, {
        type: 'email',
        name,
        settings: { address: SUPPORT, ...imapSettings(dovecot!), ...settings },
        secrets: { imapPassword: password },
      });
    try {
      // with a good login and folder, verify goes on to SMTP, which nothing answers on port 2
      await expect(add('bad password', {}, 'nope')).rejects.toThrow(
        /IMAP login as customer-care .* was refused/,
      );
      await expect(add('no folder', { imapMailbox: 'Nope' }, dovecot.password)).rejects.toThrow(
        /folder 'Nope' does not exist/,
      );
      await expect(add('no smtp', {}, dovecot.password)).rejects.toThrow(/SMTP server 127\.0\.0\.1:2/);
      expect(emailChannel.verify).toBeDefined();
    } finally {
      await services.db.close();
    }
  });
});
