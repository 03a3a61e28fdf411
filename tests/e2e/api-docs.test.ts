import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shot, watchConsole } from './browser.js';
import { hasChromium, launchChromium, type RunningServer, startServer } from './harness.js';

describe.skipIf(!hasChromium)('API reference page (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('renders every route from /api/openapi.json under its CSP, offline, without signing in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.baseUrl) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    // Swagger UI is 1.7 MB of script: parsing it takes seconds on a busy machine
    page.setDefaultTimeout(60_000);
    const errors = watchConsole(page);

    const response = await page.goto(`${server.baseUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: /Rapport API/ }).waitFor();
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    for (const path of Object.keys(doc.paths)) {
      await expect
        .poll(() => page.locator(`[data-path="${path}"]`).count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
    }
    await page.locator('#operations-Conversations-getConversation').click();
    await page.getByText('Requires the viewer role (or higher).').waitFor();
    await shot(page, '60-api-docs');

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
