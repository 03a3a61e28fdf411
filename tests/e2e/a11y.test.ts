/**
 * Issue 20: an automated accessibility check (axe-core, injected into the page through
 * playwright-core) on the inbox, a conversation, the channels and settings dialogs, the guided
 * channel forms and the website chat widget, at 1280 and 375 px: no serious or critical violation.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { systemActor } from '../../src/store/events-repo.js';
import { ensureWidgetBuilt } from '../support/widget.js';
import { signIn } from './browser.js';
import { admin, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations on the page, one line each (rule, impact, where). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
    type AxeResults = { violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] };
    const results = await axe.run(document);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)}`));
  });
}

describe.skipIf(!hasChromium)('accessibility check with axe-core (Chromium)', () => {
  let suite: Suite;
  let site: http.Server;
  let siteUrl = '';
  let conversationId = 0;
  beforeAll(async () => {
    ensureWidgetBuilt();
    suite = await startSuite();
    const rapport = suite.server.baseUrl;
    let widgetKey = '';
    site = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title></head>
<body><main><h1>Acme shop</h1><p>Shoes and more.</p></main>
<script src="${rapport}/widget.js" data-rapport-widget="${widgetKey}" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    const account = await addChannelAccount(suite.server.services, systemActor, {
      type: 'chat',
      name: 'Acme website',
      settings: { allowedOrigins: [siteUrl], brandName: 'Acme support', greeting: 'Hi! Ask us anything.' },
    });
    widgetKey = (account.settings as { widgetKey: string }).widgetKey;
    conversationId = (
      await post(suite, [
        inbound('Kim Axe', 'My parcel is late, see https://shop.example/orders/1', {}),
        inbound('Lee Axe', 'Do you ship to Norway?'),
      ])
    )[0]!;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => site?.close(resolve));
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): inbox, conversation, dialogs, channel forms`, async () => {
      const { page, errors } = await suite.newPage(width, height, { bypassCSP: true });
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.locator('.conv-list a').first().waitFor();
      expect(await seriousViolations(page), 'inbox').toEqual([]);

      await page.goto(`${suite.server.baseUrl}/c/${conversationId}`);
      await page.locator('.thread .msg.in').first().waitFor();
      expect(await seriousViolations(page), 'conversation').toEqual([]);

      await page.getByRole('button', { name: 'Channels' }).click();
      await page.getByRole('dialog', { name: 'Channels' }).getByText('Acme website').waitFor();
      expect(await seriousViolations(page), 'channels dialog').toEqual([]);
      // the guided channel forms: email with its presets and advanced fields open, chat with a
      // failing accent colour's warning, and editing an account in place
      const channels = page.getByRole('dialog', { name: 'Channels' });
      await channels.getByRole('button', { name: 'Connect a channel…' }).click();
      await channels.getByLabel('Type').selectOption('email');
      await channels.getByText('Advanced settings').click();
      await channels.getByLabel('Accept self-signed certificates').waitFor();
      expect(await seriousViolations(page), 'email form').toEqual([]);
      await channels.getByRole('radio', { name: /^Your own mailbox over IMAP/ }).check();
      expect(await seriousViolations(page), 'email form, IMAP').toEqual([]);
      await channels.getByLabel('Type').selectOption('chat');
      await channels.getByLabel(/Accent colour/).fill('#facc15');
      await channels.getByText(/WCAG AA needs 4\.5:1/).waitFor();
      expect(await seriousViolations(page), 'chat form').toEqual([]);
      await channels.getByRole('button', { name: 'Cancel' }).click();
      await channels.getByRole('button', { name: 'Edit Acme website' }).click();
      await channels.getByRole('form', { name: 'Change Acme website' }).waitFor();
      expect(await seriousViolations(page), 'edit form').toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Your settings' }).click();
      await page.getByRole('dialog', { name: 'Your settings' }).waitFor();
      expect(await seriousViolations(page), 'settings dialog').toEqual([]);
      // the same screens in the dark theme
      await page.getByRole('dialog', { name: 'Your settings' }).getByLabel('Dark').check();
      expect(await seriousViolations(page), 'settings dialog, dark').toEqual([]);
      await page.keyboard.press('Escape');
      expect(await seriousViolations(page), 'conversation, dark').toEqual([]);
      // and in German (the page's language changes with it)
      await page.getByRole('button', { name: 'Your settings' }).click();
      await page.getByRole('dialog', { name: 'Your settings' }).getByLabel('Deutsch').check();
      await page.getByRole('dialog', { name: 'Ihre Einstellungen' }).waitFor();
      expect(await seriousViolations(page), 'settings dialog, German').toEqual([]);
      await page.getByRole('dialog', { name: 'Ihre Einstellungen' }).getByLabel('Wie dieser Browser').check();
      await page.getByRole('dialog', { name: 'Your settings' }).getByLabel('Light').check();
      await page.keyboard.press('Escape');
      expect(errors).toEqual([]);
    }, 90_000);

    test(`${label} (${width}px): the chat widget, open`, async () => {
      const { page, errors } = await suite.newPage(width, height, { bypassCSP: true });
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('dialog', { name: 'Acme support' }).waitFor();
      expect(await seriousViolations(page), 'widget').toEqual([]);
      expect(errors).toEqual([]);
    }, 60_000);
  }
});
