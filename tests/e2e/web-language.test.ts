/**
 * Issue 20, languages: the web app speaks German completely. A person switches to Deutsch in their
 * settings and the inbox and a conversation are in German at once, after a reload (the setting is
 * kept on the server), at a laptop's and a phone's width; a browser set to German with no setting
 * shows the sign-in screen in German. Names keep their room and handles truncate first on a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

/** Whether an element's text is cut off (ellipsis) in its box. */
const truncated = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.scrollWidth > el.clientWidth + 1);

describe.skipIf(!hasChromium)('the web app in German (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
    await post(suite, [
      inbound('Alexandra Berger', 'Meine Bestellung ist nicht angekommen, bitte helfen Sie mir!', {
        author: {
          id: 'alexandra-1',
          handle: 'alexandra_berger_official_bakery_fan_account',
          name: 'Alexandra Berger',
        },
      }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): switching to Deutsch turns the inbox and a conversation German, and it stays`, async () => {
      const { page, errors } = await suite.newPage(width, height, { locale: 'en-US' });
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.getByRole('button', { name: 'Your settings' }).click();
      const settings = page.getByRole('dialog', { name: 'Your settings' });
      await settings.getByRole('radio', { name: 'Deutsch' }).check();
      // the dialog itself switches at once
      await page.getByRole('dialog', { name: 'Ihre Einstellungen' }).waitFor();
      await page.getByRole('button', { name: 'Schließen' }).click();

      const germanInbox = async () => {
        await page.getByRole('button', { name: 'Abmelden' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
        await page.getByRole('button', { name: 'Alle', exact: true }).waitFor();
        await page.getByRole('button', { name: 'Ihre Einstellungen' }).waitFor();
        await page.getByRole('list', { name: 'Unterhaltungen' }).waitFor();
        expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      };
      await germanInbox();
      // kept on the server: a reload (and so another device) starts in German
      await page.reload();
      await germanInbox();
      expect(await page.getByText('Einrichten').count()).toBeGreaterThan(0);

      await page.locator('.row').first().click();
      const conversation = page.locator('.conv');
      await conversation.getByRole('button', { name: 'Antwort senden' }).waitFor();
      await conversation.getByText('Kunde', { exact: true }).first().waitFor();
      await conversation.getByRole('button', { name: /^Antworten/ }).waitFor();
      expect(await conversation.getByPlaceholder(/Antwort schreiben/).count()).toBe(1);
      expect(await conversation.getByText('Send reply').count()).toBe(0);
      await docShot(page, `language-de-conversation-${width}`);

      // back to the browser's language (English here) for the next run (the same person)
      await page.getByRole('button', { name: 'Ihre Einstellungen' }).click();
      await page.getByRole('radio', { name: 'Wie dieser Browser' }).check();
      await page.getByRole('dialog', { name: 'Your settings' }).waitFor();
      expect(errors).toEqual([]);
    }, 90_000);
  }

  test('phone (375px): the name keeps its room, the handle truncates first (list and header)', async () => {
    const { page, errors } = await suite.newPage(375, 740);
    await signIn(page, suite.server.baseUrl, admin.email, admin.password);
    const row = page.locator('.row', { hasText: 'Alexandra Berger' });
    await row.waitFor();
    expect(await truncated(page, '.row .row-name')).toBe(false);
    expect(await truncated(page, '.row .row-handle')).toBe(true);
    await row.click();
    await page.locator('.conv-title h1', { hasText: 'Alexandra Berger' }).waitFor();
    expect(await truncated(page, '.conv-title h1')).toBe(false);
    expect(await truncated(page, '.conv-title .row-handle')).toBe(true);
    await docShot(page, 'names-before-handles-375');
    expect(errors).toEqual([]);
  }, 60_000);

  test('a browser set to German with no setting of its own shows sign-in in German', async () => {
    const { page, errors } = await suite.newPage(375, 740, { locale: 'de-DE' });
    await page.goto(suite.server.baseUrl);
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    await page.getByLabel('E-Mail').fill(admin.email);
    await page.getByLabel('Passwort').fill(admin.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
