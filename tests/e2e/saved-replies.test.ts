/**
 * Issue 14 in Chromium at a laptop's and a phone's width: `/` saved replies filled in with what is
 * known (a confirmed name, the order, the agent's display name; an unconfirmed name left visible),
 * the second-use rule (a form letter to a second customer is refused and comes back to personalise),
 * the playbook beside the composer, and a trainee's reply held until a reviewer approves it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSavedReply, installDefaultPlaybooks } from '../../src/commands/playbooks.js';
import { createUser } from '../../src/store/users-repo.js';
import { signIn } from './browser.js';
import { admin, inbound, post, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('saved replies, playbooks and approvals (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite({ RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/replies' });
    await installDefaultPlaybooks(suite.server.services, null);
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  const db = () => suite.server.services.db.kysely;
  const actor = () => ({ type: 'user' as const, id: suite.adminId, userId: suite.adminId, name: admin.name });
  async function customer(name: string, text: string, profile?: { confirmed: string; order: string }) {
    const [id] = await post(suite, [inbound(name, text)]);
    if (profile) {
      const conv = await db()
        .selectFrom('conversations')
        .select('contact_id')
        .where('id', '=', id!)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('contacts')
        .set({
          preferred_name: profile.confirmed,
          preferred_name_confirmed: 1,
          custom_json: JSON.stringify({ order_id: profile.order }),
        })
        .where('id', '=', conv.contact_id!)
        .execute();
    }
    return id!;
  }
  const outbound = (id: number) =>
    db()
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', id)
      .where('direction', '=', 'outbound')
      .execute();

  /** Types `/query` in the reply box and picks the saved reply (Enter on a laptop, a tap on a phone). */
  async function insert(page: Page, query: string, shortcut: string, tap: boolean) {
    const box = page.getByRole('textbox', { name: 'Reply to the customer' });
    await box.click();
    await box.pressSequentially(`/${query}`);
    const menu = page.getByRole('listbox', { name: 'Saved replies' });
    await menu.waitFor();
    const option = menu.getByRole('option', { name: new RegExp(`/${shortcut}\\b`) });
    if (tap) await option.tap();
    else {
      await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
      await box.press('Enter');
    }
    await menu.waitFor({ state: 'detached' });
    // the menu closes at once; the filled-in text follows when the server has rendered it
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).not.toContain(`/${query}`);
    return box;
  }

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): / inserts a saved reply with its variables; a form letter is refused until personalised`, async () => {
      const shortcut = `parcel-${label}`;
      await createSavedReply(suite.server.services, actor(), {
        shortcut,
        title: `Parcel update (${label})`,
        body: 'Hi {first_name}, order {order_id} left our warehouse today and I am watching it for you. {agent_name}',
      });
      const a = await customer(`Robin ${label}`, 'My parcel still has not arrived, order is 5 days late', {
        confirmed: 'Robin',
        order: 'A-1',
      });
      const b = await customer(`Sam ${label}`, 'Where is my parcel? It is late', {
        confirmed: 'Sam',
        order: 'B-2',
      });
      const c = await customer(`Guess ${label}`, 'Is my parcel coming?');

      const phone = width < 760;
      const { page, errors } = await suite.newPage(
        width,
        height,
        phone ? { hasTouch: true, isMobile: true } : {},
      );
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.goto(`${suite.server.baseUrl}/c/${a}`);
      if (!phone) {
        // the playbook for the conversation's complaint type sits beside the composer
        await page.getByRole('heading', { name: 'Playbook: Late or missing delivery' }).waitFor();
        await page.getByText('Never say').waitFor();
      }
      const box = await insert(page, 'parcel', shortcut, phone);
      const filled = `Hi Robin, order A-1 left our warehouse today and I am watching it for you. ${admin.name}`;
      expect(await box.inputValue()).toBe(filled);
      await page.getByRole('button', { name: 'Send reply' }).click();
      await expect.poll(async () => (await outbound(a)).map((m) => m.text)).toEqual([filled]);

      // the same saved reply, unedited, to a second customer today: refused, back in the box
      await page.goto(`${suite.server.baseUrl}/c/${b}`);
      await insert(page, shortcut.slice(0, 8), shortcut, phone);
      const again = page.getByRole('textbox', { name: 'Reply to the customer' });
      await page.getByText(/already went unedited to another customer today/).waitFor();
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /Not sent: .*personalise/i })
        .waitFor();
      expect(await again.inputValue()).toContain('Hi Sam, order B-2');
      expect(await outbound(b)).toEqual([]);
      await again.fill(
        (await again.inputValue()).replace(
          'left our warehouse today',
          'is at the Leeds depot since Monday morning',
        ),
      );
      await page.getByRole('button', { name: 'Send reply' }).click();
      await expect.poll(async () => (await outbound(b)).length).toBe(1);
      expect((await outbound(b))[0]!.text).toContain('Leeds depot');

      // a name the customer never confirmed is never guessed: the variable stays, the agent is told
      await page.goto(`${suite.server.baseUrl}/c/${c}`);
      const third = await insert(page, shortcut, shortcut, phone);
      expect(await third.inputValue()).toMatch(/^Hi \{first_name\}, order \{order_id\}/);
      await page.getByText('Fill in before sending: {first_name}, {order_id}').waitFor();
      expect(errors).toEqual([]);
    }, 120_000);

    test(`${label} (${width}px): a trainee's reply waits for approval and goes out once approved`, async () => {
      const email = `trainee-${label}@example.test`;
      const trainee = await createUser(db(), {
        email,
        name: `Tess ${label}`,
        role: 'agent',
        password: admin.password,
        now: Date.now(),
      });
      await db().updateTable('users').set({ in_training: 1 }).where('id', '=', trainee.id).execute();
      const id = await customer(`Kim ${label}`, 'You charged me twice this month, I want a refund');

      const phone = width < 760;
      const t = await suite.newPage(width, height);
      await signIn(t.page, suite.server.baseUrl, email, admin.password);
      await t.page.goto(`${suite.server.baseUrl}/c/${id}`);
      const box = t.page.getByRole('textbox', { name: 'Reply to the customer' });
      await box.fill('Sorry about the double charge, checking now.');
      await t.page.getByRole('button', { name: 'Send reply' }).click();
      await t.page.getByText('Your reply is waiting for a reviewer’s approval.').waitFor();
      await t.page.getByRole('region', { name: 'Held for approval' }).waitFor();
      expect(await outbound(id)).toEqual([]);

      const r = await suite.newPage(width, height);
      await signIn(r.page, suite.server.baseUrl, admin.email, admin.password);
      await r.page.goto(`${suite.server.baseUrl}/approvals`);
      await r.page.getByRole('heading', { name: 'Waiting for approval' }).waitFor();
      const card = r.page.locator('.held-reply', { hasText: 'double charge' });
      if (phone) {
        // on a phone: edit, then approve the edited reply
        await card.getByRole('button', { name: 'Edit' }).click();
        await card
          .getByRole('textbox')
          .fill('Sorry about the double charge: the extra one is refunded today. – Ola');
        await card.getByRole('button', { name: 'Approve edited reply' }).click();
      } else {
        await card.getByRole('button', { name: 'Approve and send' }).click();
      }
      await card.waitFor({ state: 'detached' });
      await expect.poll(async () => (await outbound(id)).length).toBe(1);
      expect((await outbound(id))[0]!.text).toMatch(phone ? /refunded today/ : /checking now/);
      // the trainee's view follows: nothing waits any more
      await t.page.getByRole('region', { name: 'Held for approval' }).waitFor({ state: 'detached' });
      expect(t.errors).toEqual([]);
      expect(r.errors).toEqual([]);
    }, 120_000);
  }
});
