/**
 * Issue 20: dark mode is a personal setting (device, light, dark) that applies at once, is kept on
 * the server and paints before the page does on the next load; placeholders meet WCAG AA in both
 * themes; a skip link leads to the inbox.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { contrastOf } from './contrast.js';
import { admin, docShot, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe.skipIf(!hasChromium)('dark mode as a personal setting (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): system, light and dark; kept across a reload without a flash`, async () => {
      const { page, errors } = await suite.newPage(width, height, { colorScheme: 'light' });
      // what the page looks like the moment <body> exists, i.e. before anything is painted
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { firstTheme?: string }).firstTheme = document.documentElement.dataset.theme;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      expect(await theme(page)).toBe('light');
      const light = await background(page);

      await page.getByRole('button', { name: 'Your settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Your settings' });
      await expect.poll(() => dialog.getByLabel('Same as this device').isChecked()).toBe(true);
      await dialog.getByLabel('Dark').check();
      // at once, before the server has answered
      expect(await theme(page)).toBe('dark');
      expect(await background(page)).not.toBe(light);
      await docShot(page, `settings-dark-${label}`);
      await expect
        .poll(() =>
          page.evaluate(async () => (await (await fetch('/api/v1/me/preferences')).json()).preferences.theme),
        )
        .toBe('dark');
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { firstTheme?: string }).firstTheme)).toBe(
        'dark',
      );
      expect(await theme(page)).toBe('dark');

      // placeholders are readable (WCAG AA, 4.5:1) in both themes
      const search = page.getByPlaceholder('Search (press /)');
      expect(await contrastOf(search, '::placeholder')).toBeGreaterThanOrEqual(4.5);
      await page.getByRole('button', { name: 'Your settings' }).click();
      await dialog.getByLabel('Light').check();
      expect(await theme(page)).toBe('light');
      await dialog.getByRole('button', { name: 'Close' }).click();
      expect(await contrastOf(search, '::placeholder')).toBeGreaterThanOrEqual(4.5);

      // "same as this device" follows the device, even as it changes
      await page.getByRole('button', { name: 'Your settings' }).click();
      await dialog.getByLabel('Same as this device').check();
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => theme(page)).toBe('dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(() => theme(page)).toBe('light');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect
        .poll(() =>
          page.evaluate(async () => (await (await fetch('/api/v1/me/preferences')).json()).preferences.theme),
        )
        .toBe('system');
      expect(errors).toEqual([]);
    }, 60_000);

    test(`${label} (${width}px): the skip link is the first stop and leads to the inbox`, async () => {
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to the inbox' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await skip.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(errors).toEqual([]);
    }, 60_000);
  }
});
