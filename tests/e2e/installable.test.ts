/**
 * Issue 20: the inbox installs on a phone's home screen (a valid manifest with its icons served,
 * a service worker registered for the whole app under the CSP), the service worker never caches
 * API answers and shows a Web Push payload; the tab title counts messages that came in unseen.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!hasChromium)('installable web app (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  test('the manifest is valid and served with its icons; sw.js with its scope, CSP and no cache', async () => {
    const base = suite.server.baseUrl;
    const res = await fetch(`${base}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      scope: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone' });
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) {
      expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toContain(want);
    }
    for (const icon of manifest.icons) {
      const png = await fetch(new URL(icon.src, base));
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      const { width, height } = pngSize(Buffer.from(await png.arrayBuffer()));
      expect(`${width}x${height}`).toBe(icon.sizes);
    }

    const sw = await fetch(`${base}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('service-worker-allowed')).toBe('/');
    expect(sw.headers.get('content-security-policy')).toContain("script-src 'self'");
    const source = await sw.text();
    for (const event of ["'push'", "'notificationclick'", "'fetch'"]) expect(source).toContain(event);
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): the service worker controls the app, caches no API answer, shows a push`, async () => {
      const { page, context, errors } = await suite.newPage(width, height);
      await context.grantPermissions(['notifications']);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
      const registration = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.ready;
        return { scope: r.scope, script: r.active?.scriptURL ?? '' };
      });
      expect(registration).toEqual({
        scope: `${suite.server.baseUrl}/`,
        script: `${suite.server.baseUrl}/sw.js`,
      });

      // once it controls the page, the app shell goes through it and the API never does
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      const cached = await page.evaluate(async () =>
        (await (await caches.open('rapport-shell-v1')).keys()).map((r) => new URL(r.url).pathname),
      );
      expect(cached).toContain('/');
      expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
      expect(cached.filter((p) => p.startsWith('/api'))).toEqual([]);

      // a Web Push message ({title, body, url}) becomes a notification that links into the app
      const cdp = await context.newCDPSession(page);
      const { registrationId, origin } = await new Promise<{ registrationId: string; origin: string }>(
        (resolve) => {
          cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
            const r = e.registrations.find((x) => x.scopeURL === `${suite.server.baseUrl}/`);
            if (r) resolve({ registrationId: r.registrationId, origin: suite.server.baseUrl });
          });
          void cdp.send('ServiceWorker.enable');
        },
      );
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId,
        data: JSON.stringify({ title: 'Urgent: Kim', body: 'Where is my parcel?', url: '/conversations/7' }),
      });
      await expect
        .poll(() =>
          page.evaluate(async () =>
            (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
              title: n.title,
              body: n.body,
              url: (n.data as { url: string }).url,
            })),
          ),
        )
        .toEqual([{ title: 'Urgent: Kim', body: 'Where is my parcel?', url: '/conversations/7' }]);
      expect(errors).toEqual([]);
    }, 60_000);

    test(`${label} (${width}px): the tab title counts customer messages that came in unseen`, async () => {
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.locator('.live-live').waitFor();
      expect(await page.title()).toBe('Rapport inbox');
      const setVisible = (visible: boolean) =>
        page.evaluate((v) => {
          Object.defineProperty(document, 'visibilityState', {
            configurable: true,
            get: () => (v ? 'visible' : 'hidden'),
          });
          document.dispatchEvent(new Event('visibilitychange'));
        }, visible);
      await setVisible(false);
      await post(suite, [inbound(`Ada ${label}`, 'Hello?'), inbound(`Bo ${label}`, 'Anyone there?')]);
      await expect.poll(() => page.title()).toBe('(2) Rapport inbox');
      await setVisible(true);
      expect(await page.title()).toBe('Rapport inbox');
      expect(errors).toEqual([]);
    }, 60_000);
  }
});
