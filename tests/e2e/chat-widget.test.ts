/**
 * The website chat widget in Debian's Chromium: a business's page on another origin (with a strict
 * CSP and hostile CSS) embeds the widget with one script tag; an agent answers from the inbox; a
 * second visitor, and visitors with forged cookies, see nothing of the first visitor's conversation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { systemActor } from '../../src/store/events-repo.js';
import { eventually } from '../support/channel-contract.js';
import { ensureWidgetBuilt } from '../support/widget.js';
import { shot, signIn, watchConsole } from './browser.js';
import { ensureWebBuilt, hasChromium, launchChromium, type RunningServer, startServer } from './harness.js';

const owner = { email: 'owner@example.test', name: 'Olivia Owner', password: 'a long enough password' };

/** The business's website: its own origin (localhost, another port), strict CSP, CSS that fights back. */
function startSite(rapport: string, widgetKey: () => string) {
  const ws = rapport.replace(/^http/, 'ws');
  const server = http.createServer((req, res) => {
    if (req.url === '/site.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(
        '* { font-size: 40px !important; color: red !important; } button { display: none !important; }',
      );
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src ${rapport}; connect-src ${ws}; style-src 'self'`,
    });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<link rel="stylesheet" href="/site.css"></head><body><h1>Acme shop</h1><p>Shoes and more.</p>
<script src="${rapport}/widget.js" data-rapport-widget="${widgetKey()}" async></script></body></html>`);
  });
  return new Promise<{ server: http.Server; url: string }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://localhost:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe.skipIf(!hasChromium)('website chat widget in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: { server: http.Server; url: string };
  let worker: ReturnType<typeof createJobWorker>;
  let widgetKey = '';
  const contexts: BrowserContext[] = [];

  const newPage = async (width = 1280, height = 800) => {
    const context = await browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { context, page, errors: watchConsole(page) };
  };
  const openWidget = async (page: Page) => {
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('dialog', { name: 'Acme support' }).waitFor();
  };
  const say = async (page: Page, text: string) => {
    const box = page.getByRole('textbox', { name: 'Type your message' });
    await box.fill(text);
    await box.press('Enter');
    // acknowledged = stored by the server
    await page.locator('.msg.visitor:not(.pending)', { hasText: text }).waitFor();
  };
  const conversationOf = (text: string) =>
    eventually(
      () =>
        server.services.db.kysely
          .selectFrom('messages')
          .select('conversation_id')
          .where('text', '=', text)
          .executeTakeFirst(),
      5_000,
      'the stored message',
    ).then((r) => r.conversation_id);

  beforeAll(async () => {
    ensureWebBuilt();
    ensureWidgetBuilt();
    server = await startServer();
    const setup = await fetch(`${server.baseUrl}/api/v1/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(owner),
    });
    expect(setup.status).toBe(200);
    site = await startSite(server.baseUrl, () => widgetKey);
    const account = await addChannelAccount(server.services, systemActor, {
      type: 'chat',
      name: 'Acme website',
      settings: {
        allowedOrigins: [site.url],
        brandName: 'Acme support',
        greeting: 'Hi! Ask us anything.',
        accentColor: '#0f766e',
        askEmailAfterSeconds: 3,
      },
    });
    widgetKey = (account.settings as { widgetKey: string }).widgetKey;
    worker = createJobWorker(server.services, { idleMs: 50 });
    worker.start();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await worker?.stop();
    await server?.close();
    await new Promise((r) => site?.server.close(r));
  });

  let first: Awaited<ReturnType<typeof newPage>>;
  let agent: Awaited<ReturnType<typeof newPage>>;
  let firstConversation = 0;

  test('a visitor and an agent talk both ways, live', async () => {
    agent = await newPage();
    await signIn(agent.page, server.baseUrl, owner.email, owner.password);
    await agent.page.getByText('Live', { exact: true }).waitFor();

    first = await newPage();
    await openWidget(first.page);
    await first.page.getByText('Hi! Ask us anything.').waitFor();
    await shot(first.page, '40-chat-widget-open');
    const hello = 'Hi, my parcel has not arrived <img src=x onerror="window.__pwned=1">';
    await say(first.page, hello);

    firstConversation = await conversationOf(hello);
    const row = agent.page.locator(`.conv-list a[data-id="${firstConversation}"]`);
    await row.waitFor({ timeout: 5_000 }); // appeared live in the inbox
    await row.click();
    await agent.page.locator('.thread .msg.in', { hasText: 'my parcel has not arrived' }).waitFor();

    const reply =
      'Sorry! It is on its way <b>today</b> <script>window.__pwned=2</script> see https://example.com/track.';
    const box = agent.page.getByLabel('Reply to the customer');
    await box.fill(reply);
    await box.press('Control+Enter');
    const shown = first.page.locator('.msg.agent', { hasText: 'It is on its way' });
    await shown.waitFor({ timeout: 5_000 }); // pushed to the visitor live
    expect(await shown.locator('.text').textContent()).toBe(reply);
    expect(await shown.locator('.meta').textContent()).toContain(owner.name);
    await shot(first.page, '41-chat-widget-reply');

    const thanks = 'Thank you, that was quick!';
    await say(first.page, thanks);
    await agent.page.locator('.thread .msg.in', { hasText: thanks }).waitFor({ timeout: 5_000 });
    await shot(agent.page, '42-chat-agent-thread');

    const facts = await first.page.evaluate(() => {
      const root = document.querySelector('[data-rapport-chat]')!.shadowRoot!;
      const link = root.querySelector('.msg.agent a');
      const bubble = root.querySelector('.bubble')!;
      return {
        pwned: (window as { __pwned?: number }).__pwned ?? null,
        imgs: root.querySelectorAll('img, script, b').length,
        link: link
          ? [link.getAttribute('href'), link.getAttribute('rel'), link.getAttribute('target')]
          : null,
        bubbleColor: getComputedStyle(bubble).backgroundColor,
        bubbleShown: getComputedStyle(bubble).display !== 'none',
        textSize: getComputedStyle(root.querySelector('.msg .text')!).fontSize,
      };
    });
    expect(facts).toEqual({
      pwned: null,
      imgs: 0,
      link: ['https://example.com/track', 'noopener noreferrer nofollow', '_blank'],
      bubbleColor: 'rgb(15, 118, 110)', // the account's accent colour, despite the host CSS
      bubbleShown: true,
      textSize: '14px',
    });
    await eventually(
      async () =>
        (
          await server.services.db.kysely
            .selectFrom('messages')
            .select('delivery_status')
            .where('text', '=', reply)
            .executeTakeFirst()
        )?.delivery_status === 'sent',
      5_000,
      'the reply to be marked sent',
    );
    expect(first.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
  });

  test('a returning visitor gets their history back from the cookie', async () => {
    const cookies = await first.context.cookies(site.url);
    const cookie = cookies.find((c) => c.name === `rapport_chat_${widgetKey}`);
    expect(cookie?.value).toMatch(/^v1\.v_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(cookie?.sameSite).toBe('Lax');
    await first.page.reload();
    await first.page.getByRole('dialog', { name: 'Acme support' }).waitFor(); // stays open across pages
    await first.page.locator('.msg.agent', { hasText: 'It is on its way' }).waitFor();
    await first.page.locator('.msg.visitor', { hasText: 'Thank you, that was quick!' }).waitFor();
    expect(first.errors).toEqual([]);
  });

  test("a second visitor cannot see the first one's conversation, and is asked for an email", async () => {
    const second = await newPage(375, 740);
    await openWidget(second.page);
    await second.page.getByText('Hi! Ask us anything.').waitFor();
    const mine = 'Do you ship to Norway?';
    await say(second.page, mine);
    const log = second.page.getByRole('log');
    expect(await log.textContent()).not.toContain('parcel');
    expect(await log.textContent()).not.toContain('on its way');
    expect(await conversationOf(mine)).not.toBe(firstConversation);

    // nobody answers within askEmailAfterSeconds (3 s): the widget asks for an email address
    const form = second.page.getByRole('form', { name: 'Leave your email' });
    await form.waitFor({ timeout: 8_000 });
    await second.page.getByLabel('Your name (optional)').fill('Nora');
    await second.page.getByLabel('Your email', { exact: true }).fill('nora@example.com');
    await shot(second.page, '43-chat-widget-ask-email-phone');
    await second.page.getByRole('button', { name: 'Save' }).click();
    await second.page.getByText('we will reply to nora@example.com').waitFor();
    const overflow = await second.page.evaluate(() => {
      const panel = document.querySelector('[data-rapport-chat]')!.shadowRoot!.querySelector('.panel')!;
      const box = panel.getBoundingClientRect();
      return { left: box.left, right: window.innerWidth - box.right, top: box.top };
    });
    expect(overflow.left).toBeGreaterThanOrEqual(0);
    expect(overflow.right).toBeGreaterThanOrEqual(0);
    expect(overflow.top).toBeGreaterThanOrEqual(0);

    // the first visitor's page never got the second visitor's message
    await first.page.waitForTimeout(300);
    expect(await first.page.getByRole('log').textContent()).not.toContain('Norway');
    expect(second.errors).toEqual([]);
  });

  test('forged and tampered cookies start a fresh visitor, never the victim’s conversation', async () => {
    const stolen = (await first.context.cookies(site.url)).find(
      (c) => c.name === `rapport_chat_${widgetKey}`,
    )!;
    const [version, visitorId, signature] = stolen.value.split('.') as [string, string, string];
    const tampered = `${version}.${visitorId}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const forged = `${version}.${visitorId}.${'A'.repeat(43)}`;
    for (const value of [tampered, forged, 'v1.v_AAAAAAAAAAAAAAAAAAAAAA.not-a-signature']) {
      const mallory = await newPage();
      await mallory.context.addCookies([{ name: stolen.name, value, url: site.url }]);
      await openWidget(mallory.page);
      await mallory.page.getByText('Hi! Ask us anything.').waitFor();
      expect(await mallory.page.getByRole('log').textContent()).not.toContain('parcel');
      const replaced = await eventually(
        async () =>
          (await mallory.context.cookies(site.url)).find((c) => c.name === stolen.name && c.value !== value),
        5_000,
        'a fresh token',
      );
      expect(replaced.value.split('.')[1]).not.toBe(visitorId);
      expect(mallory.errors).toEqual([]);
    }
  });
});
