import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeChannelAccount } from '../../src/channels/account-codec.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { getChannelAccountRow } from '../../src/store/channel-accounts-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { shot, signIn, watchConsole } from './browser.js';
import { ensureWebBuilt, hasChromium, launchChromium, type RunningServer, startServer } from './harness.js';

const admin = { email: 'admin@example.test', name: 'Ada Admin', password: 'a long enough password' };
const viewer = { email: 'vic@example.test', name: 'Vic Viewer', password: 'another long password' };

describe.skipIf(!hasChromium)('channels in the web app (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    const db = server.services.db.kysely;
    await createUser(db, { ...admin, role: 'admin', now: Date.now() });
    await createUser(db, { ...viewer, role: 'viewer', now: Date.now() });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an admin connects a chat widget, sees its embed tag, a broken account shows live, pause works', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchConsole(page);
    await signIn(page, server.baseUrl, admin.email, admin.password);

    await page.getByRole('button', { name: 'Channels' }).click();
    const dialog = page.getByRole('dialog', { name: 'Channels' });
    await dialog.getByText('No channel accounts are connected yet.').waitFor();
    await dialog.getByRole('button', { name: 'Connect a channel…' }).click();
    await dialog.getByLabel('Type').selectOption('chat');
    await dialog.getByLabel('Name', { exact: true }).fill('Shop chat');
    await dialog.getByLabel('Your website').fill('https://shop.example, http://localhost:8080');
    await dialog.getByLabel(/Title of the chat window/).fill('Talk to Acme');
    await shot(page, '40-channels-connect');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    const item = dialog.locator('.channel-item', { hasText: 'Shop chat' });
    await item.getByText('Working').waitFor();
    const snippet = await item.locator('.widget-snippet code').textContent();
    expect(snippet).toMatch(
      /^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.js" data-rapport-widget="[A-Za-z0-9_-]{24}" async><\/script>$/,
    );

    const row = await server.services.db.kysely
      .selectFrom('channel_accounts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings_json)).toMatchObject({
      allowedOrigins: ['https://shop.example', 'http://localhost:8080'],
      brandName: 'Talk to Acme',
    });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // the connector reports the account broken: the header says so live, the dialog says why
    const account = decodeChannelAccount(
      server.services,
      (await getChannelAccountRow(server.services.db.kysely, row.id))!,
    );
    const ctx = createChannelContext(server.services, account, new AbortController().signal);
    await ctx.reportStatus('broken', 'login refused: the app password was revoked');
    await page.getByRole('button', { name: 'Channels: 1 need attention' }).waitFor();
    await shot(page, '41-channels-broken-header');
    await page.getByRole('button', { name: 'Channels: 1 need attention' }).click();
    await item.getByText('Needs attention: login refused: the app password was revoked').waitFor();
    await shot(page, '42-channels-broken');

    await item.getByRole('button', { name: 'Pause' }).click();
    await item.getByText('Paused').waitFor();
    expect((await getChannelAccountRow(server.services.db.kysely, row.id))!.status).toBe('paused');
    await item.getByRole('button', { name: 'Resume' }).click();
    await item.getByText('Working').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a viewer sees channel status but cannot change or add accounts', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, server.baseUrl, viewer.email, viewer.password);
    await page.getByRole('button', { name: 'Channels' }).click();
    const dialog = page.getByRole('dialog', { name: 'Channels' });
    await dialog.locator('.channel-item', { hasText: 'Shop chat' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Connect a channel…' }).count()).toBe(0);
    await shot(page, '43-channels-viewer-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
