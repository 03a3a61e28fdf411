/**
 * Issue 12: the People list, a person's page and Today in Chromium at a laptop and a phone width,
 * with no console errors: search and filters, the "not confirmed" preferred name, pinned insights
 * (also at the top of the conversation's contact panel), notes and interactions joining the
 * timeline, and a Today suggestion with its reason that goes away once dismissed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('People, a person and Today (Chromium)', () => {
  let suite: Suite;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${suite.server.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${suite.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
  };

  /** A person who wrote once, with an unconfirmed preferred name, an insight and a birthday tomorrow. */
  async function person(name: string) {
    const [conversationId] = await post(suite, [inbound(name, `Hello from ${name}, I love your sourdough!`)]);
    const list = (await api('GET', `/api/v1/contacts?q=${encodeURIComponent(name)}`)) as {
      items: { id: number }[];
    };
    const id = list.items[0]!.id;
    await api('PATCH', `/api/v1/contacts/${id}`, {
      preferredName: `${name.split(' ')[0]}ie`,
      insights: [`${name} is allergic to nuts`],
      lifecycle: 'customer',
      stageReason: 'bought a cake',
    });
    const tomorrow = new Date(Date.now() + 86_400_000);
    await api('POST', `/api/v1/contacts/${id}/occasions`, {
      kind: 'birthday',
      month: tomorrow.getUTCMonth() + 1,
      day: tomorrow.getUTCDate(),
      remindDaysBefore: 3,
    });
    return { id, conversationId: conversationId! };
  }

  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): find a person, read and add to their page, act on Today`, async () => {
      const name = `Maria ${label === 'desktop' ? 'Desk' : 'Phone'}`;
      const { id, conversationId } = await person(name);
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);

      // People: navigation, search, lifecycle filter
      await page.goto(`${suite.server.baseUrl}/people`);
      await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
      await page.getByLabel('Search by name, company, handle or address').fill(name);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.locator('.person-row', { hasText: name });
      await row.waitFor();
      // the list settles on the search's one match (the unfiltered list may still be on screen)
      await expect.poll(() => page.locator('.person-row').count(), { timeout: 10_000 }).toBe(1);
      expect(await row.textContent()).toContain('not confirmed');
      expect(await row.textContent()).toContain('Customer');
      await page.getByLabel('Lifecycle').selectOption('former');
      await page.getByText('Nobody matches these filters.').waitFor();
      await page.getByLabel('Lifecycle').selectOption('customer');
      await row.click();

      // a person's page
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      expect(page.url()).toBe(`${suite.server.baseUrl}/people/${id}`);
      await page.locator('.person-head .not-confirmed').waitFor();
      await page.locator('.person-head .insights', { hasText: 'allergic to nuts' }).waitFor();
      await page.locator('.timeline', { hasText: 'I love your sourdough' }).waitFor();
      await page.locator('.stage-history', { hasText: 'bought a cake' }).waitFor();
      await page.getByLabel('Note', { exact: true }).fill(`Prefers morning calls (${label})`);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.locator('.timeline', { hasText: `Prefers morning calls (${label})` }).waitFor();
      await page.getByLabel('Interaction', { exact: true }).selectOption('store_visit');
      await page.getByLabel('What happened').fill(`Came by for bread (${label})`);
      await page.getByRole('button', { name: 'Log interaction' }).click();
      await page
        .locator('.timeline li', { hasText: `Came by for bread (${label})` })
        .getByText('Store visit')
        .waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // Today: the birthday with its reason; dismissed, it is gone
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Today' }).click();
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      const item = page.locator('.today-item', { hasText: `${name.split(' ')[0]!}ie` });
      await item.waitFor();
      expect(await item.textContent()).toContain('Birthday tomorrow');
      await item.getByRole('button', { name: 'Dismiss' }).click();
      await page.getByRole('status').getByText('dismissed').waitFor();
      await item.waitFor({ state: 'detached' });

      // the conversation's contact panel shows the insight and links to the page
      await page.goto(`${suite.server.baseUrl}/c/${conversationId}`);
      if (width <= 760) await page.getByText('Contact details').click();
      const pinned = page.locator('.contact .pinned-insights');
      await pinned.getByText('allergic to nuts').waitFor();
      await pinned.getByRole('link', { name: 'Open their page' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      expect(errors).toEqual([]);
    }, 120_000);
  }
});
