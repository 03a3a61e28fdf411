/** The keyboard and agent-actions scenario, kept apart from inbox.test.ts to keep files short. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ingest, shot } from './browser.js';

/** Drives j/k/Enter, ?, n with an @mention, assign, label, snooze and / search on a signed-in page. */
export async function keyboardAndActions(page: Page, baseUrl: string, token: string, teammateName: string) {
  const calm = await ingest(baseUrl, token, {
    text: 'Quick question about opening hours',
    author: 'Quinn Calm',
  });
  const angry = await ingest(baseUrl, token, {
    text: 'Charged twice for order 5521, furious, refund me now!',
    author: 'Riley Angry',
  });
  await page.locator(`.conv-list a[data-id="${calm}"]`).waitFor();
  await page.locator(`.conv-list a[data-id="${angry}"]`).waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // j/k move the selection (and focus); Enter opens; the URL follows
  await page.waitForTimeout(400); // let the live refresh of the two new rows settle the order
  const ids = () =>
    page.locator('.conv-list a[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect.poll(async () => (await focused()) === (await ids())[0]).toBe(true);
  await page.keyboard.press('j');
  await expect.poll(async () => (await focused()) === (await ids())[1]).toBe(true);
  const second = await focused();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/c/${second}`);

  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await shot(page, '30-help');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  // open the angry one and write a private note with an @mention picked from the suggestions
  await page.locator(`.conv-list a[data-id="${angry}"]`).click();
  await page.locator('.thread .msg.in', { hasText: 'Charged twice' }).waitFor();
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  await page.keyboard.type(`Refund needed, @${teammateName.slice(0, 2)}`);
  await page
    .getByRole('listbox', { name: 'Mention a teammate' })
    .getByRole('option', { name: new RegExp(teammateName) })
    .waitFor();
  await shot(page, '31-mention');
  await page.keyboard.press('Enter');
  await page.keyboard.type('can you take it?');
  await page.keyboard.press('Control+Enter');
  const note = page.locator('.thread .msg.note', { hasText: `@${teammateName} can you take it?` });
  await note.waitFor();
  expect(await note.textContent()).toContain('Private note');

  // assign to the teammate, add a label, then snooze (it leaves the open list)
  await page.getByLabel('Assignee', { exact: true }).selectOption({ label: teammateName });
  await page.locator(`.conv-list a[data-id="${angry}"]`, { hasText: teammateName }).waitFor();
  await page.getByLabel('Add a label').fill('refund');
  await page.getByLabel('Add a label').press('Enter');
  await page.getByRole('button', { name: 'Remove label refund' }).waitFor();
  await shot(page, '32-assigned-labelled');
  await page.getByLabel('Snooze', { exact: true }).selectOption({ label: '1 hour' });
  await page.locator('.conv-badges .status-snoozed').waitFor();
  await page.locator(`.conv-list a[data-id="${angry}"]`).waitFor({ state: 'detached' });

  // / focuses search; full-text search narrows the list
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('/');
  await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'search');
  await page.keyboard.type('opening hours');
  await page.locator(`.conv-list a[data-id="${calm}"]`).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.conv-list a[data-id]').length === 1);
  await shot(page, '33-search');

  // a reply the server refuses shows as failed, with a retry that then stores it
  await page.locator(`.conv-list a[data-id="${calm}"]`).click();
  await page.locator('.thread .msg.in', { hasText: 'opening hours' }).waitFor();
  await page.route('**/api/v1/conversations/*/reply', (route) =>
    route.fulfill({
      status: 502,
      contentType: 'application/json',
      body: '{"error":{"code":"send_failed","message":"channel down"}}',
    }),
  );
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
  await page.keyboard.type('We open at 9:00 every day.');
  await page.keyboard.press('Control+Enter');
  const failed = page.locator('.thread .msg.failed', { hasText: 'We open at 9:00' });
  await failed.getByText('Failed to send: channel down').waitFor();
  await shot(page, '34-failed-send');
  await page.unroute('**/api/v1/conversations/*/reply');
  await failed.getByRole('button', { name: 'Retry' }).click();
  await page.locator('.thread .msg.out:not(.failed):not(.sending)', { hasText: 'We open at 9:00' }).waitFor();
  await failed.waitFor({ state: 'detached' });
  return { angry, calm };
}
