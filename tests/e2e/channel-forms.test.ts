/**
 * Issue 20, plain channel setup: a guided form per channel type with presets and the advanced fields
 * folded away, a connection error said in words with the next step, "where to send mail" on the
 * email card, editing an account in place, the widget tag with a Copy button, and a warning when
 * the widget's accent colour fails WCAG AA. Each saved account matches `rapport channel add`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { channelCommand } from '../../src/cli/commands/channel.js';
import { configFrom } from '../../src/platform/config.js';
import { startCaptureServer } from '../email/support.js';
import { runCommand } from '../support/cli.js';
import { freePort } from '../support/dovecot.js';
import { signIn } from './browser.js';
import { admin, docShot, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('guided channel forms (Chromium)', () => {
  let suite: Suite;
  let smtp: Awaited<ReturnType<typeof startCaptureServer>>;

  beforeAll(async () => {
    suite = await startSuite();
    smtp = await startCaptureServer();
  }, 120_000);
  afterAll(async () => {
    await smtp?.close();
    await suite?.close();
  });

  const stored = async (name: string) => {
    const row = await suite.server.services.db.kysely
      .selectFrom('channel_accounts')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.settings_json) as Record<string, unknown>;
  };
  const cliAdd = async (type: string, name: string, flags: string[]) => {
    const config = configFrom({ RAPPORT_DATA_DIR: suite.server.dataDir, RAPPORT_LOG_LEVEL: 'silent' });
    const out = await runCommand(channelCommand, ['add', type, '--name', name, ...flags], config);
    expect(out.code, out.err).toBe(0);
    return stored(name);
  };
  const openForm = async (page: Page, type: string, name: string) => {
    await page.getByRole('button', { name: 'Channels' }).click();
    const dialog = page.getByRole('dialog', { name: 'Channels' });
    await dialog.getByRole('button', { name: 'Connect a channel…' }).click();
    await dialog.getByLabel('Type').selectOption(type);
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    return dialog;
  };

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): email — presets, folded advanced fields, an error in words, where to send mail, editing`, async () => {
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      const name = `Bakery mail ${label}`;
      const dialog = await openForm(page, 'email', name);

      // Gmail first: its server filled in, IMAP nowhere, the rarely needed fields folded
      expect(await dialog.getByRole('radio', { name: /^Forward from Gmail/ }).isChecked()).toBe(true);
      expect(await dialog.locator('[name="smtpHost"]').inputValue()).toBe('smtp.gmail.com');
      expect(await dialog.locator('[name="imapHost"]').count()).toBe(0);
      expect(await dialog.locator('[name="tlsAllowSelfSigned"]').isVisible()).toBe(false);
      await dialog.getByLabel('Support address').waitFor();
      await dialog.getByRole('group', { name: 'How does mail reach Rapport?' }).scrollIntoViewIfNeeded();
      await docShot(page, `channel-form-email-${width}`);
      await dialog.getByRole('radio', { name: /^Your own mailbox over IMAP/ }).check();
      await dialog.getByLabel('Mail server (IMAP)').waitFor();
      await dialog.getByRole('radio', { name: /^Rapport's own address/ }).check();
      expect(await dialog.locator('[name="imapHost"]').count()).toBe(0);

      const address = `orders-${label}@bakery.test`;
      await dialog.getByLabel('Support address').fill(address);
      await dialog.getByLabel('Outgoing mail server (SMTP)').fill('127.0.0.1');
      const closed = await freePort();
      await dialog.getByLabel(/SMTP port/).fill(String(closed));
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      await dialog
        .getByRole('alert')
        .getByText(`Rapport could not reach 127.0.0.1 on port ${closed}: check the host and port.`)
        .waitFor({ timeout: 40_000 });
      await docShot(page, `channel-form-error-${width}`);

      await dialog.getByLabel(/SMTP port/).fill(String(smtp.port));
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      const card = dialog.locator('.channel-item', { hasText: name });
      await card.getByText('Working').waitFor({ timeout: 20_000 });
      await card.getByText('Where to send mail').waitFor();
      await card.getByText(new RegExp(`Forward or deliver mail for ${address} to this server`)).waitFor();

      // editing in place: only what changed is sent, and the account equals the CLI's
      await card.getByRole('button', { name: `Edit ${name}` }).click();
      const edit = card.getByRole('form', { name: `Change ${name}` });
      await edit.getByLabel(/Sender name/).fill('Rosie’s Bakery');
      await edit.scrollIntoViewIfNeeded();
      await docShot(page, `channel-form-edit-${width}`);
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await card.getByRole('button', { name: `Edit ${name}` }).waitFor({ timeout: 20_000 });
      const web = await stored(name);
      const cli = await cliAdd('email', `CLI mail ${label}`, [
        '--address',
        address,
        '--smtp-host',
        '127.0.0.1',
        '--smtp-port',
        String(smtp.port),
        '--from-name',
        'Rosie’s Bakery',
      ]);
      expect(web).toEqual(cli);
      // only Chromium's own line for the connect the server refused on purpose (the bad port)
      expect(errors).toEqual([
        'console error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
      ]);
    }, 120_000);

    test(`${label} (${width}px): chat — an accent colour that fails WCAG AA is named, the tag copies`, async () => {
      const { page, context, errors } = await suite.newPage(width, height);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.baseUrl });
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      const name = `Bakery chat ${label}`;
      const dialog = await openForm(page, 'chat', name);
      await dialog.getByLabel('Your website').fill('https://bakery.example');
      await dialog.getByLabel(/Accent colour/).fill('#facc15');
      await dialog
        .getByRole('alert')
        .getByText(/White text on #facc15 has a contrast of 1\.\d+:1; WCAG AA needs 4\.5:1/)
        .waitFor();
      await dialog.locator('.contrast-warning').scrollIntoViewIfNeeded();
      await docShot(page, `channel-form-chat-contrast-${width}`);
      await dialog.getByLabel(/Accent colour/).fill('#166534');
      await dialog.getByText(/White text on #166534: contrast \d+\.\d+:1 \(meets WCAG AA\)/).waitFor();
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      const card = dialog.locator('.channel-item', { hasText: name });
      await card.getByText('Working').waitFor();
      const tag = (await card.locator('.widget-snippet code').textContent()) ?? '';
      expect(tag).toMatch(
        /^<script src=".*\/widget\.js" data-rapport-widget="[A-Za-z0-9_-]+" async><\/script>$/,
      );
      await card.getByRole('button', { name: 'Copy' }).click();
      await card.getByText('Copied').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tag);

      const { widgetKey: _web, ...web } = await stored(name);
      const { widgetKey: _cli, ...cli } = await cliAdd('chat', `CLI chat ${label}`, [
        '--allowed-origins',
        'https://bakery.example',
        '--accent-color',
        '#166534',
      ]);
      expect(web).toEqual(cli);
      expect(errors).toEqual([]);
    }, 90_000);
  }
});
