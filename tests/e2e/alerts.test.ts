/**
 * Issue 13 (alerts) in Chromium: a Web Push message built by the server for a real alert reaches the
 * real service worker (DevTools ServiceWorker.deliverPushMessage) and shows as a notification that
 * links the conversation; its "Acknowledge" button acknowledges the alert on the server. The on-call
 * and alerts pages work at a laptop's and a phone's width with no console errors.
 */
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushPayload } from '../../src/commands/alert-transports.js';
import { signIn } from './browser.js';
import { admin, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('alerts in the browser (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  const alertOf = async (conversationId: number) => {
    const db = suite.server.services.db.kysely;
    await expect
      .poll(
        async () =>
          (await db.selectFrom('alerts').select('id').where('conversation_id', '=', conversationId).execute())
            .length,
      )
      .toBe(1);
    return db
      .selectFrom('alerts')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
  };

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): a pushed alert shows, links its conversation, and its button acknowledges it`, async () => {
      const [conversationId] = await post(suite, [
        inbound(
          `Kim ${label}`,
          'This is disgusting. Your food made my whole family sick and nobody answers!',
        ),
      ]);
      const alert = await alertOf(conversationId!);
      expect(alert.title).toBe(`Negative message: Kim ${label} on twitter`);

      const { page, context, errors } = await suite.newPage(width, height);
      await context.grantPermissions(['notifications']);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const cdp = await context.newCDPSession(page);
      const registrationId = await new Promise<string>((resolve) => {
        cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
          const r = e.registrations.find((x) => x.scopeURL === `${suite.server.baseUrl}/`);
          if (r) resolve(r.registrationId);
        });
        void cdp.send('ServiceWorker.enable');
      });
      const data = pushPayload({
        alertId: alert.id,
        title: alert.title,
        body: alert.body,
        url: alert.url,
        ackToken: alert.ack_token,
        kind: alert.kind,
      });
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: suite.server.baseUrl,
        registrationId,
        data,
      });
      const shown = () =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            url: (n.data as { url: string }).url,
            actions: (n as unknown as { actions: { action: string }[] }).actions.map((a) => a.action),
          })),
        );
      await expect.poll(shown).toEqual([
        {
          title: `Negative message: Kim ${label} on twitter`,
          body: 'This is disgusting. Your food made my whole family sick and nobody answers!',
          url: `/c/${conversationId}`,
          actions: ['ack'],
        },
      ]);

      // the notification's "Acknowledge" button: the service worker acknowledges with the push's token
      const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      await worker.evaluate(async () => {
        const sw = globalThis as unknown as {
          registration: { getNotifications(): Promise<unknown[]> };
          dispatchEvent(e: Event): boolean;
          NotificationEvent: new (type: string, init: { notification: unknown; action: string }) => Event;
        };
        const [notification] = await sw.registration.getNotifications();
        sw.dispatchEvent(new sw.NotificationEvent('notificationclick', { notification, action: 'ack' }));
      });
      const db = suite.server.services.db.kysely;
      await expect
        .poll(
          async () =>
            (await db.selectFrom('alerts').select('acked_at').where('id', '=', alert.id).executeTakeFirst())
              ?.acked_at,
        )
        .not.toBeNull();
      expect(await shown()).toEqual([]);
      expect(errors).toEqual([]);
    }, 60_000);

    test(`${label} (${width}px): the on-call and alerts pages`, async () => {
      const [conversationId] = await post(suite, [
        inbound(`Lee ${label}`, 'Terrible service, my refund is late again and I am furious.'),
      ]);
      await alertOf(conversationId!);
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/on-call`);
      await page.getByRole('heading', { name: 'On call now' }).waitFor();
      const name = `Support ${label}`;
      await page.getByLabel('Name').fill(name);
      await page.getByRole('checkbox', { name: admin.name }).check();
      await page.getByLabel('First turn starts').fill('2026-01-05T09:00');
      await page.getByRole('button', { name: 'Add rotation' }).click();
      await page.getByRole('button', { name: `Remove ${name}` }).waitFor();
      await expect.poll(() => page.locator('section').first().innerText()).toContain(admin.name);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      await page.getByRole('link', { name: 'Alerts' }).click();
      await page.getByRole('heading', { name: 'My alert settings' }).waitFor();
      await page.getByRole('checkbox', { name: 'A spike of negative messages' }).uncheck();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved.').waitFor();
      await page.getByText(`Negative message: Lee ${label} on twitter`).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const saved = await suite.server.services.db.kysely
        .selectFrom('alert_settings')
        .select('settings_json')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(saved.settings_json).kinds).not.toContain('negative_spike');
      expect(errors).toEqual([]);
    }, 60_000);
  }
});
