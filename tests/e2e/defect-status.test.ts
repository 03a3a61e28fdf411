/**
 * Issue 20, defect 4: status badges must not contradict the status. A snoozed or resolved
 * conversation shows no "due in" countdown, a snoozed one says until when, and resolving can be
 * undone (the inbox moves on to the next conversation meanwhile).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite, statusOf, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('defect 4: honest status badges (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  const setStatus = (id: number, body: Record<string, unknown>) =>
    fetch(`${suite.server.baseUrl}/api/v1/conversations/${id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => expect(r.status).toBe(200));

  /** The badges of the open conversation's header and of its list row (when listed). */
  const badges = (page: Page, id: number) =>
    page.evaluate((cid) => {
      const text = (sel: string) =>
        document.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
      return { head: text('.conv-badges'), row: text(`.conv-list a[data-id="${cid}"] .row-badges`) };
    }, id);

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): snoozed says until when and is not "due"; resolved is not "due"; resolve can be undone`, async () => {
      const [snoozed, resolved, other] = await post(suite, [
        inbound(`Sunny ${label}`, `Please call me back tomorrow (${label})`),
        inbound(`Rosa ${label}`, `Thanks, all sorted now (${label})`),
        inbound(`Otto ${label}`, `Another question (${label})`),
      ]);
      const until = new Date(Date.now() + 2 * 3_600_000);
      until.setSeconds(0, 0);
      await setStatus(snoozed!, { status: 'snoozed', snoozedUntil: until.getTime() });

      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/c/${snoozed}`);
      await page.locator('.thread .msg.in', { hasText: 'call me back' }).waitFor();
      const clock = await page.evaluate(
        (at) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
        until.getTime(),
      );
      const head = (await badges(page, snoozed!)).head ?? '';
      expect(head).toContain('Snoozed until');
      expect(head).toContain(clock);
      expect(head).not.toMatch(/due in|overdue/);
      await docShot(page, `status-snoozed-${width}`);

      // resolve from the conversation: the inbox moves on, Undo brings it back
      await page.goto(`${suite.server.baseUrl}/c/${resolved}`);
      await page.locator('.thread .msg.in', { hasText: 'all sorted' }).waitFor();
      await page.getByRole('button', { name: /Resolve/ }).click();
      const toast = page
        .getByRole('status')
        .filter({ hasText: `Resolved the conversation with Rosa ${label}` });
      await toast.waitFor();
      await page.waitForURL((url) => url.pathname !== `/c/${resolved}`);
      expect(await statusOf(suite, resolved!)).toBe('resolved');
      await docShot(page, `status-resolve-undo-${width}`);
      await toast.getByRole('button', { name: 'Undo' }).click();
      await page.waitForURL(`**/c/${resolved}`);
      await expect.poll(() => statusOf(suite, resolved!)).toBe('open');

      // resolved for good: no countdown on it anywhere
      await setStatus(resolved!, { status: 'resolved' });
      await page.reload();
      await page.locator('.conv-badges .status-resolved').waitFor();
      if (width > 760) {
        // the list showing every status has the resolved row too
        await page.getByLabel('Filter by status').selectOption({ label: 'Any status' });
        await page.locator(`.conv-list a[data-id="${resolved}"] .status-resolved`).waitFor();
      }
      const after = await badges(page, resolved!);
      expect(after.head ?? '').not.toMatch(/due in|overdue/);
      expect(after.row ?? '').not.toMatch(/due in|overdue/);
      expect(await statusOf(suite, other!)).toBe('open');
      expect(errors).toEqual([]);
    }, 90_000);
  }
});
