/**
 * Issue 13, routing: the admin settings screens (/settings and its rules, teams, SLA and business
 * hours pages) used in Chromium at a laptop and a phone width, with no console errors, every
 * form labelled, problems said in words, and nothing wider than the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shot, signIn } from './browser.js';
import { admin, docShot, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('workspace settings screens (Chromium)', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await startSuite();
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
  });

  const db = () => suite.server.services.db.kysely;
  const fitsWidth = async (page: Page, width: number) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): presence, business hours, teams, rules and SLA policies`, async () => {
      const { page, errors } = await suite.newPage(width, height);
      await signIn(page, suite.server.baseUrl, admin.email, admin.password);
      await page.getByRole('link', { name: 'Settings' }).first().click();
      await page.waitForURL(/\/settings$/);
      await page.getByRole('heading', { name: 'Your presence' }).waitFor();

      // presence: a wrong limit is refused in words; a right one is stored
      await page.getByLabel('I am').selectOption('online');
      await page.getByLabel('Most open conversations at once').fill('-2');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The limit must be a whole number').waitFor();
      await page.getByLabel('Most open conversations at once').fill('4');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      const presence = await db()
        .selectFrom('user_presence')
        .selectAll()
        .where('user_id', '=', suite.adminId)
        .executeTakeFirstOrThrow();
      expect(presence).toMatchObject({ status: 'online', capacity: 4 });
      await fitsWidth(page, width);

      // business hours, at the path the first-run checklist links to
      await page.getByRole('link', { name: 'Business hours' }).click();
      await page.waitForURL(/\/settings\/business-hours$/);
      const hoursName = `Berlin office ${label}`;
      await page.getByRole('button', { name: 'Add business hours' }).click();
      await page.getByText('Give it a name.').waitFor();
      await page.getByLabel('Name').fill(hoursName);
      await page.getByLabel('Time zone').fill('Mars/Olympus');
      await page.getByRole('button', { name: 'Add business hours' }).click();
      await page.getByText('“Mars/Olympus” is not a time zone').waitFor();
      await page.getByLabel('Time zone').fill('Europe/Berlin');
      await page.getByLabel('Friday closes at').fill('15:00');
      await page.getByLabel('Closed days').fill('2026-12-24\n2026-12-25');
      await page.getByRole('button', { name: 'Add business hours' }).click();
      await page.getByRole('button', { name: `Edit ${hoursName}` }).waitFor();
      const hours = await db()
        .selectFrom('business_hours')
        .selectAll()
        .where('name', '=', hoursName)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(hours.weekly_json)).toMatchObject({ fri: [{ start: '09:00', end: '15:00' }] });
      expect(JSON.parse(hours.holidays_json)).toEqual(['2026-12-24', '2026-12-25']);
      await fitsWidth(page, width);
      if (width === 1280) await docShot(page, 'settings-business-hours');
      else await shot(page, 'settings-business-hours-phone');

      // teams
      await page.getByRole('link', { name: 'Settings' }).first().click();
      await page.getByRole('link', { name: 'Teams' }).click();
      await page.waitForURL(/\/settings\/teams$/);
      const teamName = `Care ${label}`;
      await page.getByLabel('Name').fill(teamName);
      await page.getByLabel('Skills').fill('billing, refunds');
      await page
        .getByRole('group', { name: 'Members' })
        .getByLabel(/Olivia Owner/)
        .check();
      await page.getByRole('button', { name: 'Add team' }).click();
      await page.getByRole('button', { name: `Edit ${teamName}` }).waitFor();
      await page.getByText('Members: Olivia Owner (online)').first().waitFor();
      await fitsWidth(page, width);

      // rules: the ready defaults, then one of our own
      await page.goto(`${suite.server.baseUrl}/settings/rules`);
      await page.getByRole('button', { name: 'Install ready defaults' }).click();
      await page.getByRole('status').waitFor();
      await page.getByText('Negative posts to spokespeople').first().waitFor();
      const ruleName = `Legal ${label}`;
      await page.getByLabel('Name', { exact: true }).fill(ruleName);
      await page.getByRole('button', { name: 'Add rule' }).click();
      await page.getByText('Choose at least one thing the rule does.').waitFor();
      await page.getByLabel('Words or phrases (any one)').fill('lawsuit, lawyer');
      await page.getByLabel('Assign to').selectOption({ label: `Team: ${teamName}` });
      await page.getByLabel('Replies need approval').check();
      await page.getByRole('button', { name: 'Add rule' }).click();
      await page.getByRole('button', { name: `Edit ${ruleName}` }).waitFor();
      const rule = await db()
        .selectFrom('routing_rules')
        .selectAll()
        .where('name', '=', ruleName)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(rule.conditions_json)).toEqual({ keywords: ['lawsuit', 'lawyer'] });
      expect(JSON.parse(rule.actions_json).map((a: { type: string }) => a.type)).toEqual([
        'assign_team',
        'require_approval',
      ]);
      await page.getByRole('button', { name: `Move ${ruleName} up` }).click();
      await expect
        .poll(
          async () =>
            (
              await db()
                .selectFrom('routing_rules')
                .select('position')
                .where('name', '=', ruleName)
                .executeTakeFirstOrThrow()
            ).position,
        )
        .toBeLessThan(rule.position);
      await fitsWidth(page, width);
      if (width === 1280) await docShot(page, 'settings-routing-rules');

      // SLA policies counting in the business hours
      await page.goto(`${suite.server.baseUrl}/settings/sla`);
      const policyName = `Questions ${label}`;
      await page.getByLabel('Name').fill(policyName);
      await page.getByRole('group', { name: 'Intent' }).getByLabel('question').check();
      await page.getByLabel('First reply within (minutes)').fill('0');
      await page.getByRole('button', { name: 'Add policy' }).click();
      await page.getByText('Targets must be whole numbers of minutes').waitFor();
      await page.getByLabel('First reply within (minutes)').fill('30');
      await page.getByLabel('Minutes count').selectOption({ label: hoursName });
      await page.getByRole('button', { name: 'Add policy' }).click();
      await page.getByRole('button', { name: `Edit ${policyName}` }).waitFor();
      const policy = await db()
        .selectFrom('sla_policies')
        .selectAll()
        .where('name', '=', policyName)
        .executeTakeFirstOrThrow();
      expect(policy).toMatchObject({ first_response_minutes: 30, business_hours_id: hours.id });
      await fitsWidth(page, width);

      expect(errors).toEqual([]);
    }, 120_000);
  }
});
