/**
 * Issue 20, defect 6: contacts look right. Email addresses get no "@" prefix, a chat visitor who
 * leaves a name shows it at once (never a raw visitor id), past conversations preview the
 * customer's question rather than the brand's reply, and email subjects show in the list.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { systemActor } from '../../src/store/events-repo.js';
import { WidgetClient } from '../support/widget.js';
import { signIn } from './browser.js';
import { admin, docShot, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

const origin = 'https://bakery.example';

describe.skipIf(!hasChromium)('defect 6: contacts look right (Chromium)', () => {
  let suite: Suite;
  let widgetKey = '';
  const visitors: WidgetClient[] = [];

  beforeAll(async () => {
    suite = await startSuite();
    const account = await addChannelAccount(suite.server.services, systemActor, {
      type: 'chat',
      name: 'Bakery chat',
      settings: { allowedOrigins: [origin], askEmailAfterSeconds: 0 },
    });
    widgetKey = (account.settings as { widgetKey: string }).widgetKey;
  }, 120_000);
  afterAll(async () => {
    for (const v of visitors) v.ws.close();
    await suite?.close();
  });

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): an email customer — no "@" before the address, subject in the list, their question in past conversations`, async () => {
      const address = `ann-${label}@example.com`;
      const author = { id: address, handle: address, name: `Ann ${label}` };
      const email = (text: string, extra: Record<string, unknown>) =>
        inbound('x', text, { channel: 'email', author, ...extra });
      const question = email(`Do you deliver on Sundays? (${label})`, {
        thread_id: `sundays-${label}`,
        meta: { subject: 'Sunday delivery' },
      });
      await post(suite, [question]);
      await post(suite, [
        {
          ...inbound('x', `Yes, we do! (${label})`, { channel: 'email', thread_id: `sundays-${label}` }),
          direction: 'outbound',
          author: { id: 'shop', handle: 'help@bakery.example', name: 'Bakery' },
          in_reply_to: question.external_id,
        },
      ]);
      const subject = `Where is my order 1234? (${label})`;
      const [current] = await post(suite, [
        email(`It was due yesterday (${label})`, { thread_id: `order-${label}`, meta: { subject } }),
      ]);

      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      const row = page.locator(`.conv-list a[data-id="${current}"]`);
      await row.waitFor();
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain(subject);
      expect(rowText).toContain(address);
      expect(rowText).not.toContain(`@${address}`);
      await docShot(page, `contacts-list-${width}`);

      await row.click();
      await page.locator('.thread .msg.in', { hasText: 'due yesterday' }).waitFor();
      if (width <= 760) await page.getByText('Contact details').click();
      const panel = page.locator('.contact');
      await panel.getByText(`Do you deliver on Sundays? (${label})`).waitFor();
      const text = (await page.locator('.conv').textContent()) ?? '';
      expect(text).not.toContain(`@${address}`);
      expect((await panel.locator('.past').textContent()) ?? '').not.toContain('Yes, we do!');
      await docShot(page, `contacts-email-${width}`);
      expect(errors).toEqual([]);
    }, 90_000);

    test(`${label} (${width}px): a chat visitor who gives a name is shown by it at once, never by a raw id`, async () => {
      const visitor = await WidgetClient.connect(suite.server.baseUrl, widgetKey, { origin });
      visitors.push(visitor);
      await visitor.hello();
      const ack = await visitor.say(`Can I order a birthday cake? (${label})`);
      const conversationId = await suite.server.services.db.kysely
        .selectFrom('messages')
        .select('conversation_id')
        .where('external_id', 'like', `%${ack.message.clientId}`)
        .executeTakeFirstOrThrow()
        .then((r) => r.conversation_id);

      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/c/${conversationId}`);
      await page.locator('.thread .msg.in', { hasText: 'birthday cake' }).waitFor();
      if (width <= 760) await page.getByText('Contact details').click();
      const visitorId = (
        await suite.server.services.db.kysely
          .selectFrom('contact_identities')
          .select('external_id')
          .where('channel', '=', 'chat')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).external_id;
      expect((await page.locator('.conv').textContent()) ?? '').not.toContain(visitorId);

      visitor.send({ type: 'profile', name: `Nora ${label}`, email: `nora-${label}@example.com` });
      await visitor.next('profile');
      await page.locator('.conv-head h1', { hasText: `Nora ${label}` }).waitFor({ timeout: 5_000 });
      const after = (await page.locator('.conv').textContent()) ?? '';
      expect(after).not.toContain('Unknown contact');
      expect(after).not.toContain(visitorId);
      expect(after).toContain(`nora-${label}@example.com`);
      expect(after).not.toContain(`@nora-${label}@example.com`);
      await docShot(page, `contacts-chat-visitor-${width}`);
      expect(errors).toEqual([]);
    }, 90_000);
  }
});
