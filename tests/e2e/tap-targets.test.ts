/**
 * Issue 20, phone: at 375 px every button and link in the inbox and in a conversation is at least
 * 44 × 44 px (WCAG 2.5.5's size), and while replying the thread keeps most of the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite } from './defects.js';
import { hasChromium } from './harness.js';

/** Every visible button, link and form control smaller than 44 px either way, described. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, input:not([type="hidden"]), textarea, [role="tab"], summary',
    );
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      if (el.closest('.sr-only') || el.classList.contains('skip-link')) continue;
      // links inside a customer's sentence are exempt (WCAG 2.5.8 "inline"): their line sets the size
      if (el.closest('.msg-text')) continue;
      // a checkbox or radio counts with its label, which is the real target
      const label = (el as HTMLInputElement).labels?.[0]?.getBoundingClientRect();
      const height = Math.max(box.height, label?.height ?? 0);
      const width = Math.max(box.width, label?.width ?? 0);
      if (height < 44 - 0.5 || width < 44 - 0.5) {
        const name = el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.tagName;
        small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(width)}×${Math.round(height)}`);
      }
    }
    return small;
  });
}

describe.skipIf(!hasChromium)('phone tap targets (Chromium, 375 px)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  test('every button and link in the inbox and a conversation is at least 44 px; replying keeps the thread big', async () => {
    const [id] = await post(suite, [
      inbound('Kim Tapper', 'My order never came, see https://shop.example/orders/1'),
      inbound('Lee Other', 'Do you ship to Norway?'),
    ]);
    const { page, errors } = await suite.newPage(375, 740, { hasTouch: true, isMobile: true });
    await signIn(page, suite.server.baseUrl, admin.email, admin.password);
    await page.locator('.conv-list a').first().waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: 'Filters' }).click();
    expect(await smallTargets(page)).toEqual([]);
    await docShot(page, 'phone-inbox-filters-375');

    await page.goto(`${suite.server.baseUrl}/c/${id}`);
    await page.locator('.thread .msg.in').first().waitFor();
    expect(await smallTargets(page)).toEqual([]);

    // replying: the thread keeps most of the screen above the composer and the keyboard
    await page.getByLabel('Reply to the customer').click();
    await page.keyboard.type('On its way');
    // the worst case: the live check's findings are shown (folded) under the composer
    await page.locator('.reply-findings').waitFor();
    await docShot(page, 'phone-replying-375');
    const thread = await page.locator('.thread-scroll').boundingBox();
    expect(thread?.height ?? 0).toBeGreaterThanOrEqual(740 * 0.5);
    expect(errors).toEqual([]);
  }, 90_000);
});
