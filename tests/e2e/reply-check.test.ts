/**
 * Issue 14: the check before sending runs in the composer as the agent types. A shunting reply shows
 * its finding (matched words, why, a rewrite) within half a second of the last keystroke; when the
 * workspace blocks it, the send button says so, until the agent gives a legitimate reason, which goes
 * out with the reply. At 1280 and 375 px, failing on console errors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { putReplyCheckSettings } from '../../src/commands/reply-checks.js';
import { signIn } from './browser.js';
import { admin, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('the check before sending in the composer (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite({ RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/replies' });
    await putReplyCheckSettings(
      suite.server.services,
      { type: 'user', id: suite.adminId, userId: suite.adminId, name: admin.name },
      {
        levels: { offline_shunt: 'block' },
        channels: {},
        confidentialTerms: [],
        publicContacts: [],
        requireSignature: false,
      },
    );
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): a shunting reply shows its finding while typing and blocks until a reason is given`, async () => {
      const [id] = await post(suite, [
        inbound(`Rosa ${label}`, `My parcel never arrived and tracking shows nothing (${label})`),
      ]);
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/c/${id}`);
      const box = page.getByRole('textbox', { name: 'Reply to the customer' });
      await box.click();
      await page.keyboard.type('Sorry about the parcel! Please DM us your order number.');
      const typedAt = Date.now();
      const finding = page.locator('.reply-findings .finding[data-code="offline_shunt"]');
      await finding.waitFor({ state: 'visible', timeout: 2000 });
      const lag = Date.now() - typedAt;
      expect(lag).toBeLessThan(500);
      await expect.poll(() => finding.locator('mark').textContent()).toBe('DM');
      expect(await finding.textContent()).toMatch(/instead of helping where they asked/);
      expect(await finding.textContent()).toMatch(/Answer here first/);
      // the finding stays inside the screen on a phone
      const rect = (await finding.boundingBox())!;
      expect(rect.x + rect.width).toBeLessThanOrEqual(width);

      const send = page.getByRole('button', { name: /^Send reply/ });
      expect(await send.textContent()).toMatch(/blocked by 1 finding/);
      expect(await send.isDisabled()).toBe(true);

      await finding
        .getByRole('combobox', { name: /Reason for a private channel/ })
        .selectOption('account_details');
      await expect.poll(() => send.isDisabled()).toBe(false);
      expect(await send.textContent()).not.toMatch(/blocked/);
      await send.click();
      await expect
        .poll(async () => {
          const res = await fetch(`${suite.server.baseUrl}/api/v1/conversations/${id}`, {
            headers: { authorization: `Bearer ${suite.token}` },
          });
          const body = (await res.json()) as { messages: { direction: string; text: string }[] };
          return body.messages.filter((m) => m.direction === 'outbound').map((m) => m.text);
        })
        .toEqual(['Sorry about the parcel! Please DM us your order number.']);
      const event = await suite.server.services.db.kysely
        .selectFrom('events')
        .select('data_json')
        .where('type', '=', 'message.replied')
        .where('conversation_id', '=', id!)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(event.data_json ?? '{}')).toMatchObject({ shuntReason: 'account_details' });
      // the box is free again, and a helpful reply shows no finding
      await box.fill('Sorry about the parcel! It left our depot on Monday; a new one ships today.');
      await page.waitForTimeout(300);
      expect(await page.locator('.reply-findings .finding').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  }
});
