/**
 * Issue 20, defect 1: a layout change must not drop focus out of the composer, state-changing
 * shortcuts need a modifier, single-key shortcuts can be turned off per person (kept on the server)
 * and key hints are hidden on touch screens.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite, statusOf, widths } from './defects.js';
import { hasChromium } from './harness.js';

const typing = () => (document.activeElement as HTMLElement | null)?.tagName === 'TEXTAREA';

describe.skipIf(!hasChromium)('defect 1: keys that cannot hurt (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): typing survives crossing the 760 px breakpoint; e alone resolves nothing`, async () => {
      const [id] = await post(suite, [inbound(`Kim ${label}`, `Where is my parcel? (${label})`)]);
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/c/${id}`);
      await page.locator('.thread .msg.in', { hasText: 'Where is my parcel?' }).waitFor();
      await page.getByLabel('Reply to the customer').click();
      await page.keyboard.type('Hello th');

      // a window narrowed (or widened) past the breakpoint, and back: a phone turned twice
      const other = width > 760 ? { width: 700, height } : { width: 900, height: 700 };
      for (const size of [other, { width, height }]) {
        await page.setViewportSize(size);
        await page.waitForFunction(
          (narrow) => document.querySelector('.app')?.classList.contains(narrow ? 'narrow' : 'wide'),
          size.width <= 760,
        );
        await page.waitForTimeout(150);
        expect(await page.evaluate(typing)).toBe(true);
        await page.keyboard.type('e res');
      }
      await expect
        .poll(() => page.getByLabel('Reply to the customer').inputValue())
        .toBe('Hello the rese res');
      expect(await statusOf(suite, id!)).toBe('open');

      // outside any field, a stray e is not a shortcut any more
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('e');
      await page.waitForTimeout(300);
      expect(await statusOf(suite, id!)).toBe('open');
      expect(await page.locator('.conv-badges .status-resolved').count()).toBe(0);

      // resolving by keyboard takes a modifier, and offers an undo
      await page.keyboard.press('Control+Shift+E');
      await page
        .getByRole('status')
        .filter({ hasText: 'Resolved' })
        .getByRole('button', { name: 'Undo' })
        .waitFor();
      await expect.poll(() => statusOf(suite, id!)).toBe('resolved');
      await docShot(page, `keys-resolved-undo-${width}`);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => statusOf(suite, id!)).toBe('open');
      expect(errors).toEqual([]);
    }, 90_000);

    test(`${label} (${width}px): single-key shortcuts can be turned off, and it sticks`, async () => {
      const ids = await post(suite, [
        inbound(`Lee ${label}`, `First question (${label})`),
        inbound(`Max ${label}`, `Second question (${label})`),
      ]);
      // each width starts from the default (the other width's run turned them off)
      await suite.server.services.db.kysely
        .updateTable('users')
        .set({ preferences_json: '{}' })
        .where('id', '=', suite.adminId)
        .execute();
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.locator(`.conv-list a[data-id="${ids[0]}"]`).waitFor();
      if (width > 760) await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      else {
        // a phone's top bar folds the sheet into the settings
        await page.getByRole('button', { name: 'Your settings' }).click();
        await page.getByRole('button', { name: 'See all keyboard shortcuts' }).click();
      }
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      const toggle = dialog.getByRole('checkbox', { name: /single-key shortcuts/i });
      expect(await toggle.isChecked()).toBe(true);
      await toggle.uncheck();
      await expect.poll(() => shortcutsStored(suite)).toBe(false);
      await docShot(page, `keys-help-toggle-${width}`);
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.reload();
      await page.locator(`.conv-list a[data-id="${ids[0]}"]`).waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const before = page.url();
      for (const key of ['j', 'j', 'Enter', 'r', 'n', '/', '?']) await page.keyboard.press(key);
      await page.waitForTimeout(300);
      expect(page.url()).toBe(before);
      expect(await page.evaluate(typing)).toBe(false);
      expect(await page.getByRole('dialog').count()).toBe(0);
      await hintsShown(page, false);
      expect(errors).toEqual([]);
    }, 90_000);
  }

  test('phone with a touch screen: no key hints anywhere', async () => {
    const [id] = await post(suite, [inbound('Touch Tess', 'Hi from my phone')]);
    const { page, errors } = await suite.newPage(375, 740, { hasTouch: true, isMobile: true });
    await signIn(page, suite.server.baseUrl, admin.email, admin.password);
    await page.goto(`${suite.server.baseUrl}/c/${id}`);
    await page.locator('.thread .msg.in', { hasText: 'Hi from my phone' }).waitFor();
    await hintsShown(page, false);
    await docShot(page, 'keys-touch-no-hints-375');
    expect(errors).toEqual([]);
  }, 90_000);

  async function shortcutsStored(s: Suite): Promise<boolean | null> {
    const row = await s.server.services.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', s.adminId)
      .executeTakeFirstOrThrow();
    const prefs = (row as { preferences_json?: string }).preferences_json;
    return prefs ? ((JSON.parse(prefs) as { keyboardShortcuts?: boolean }).keyboardShortcuts ?? null) : null;
  }
});

/** Whether any <kbd> key hint is visible on the page. */
async function hintsShown(page: Page, expected: boolean) {
  const visible = await page
    .locator('kbd')
    .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
  expect(visible > 0).toBe(expected);
}
