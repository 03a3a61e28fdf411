/**
 * Issue 15: one-tap triage corrections in the web app. An agent taps a message's badge, picks a
 * value (by touch or by keyboard), and the message, the conversation's priority and due time (in the
 * header and the list) follow; a notice says what changed with Undo, and "Why?" lists it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/store/users-repo.js';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('one-tap triage corrections (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    // a channel that can reply runs live timers, so due times exist to follow; nothing is sent
    suite = await startSuite({ RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/replies' });
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  const read = async (id: number) => {
    const res = await fetch(`${suite.server.baseUrl}/api/v1/conversations/${id}`, {
      headers: { authorization: `Bearer ${suite.token}` },
    });
    return (await res.json()) as {
      conversation: { priority: number; sentiment: string; replyDueAt: number | null };
      messages: { sentiment: string; intent: string; triage: { urgency: string[]; language?: string } }[];
    };
  };
  const headPriority = (page: Page) =>
    page.evaluate(() => document.querySelector('.conv-badges [title^="Priority"]')?.getAttribute('title'));
  /** Smallest height and width of the editor's visible tap targets. */
  const smallestTarget = (page: Page) =>
    page.evaluate(() => {
      const els = [...document.querySelectorAll('.triage button, .triage summary')].filter(
        (e) => (e as HTMLElement).offsetParent !== null,
      );
      return Math.min(
        ...els.map((e) => Math.min(e.getBoundingClientRect().height, e.getBoundingClientRect().width)),
      );
    });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): correct sentiment by tap, urgency by keyboard, undo; priority and due time follow`, async () => {
      const [id] = await post(suite, [inbound(`Nora ${label}`, `Do you ship to Canada? (${label})`)]);
      const before = await read(id!);
      expect(before.conversation.sentiment).not.toBe('negative');

      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/c/${id}`);
      const msg = page.locator('.thread .msg.in', { hasText: 'ship to Canada' });
      await msg.waitFor();
      if (width <= 760) expect(await smallestTarget(page)).toBeGreaterThanOrEqual(44);

      // one tap opens the sentiment choices; one tap picks Negative
      const sentiment = msg.getByRole('button', { name: /^Sentiment: / });
      expect(await sentiment.getAttribute('aria-haspopup')).toBe('menu');
      await sentiment.click();
      const menu = page.getByRole('menu', { name: 'Sentiment' });
      await menu.waitFor();
      if (width <= 760) {
        const items = await menu.getByRole('menuitemradio').all();
        for (const item of items) expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        const box = (await menu.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      await docShot(page, `triage-menu-${width}`);
      await menu.getByRole('menuitemradio', { name: /Negative/ }).click();
      const notice = msg.getByRole('status').filter({ hasText: 'Sentiment: Neutral → Negative' });
      await notice.waitFor();
      await expect.poll(async () => (await read(id!)).conversation.sentiment).toBe('negative');
      const after = await read(id!);
      expect(after.conversation.priority).toBeGreaterThan(before.conversation.priority);
      expect(after.conversation.replyDueAt).toBeLessThan(before.conversation.replyDueAt!);
      await expect.poll(() => headPriority(page)).toBe(`Priority ${after.conversation.priority} of 100`);
      await expect
        .poll(() => msg.getByRole('button', { name: /^Sentiment: / }).getAttribute('aria-label'))
        .toBe('Sentiment: Negative. Change');
      if (width > 760) {
        // the list row follows too
        await expect
          .poll(() =>
            page
              .locator(`.conv-list a[data-id="${id}"] [title^="Priority"]`)
              .getAttribute('title')
              .catch(() => null),
          )
          .toBe(`Priority ${after.conversation.priority} of 100`);
      }

      // the keyboard: ↓ opens the urgency menu, arrows move, Escape closes and focus comes back
      const urgency = msg.getByRole('button', { name: /^Urgency: / });
      await urgency.focus();
      await page.keyboard.press('ArrowDown');
      const urgencyMenu = page.getByRole('menu', { name: 'Urgency' });
      await urgencyMenu.waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toContain('Not urgent');
      await page.keyboard.press('Escape');
      await urgencyMenu.waitFor({ state: 'detached' });
      expect(await urgency.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await urgencyMenu.waitFor();
      await page.keyboard.press('ArrowDown'); // Safety
      await page.keyboard.press('Enter');
      await msg.getByRole('status').filter({ hasText: 'Urgency: Not urgent → Safety' }).waitFor();
      await expect.poll(async () => (await read(id!)).messages[0]!.triage.urgency).toEqual(['safety']);
      expect(await urgency.evaluate((el) => el === document.activeElement)).toBe(true);

      // Why? lists what people changed, newest first
      await msg.getByText('Why?').click();
      const changes = msg.getByRole('list', { name: 'Corrections' });
      await expect
        .poll(() => changes.locator('li').allTextContents())
        .toEqual([
          expect.stringContaining('Urgency: Not urgent → Safety'),
          expect.stringContaining('Sentiment: Neutral → Negative'),
        ]);
      expect(await changes.textContent()).toContain(admin.name);
      await docShot(page, `triage-corrected-${width}`);

      // Undo takes the last change back
      await msg.getByRole('button', { name: 'Undo' }).click();
      await msg.getByRole('status').filter({ hasText: 'Undone' }).waitFor();
      await expect.poll(async () => (await read(id!)).messages[0]!.triage.urgency).toEqual([]);
      expect((await read(id!)).conversation.priority).toBe(after.conversation.priority);
      expect(errors).toEqual([]);
    }, 90_000);
  }

  test('the language is corrected (unscored language said so) and the team adds a complaint type', async () => {
    const [id] = await post(suite, [
      inbound('Greta', 'Die Lieferung ist schon wieder zu spät, das ist ärgerlich'),
    ]);
    const { page, errors } = await suite.newPage(1280, 800);
    await signIn(page, suite.server.baseUrl, admin.email, admin.password);
    await page.goto(`${suite.server.baseUrl}/c/${id}`);
    const msg = page.locator('.thread .msg.in', { hasText: 'Lieferung' });
    await msg.waitFor();
    await msg.getByRole('button', { name: 'Language: German. Change' }).click();
    await page
      .getByRole('menu', { name: 'Language' })
      .getByRole('menuitemradio', { name: /Portuguese/ })
      .click();
    await msg.getByRole('button', { name: 'Language: Portuguese. Change' }).waitFor();
    await expect.poll(async () => (await read(id!)).messages[0]!.triage.language).toBe('pt');
    expect(await msg.getByRole('button', { name: /^Language: / }).textContent()).toContain('not scored');

    await msg.getByRole('button', { name: /^Intent: / }).click();
    await page
      .getByRole('menu', { name: 'Intent' })
      .getByRole('menuitemradio', { name: 'Complaint' })
      .click();
    await msg.getByRole('button', { name: /^Complaint type: / }).click();
    await page
      .getByRole('menu', { name: 'Complaint type' })
      .getByRole('menuitemradio', { name: 'New type…' })
      .click();
    await msg.getByLabel('New complaint type').fill('late delivery');
    await msg.getByRole('button', { name: 'Save' }).click();
    await msg.getByRole('button', { name: 'Complaint type: Late delivery. Change' }).waitFor();
    const model = await fetch(`${suite.server.baseUrl}/api/v1/triage/model`, {
      headers: { authorization: `Bearer ${suite.token}` },
    }).then((r) => r.json() as Promise<{ model: { complaintTypes: string[] } }>);
    expect(model.model.complaintTypes).toContain('late delivery');
    expect(errors).toEqual([]);
  }, 90_000);

  test('a viewer sees the triage but has nothing to change', async () => {
    const viewer = { email: 'viewer@example.test', name: 'Vera Viewer', password: 'a long enough password' };
    await createUser(suite.server.services.db.kysely, { ...viewer, role: 'viewer', now: Date.now() });
    const [id] = await post(suite, [inbound('Pia', 'My card was charged twice for one order')]);
    const { page, errors } = await suite.newPage(1280, 800);
    await signIn(page, suite.server.baseUrl, viewer.email, viewer.password);
    await page.goto(`${suite.server.baseUrl}/c/${id}`);
    const msg = page.locator('.thread .msg.in', { hasText: 'charged twice' });
    await msg.waitFor();
    await msg.locator('.triage .badge[title^="Sentiment: "]').waitFor();
    expect(await msg.locator('.triage [aria-haspopup]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
