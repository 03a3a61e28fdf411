/**
 * Issue 20, first run: a checklist whose steps are ticked only when they are really done (a channel
 * connected, a teammate who can sign in, alerts allowed on this device, business hours set), put away
 * per person; and an
 * empty inbox that says there are no channels yet, with the button to connect one.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { createHours } from '../../src/commands/sla-settings.js';
import { systemActor } from '../../src/store/events-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { signIn } from './browser.js';
import { admin, docShot, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('first run (Chromium)', () => {
  let suite: Suite | undefined;
  afterEach(async () => {
    await suite?.close();
    suite = undefined;
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): the checklist follows what is really set up, and can be put away`, async () => {
      suite = await startSuite();
      const s = suite;
      const { page, context, errors } = await s.newPage(width, height);
      await signIn(page, s.server.baseUrl, admin.email, admin.password);
      const checklist = page.getByRole('region', { name: 'Get set up' });
      await checklist.getByText('0 of 4 done').waitFor();
      // business hours are set on their own settings page: the step links there
      expect(await checklist.getByRole('link', { name: 'Set business hours' }).getAttribute('href')).toBe(
        '/settings/business-hours',
      );
      // the empty inbox says why it is empty, with the primary action right there
      const empty = page.locator('.empty-state', { hasText: 'No channels yet' });
      await empty.waitFor();
      expect(await page.getByText('Inbox zero').count()).toBe(0);
      await docShot(page, `first-run-${label}`);
      await empty.getByRole('button', { name: 'Connect a channel' }).click();
      const channels = page.getByRole('dialog', { name: 'Channels' });
      await channels.waitFor();
      await channels.getByRole('button', { name: 'Close' }).first().click();

      // alerts: done once this browser allows them
      await context.grantPermissions(['notifications']);
      // a teammate who can sign in, and a connected channel (from the CLI's side: the server's data)
      await createUser(s.server.services.db.kysely, {
        email: 'sam@example.test',
        name: 'Sam Teammate',
        password: 'another long password',
        role: 'agent',
        now: Date.now(),
      });
      await addChannelAccount(s.server.services, systemActor, {
        type: 'chat',
        name: 'Shop chat',
        settings: { allowedOrigins: ['https://shop.example'] },
      });
      await page.reload();
      await checklist.getByText('3 of 4 done').waitFor();
      // the last step: business hours, as the settings page (or the API) stores them
      await createHours(
        s.server.services,
        { type: 'user', id: s.adminId, userId: s.adminId, name: admin.name },
        {
          name: 'Bakery hours',
          timeZone: 'Europe/Berlin',
          weekly: { mon: [{ start: '08:00', end: '18:00' }] },
          holidays: [],
        },
      );
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      // every step done: the list goes by itself, and the inbox is really at zero
      await page.getByText('Inbox zero').waitFor();
      expect(await checklist.count()).toBe(0);
      expect(errors).toEqual([]);
    }, 90_000);

    test(`${label} (${width}px): hiding the checklist is kept for that person only`, async () => {
      suite = await startSuite();
      const s = suite;
      const { page, errors } = await s.newPage(width, height);
      await signIn(page, s.server.baseUrl, admin.email, admin.password);
      const checklist = page.getByRole('region', { name: 'Get set up' });
      await checklist.getByText('Connect a channel', { exact: true }).first().waitFor();
      await checklist.getByRole('button', { name: 'Hide' }).click();
      expect(await checklist.count()).toBe(0);
      await page.reload();
      await page.locator('.empty-state', { hasText: 'No channels yet' }).waitFor();
      expect(await checklist.count()).toBe(0);

      // a teammate still sees their own checklist
      await createUser(s.server.services.db.kysely, {
        email: 'sam@example.test',
        name: 'Sam Teammate',
        password: 'another long password',
        role: 'agent',
        now: Date.now(),
      });
      const other = await s.newPage(width, height);
      await signIn(other.page, s.server.baseUrl, 'sam@example.test', 'another long password');
      await other.page.getByRole('region', { name: 'Get set up' }).waitFor();
      // an agent cannot connect channels: the empty inbox says who can
      await other.page.getByText('Ask an admin of your Rapport to connect one.').waitFor();
      expect(errors).toEqual([]);
      expect(other.errors).toEqual([]);
    }, 90_000);
  }
});
