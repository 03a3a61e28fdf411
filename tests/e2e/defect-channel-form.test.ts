/**
 * Issue 20, defect 2: the web "Connect email" form must not override safe defaults. The same input
 * through the web form and through `rapport channel add` stores the same account settings.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { channelCommand } from '../../src/cli/commands/channel.js';
import { configFrom } from '../../src/platform/config.js';
import { startCaptureServer } from '../email/support.js';
import { runCommand } from '../support/cli.js';
import { hasDovecot, startDovecot, type TestDovecot } from '../support/dovecot.js';
import { signIn } from './browser.js';
import { admin, docShot, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('defect 2: the web form and the CLI store the same account (Chromium)', () => {
  let suite: Suite;
  let smtp: Awaited<ReturnType<typeof startCaptureServer>>;
  let dovecot: TestDovecot | null = null;

  beforeAll(async () => {
    suite = await startSuite();
    smtp = await startCaptureServer();
    if (hasDovecot()) dovecot = await startDovecot();
  }, 120_000);
  afterAll(async () => {
    await dovecot?.stop();
    await smtp?.close();
    await suite?.close();
  });

  /** Adds an account through the CLI against the suite's data folder; returns its stored settings. */
  const cliAdd = async (name: string, flags: string[]) => {
    const config = configFrom({ RAPPORT_DATA_DIR: suite.server.dataDir, RAPPORT_LOG_LEVEL: 'silent' });
    const out = await runCommand(channelCommand, ['add', 'email', '--name', name, ...flags], config);
    expect(out.err).not.toMatch(/error/i);
    expect(out.code).toBe(0);
    return storedSettings(name);
  };
  const storedSettings = async (name: string) => {
    const row = await suite.server.services.db.kysely
      .selectFrom('channel_accounts')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.settings_json) as Record<string, unknown>;
  };
  /** Opens the connect form, picks email and how mail arrives; returns the dialog. */
  const openEmailForm = async (page: Page, name: string, preset: RegExp) => {
    await page.getByRole('button', { name: 'Channels' }).click();
    const dialog = page.getByRole('dialog', { name: 'Channels' });
    await dialog.getByRole('button', { name: 'Connect a channel…' }).click();
    await dialog.getByLabel('Type').selectOption('email');
    await dialog.locator('[name="accountName"]').fill(name);
    await dialog.getByRole('radio', { name: preset }).check();
    return dialog;
  };

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): Rapport's own address, every yes/no left alone`, async () => {
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      const address = `help-${label}@shop.test`;
      const dialog = await openEmailForm(page, `Web mailbox ${label}`, /^Rapport's own address/);
      await dialog.locator('[name="address"]').fill(address);
      await dialog.locator('[name="smtpHost"]').fill('127.0.0.1');
      await dialog.locator('[name="smtpPort"]').fill(String(smtp.port));
      await docShot(page, `channel-email-form-${width}`);
      await dialog.getByRole('button', { name: 'Connect' }).click();
      await dialog
        .locator('.channel-item', { hasText: `Web mailbox ${label}` })
        .getByText('Working')
        .waitFor();

      const web = await storedSettings(`Web mailbox ${label}`);
      const cli = await cliAdd(`CLI mailbox ${label}`, [
        '--address',
        address,
        '--smtp-host',
        '127.0.0.1',
        '--smtp-port',
        String(smtp.port),
      ]);
      expect(web).toEqual(cli);
      // the safe defaults the issue names, spelled out
      expect(web).toMatchObject({
        agentNameInFrom: true,
        imapSecure: true,
        imapIdle: true,
        tlsAllowSelfSigned: false,
      });
      expect(web).not.toHaveProperty('smtpSecure');
      expect(errors).toEqual([]);
    }, 90_000);
  }

  test.skipIf(!hasDovecot())(
    'desktop (1280px): an IMAP mailbox, TLS turned off on purpose',
    async () => {
      const d = dovecot!;
      const { page, errors } = await suite.newPage(1280, 900);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      const dialog = await openEmailForm(page, 'Web IMAP', /^Your own mailbox over IMAP/);
      await dialog.locator('[name="address"]').fill('care@shop.test');
      await dialog.getByText('Advanced settings').click();
      await dialog.locator('[name="imapHost"]').fill(d.host);
      await dialog.locator('[name="imapPort"]').fill(String(d.port));
      await dialog.locator('[name="imapSecure"]').selectOption('false');
      await dialog.locator('[name="imapUser"]').fill(d.user);
      await dialog.locator('[name="imapPassword"]').fill(d.password);
      await dialog.locator('[name="smtpHost"]').fill('127.0.0.1');
      await dialog.locator('[name="smtpPort"]').fill(String(smtp.port));
      await dialog.getByRole('button', { name: 'Connect' }).click();
      await dialog
        .locator('.channel-item', { hasText: 'Web IMAP' })
        .getByText('Working')
        .waitFor({ timeout: 20_000 });

      const web = await storedSettings('Web IMAP');
      const cli = await cliAdd('CLI IMAP', [
        '--address',
        'care@shop.test',
        '--inbound',
        'imap',
        '--imap-host',
        d.host,
        '--imap-port',
        String(d.port),
        '--imap-secure',
        'false',
        '--imap-user',
        d.user,
        '--imap-password',
        d.password,
        '--smtp-host',
        '127.0.0.1',
        '--smtp-port',
        String(smtp.port),
      ]);
      expect(web).toEqual(cli);
      expect(web).toMatchObject({ imapSecure: false, imapIdle: true, agentNameInFrom: true });
      expect(errors).toEqual([]);
    },
    90_000,
  );
});
