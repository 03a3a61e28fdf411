/**
 * Issue 20, defect 5: "Live" must not stay green after the server dies, and errors say in words
 * what happened (never "Failed to fetch"), and that the app keeps retrying.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';
import { startProxy, type TcpProxy } from './proxy.js';

/**
 * What Chromium itself logs when a request cannot connect while the server is down on purpose;
 * the app's own console stays clean.
 */
const browserNetworkLog =
  /Failed to load resource: net::ERR_|net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE)/;

describe.skipIf(!hasChromium)('defect 5: honest connection state (Chromium)', () => {
  let suite: Suite;
  let proxy: TcpProxy;

  beforeAll(async () => {
    // the server says it is alive every second, so a silent death shows within seconds
    suite = await startSuite({ RAPPORT_STREAM_PING_MS: '1000' });
    proxy = await startProxy(Number(new URL(suite.server.baseUrl).port));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): a server that vanishes, then crashes, then comes back`, async () => {
      await proxy.up();
      const [id] = await post(suite, [inbound(`Vera ${label}`, `Is my order on its way? (${label})`)]);
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, proxy.url, admin.email, admin.password);
      await page.goto(`${proxy.url}/c/${id}`);
      await page.locator('.thread .msg.in', { hasText: 'on its way' }).waitFor();
      const live = page.locator('.topbar .live');
      await live.getByText('Live', { exact: true }).waitFor();

      // the server stops answering without closing anything: within seconds the header says so
      proxy.silent();
      await expect.poll(() => live.textContent(), { timeout: 8_000 }).toMatch(/retrying/i);
      expect(await live.textContent()).not.toContain('Live');
      await docShot(page, `live-offline-${width}`);

      // the process is gone: a reply fails in words, not "Failed to fetch"
      await proxy.down();
      const reply = `We are checking (${label})`;
      await page.getByLabel('Reply to the customer').fill(reply);
      await page.keyboard.press('Control+Enter');
      const failed = page.locator('.thread .msg.failed', { hasText: reply });
      await failed.waitFor();
      const why = (await failed.textContent()) ?? '';
      expect(why).not.toMatch(/failed to fetch/i);
      expect(why).toMatch(/cannot reach the Rapport server/i);
      await docShot(page, `live-send-failed-${width}`);

      // back: the header goes live again by itself, and the reply can be retried
      await proxy.up();
      await live.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
      await failed.getByRole('button', { name: 'Retry' }).click();
      await page.locator('.thread .msg.out:not(.failed)', { hasText: reply }).waitFor();
      expect(errors.filter((e) => !browserNetworkLog.test(e))).toEqual([]);
    }, 90_000);
  }
});
