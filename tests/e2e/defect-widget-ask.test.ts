/**
 * Issue 20, defect 3: the chat widget must not say "No one is free right now, leave your email"
 * next to an agent's live answer: a reply hides the prompt, and a page load does not fire it at once
 * for a question asked on an earlier page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { systemActor } from '../../src/store/events-repo.js';
import { eventually } from '../support/channel-contract.js';
import { ensureWidgetBuilt } from '../support/widget.js';
import { docShot, type Suite, startSuite, widths } from './defects.js';
import { hasChromium } from './harness.js';

describe.skipIf(!hasChromium)('defect 3: the email prompt never contradicts a live answer (Chromium)', () => {
  let suite: Suite;
  let site: http.Server;
  let siteUrl = '';
  let widgetKey = '';
  let worker: ReturnType<typeof createJobWorker>;

  beforeAll(async () => {
    ensureWidgetBuilt();
    suite = await startSuite();
    const rapport = suite.server.baseUrl;
    site = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bakery</title></head>
<body><h1>Bakery</h1><script src="${rapport}/widget.js" data-rapport-widget="${widgetKey}" async></script></body></html>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    const account = await addChannelAccount(suite.server.services, systemActor, {
      type: 'chat',
      name: 'Bakery chat',
      settings: { allowedOrigins: [siteUrl], brandName: 'Bakery', askEmailAfterSeconds: 2 },
    });
    widgetKey = (account.settings as { widgetKey: string }).widgetKey;
    worker = createJobWorker(suite.server.services, { idleMs: 50 });
    worker.start();
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await suite?.close();
    await new Promise((r) => site?.close(r));
  });

  const conversationOf = (text: string) =>
    eventually(
      () =>
        suite.server.services.db.kysely
          .selectFrom('messages')
          .select('conversation_id')
          .where('text', '=', text)
          .executeTakeFirst(),
      5_000,
      'the stored message',
    ).then((r) => r.conversation_id);
  const agentReplies = async (conversationId: number, text: string) => {
    const res = await fetch(`${suite.server.baseUrl}/api/v1/conversations/${conversationId}/reply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(200);
  };
  const say = async (page: Page, text: string) => {
    const box = page.getByRole('textbox', { name: 'Type your message' });
    await box.fill(text);
    await box.press('Enter');
    await page.locator('.msg.visitor:not(.pending)', { hasText: text }).waitFor();
  };

  for (const { label, width, height } of widths) {
    test(`${label} (${width}px): an agent's answer takes the place of the email prompt, also after a reload`, async () => {
      const { page, errors } = await suite.newPage(width, height);
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const ask = page.getByRole('form', { name: 'Leave your email' });
      const question = `Do you bake rye bread? (${label})`;
      await say(page, question);
      const conversation = await conversationOf(question);

      // nobody answers in 2 s: the prompt is right; then an agent answers live: it must go
      await ask.waitFor({ timeout: 8_000 });
      await agentReplies(conversation, `Yes, every Friday (${label})`);
      await page.locator('.msg.agent', { hasText: 'every Friday' }).waitFor();
      await expect.poll(() => ask.isVisible()).toBe(false);
      await docShot(page, `widget-answer-no-prompt-${width}`);

      // another question, then a new page after the prompt's time has passed: the prompt must not
      // greet the visitor at once, and an answer arriving meanwhile means it never shows
      const more = `And on Saturdays? (${label})`;
      await say(page, more);
      await page.waitForTimeout(2_500);
      await page.reload();
      await page.locator('.msg.visitor', { hasText: more }).waitFor();
      expect(await ask.isVisible()).toBe(false);
      await agentReplies(conversation, `Saturdays too (${label})`);
      await page.locator('.msg.agent', { hasText: 'Saturdays too' }).waitFor();
      await page.waitForTimeout(2_500);
      expect(await ask.isVisible()).toBe(false);
      expect(errors).toEqual([]);
    }, 90_000);
  }
});
