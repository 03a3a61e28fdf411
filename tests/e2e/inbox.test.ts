import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { keyboardAndActions } from './actions.js';
import { ingest, readConversation, shot, signIn, watchConsole } from './browser.js';
import { ensureWebBuilt, hasChromium, launchChromium, type RunningServer, startServer } from './harness.js';

if (!hasChromium)
  console.warn('[e2e] /usr/bin/chromium not found: browser tests are skipped (apt-get install chromium)');

const admin = { email: 'owner@example.test', name: 'Olivia Owner', password: 'a long enough password' };
const teammate = { email: 'bo@example.test', name: 'Bo Teammate', password: 'another long password' };

describe.skipIf(!hasChromium)('inbox web app in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let token = '';
  const contexts: BrowserContext[] = [];

  const newPage = async (width: number, height: number) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { page, errors: watchConsole(page) };
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test('first run creates the admin account in the browser', async () => {
    const { page, errors } = await newPage(1280, 800);
    await page.goto(server.baseUrl);
    await page.getByRole('button', { name: 'Create admin account' }).waitFor();
    await shot(page, '01-first-run-setup');
    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // a new install has no channels: the empty inbox says so and offers to connect one
    await page.getByText('No channels yet').waitFor();
    await shot(page, '02-empty-inbox');

    const db = server.services.db.kysely;
    const owner = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', admin.email)
      .executeTakeFirstOrThrow();
    token = (
      await createApiToken(db, { name: 'e2e ingest', role: 'agent', userId: owner.id, now: Date.now() })
    ).token;
    await createUser(db, { ...teammate, role: 'agent', now: Date.now() });
    expect(errors).toEqual([]);
  });

  test('the server sends a strict Content-Security-Policy with the app', async () => {
    for (const url of ['/', '/c/123']) {
      const res = await fetch(`${server.baseUrl}${url}`);
      expect(res.headers.get('content-type')).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const part of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp).toContain(part);
      }
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const api = await fetch(`${server.baseUrl}/api/v1/nothing-here`);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  for (const [label, width] of [
    ['desktop', 1280],
    ['phone', 375],
  ] as const) {
    test(`${label} (${width}px): hostile message text renders as inert, sane text`, async () => {
      expect(token).not.toBe('');
      const thread = `hostile-${label}`;
      const hostile = [
        '<img src=x onerror="window.__pwned=1"> look at my picture',
        '<script>window.__pwned=2</script> and <a href="javascript:window.__pwned=3">click me</a>',
        'javascript:window.__pwned=4 then https://example.com/order?id=7. Thanks',
        `${'A'.repeat(6000)} ${'b'.repeat(3999)}`,
        'مرحبا، طلبي رقم ١٢٣ لم يصل بعد وأنا غاضب جدا 😡',
        `${'👩‍👩‍👧‍👦🔥💯 '.repeat(60)}ok`,
      ];
      let conversationId = 0;
      for (const text of hostile) {
        conversationId = await ingest(server.baseUrl, token, { text, author: `Mallory ${label}`, thread });
      }
      const { page, errors } = await newPage(width, 800);
      await signIn(page, server.baseUrl, admin.email, admin.password);
      await page.goto(`${server.baseUrl}/c/${conversationId}`);
      await page
        .locator('.thread .msg.in')
        .nth(hostile.length - 1)
        .waitFor();

      const facts = await page.evaluate(() => {
        const threadEl = document.querySelector('.thread')!;
        const scroller = document.querySelector('.thread-scroll')!;
        const rtl = [...document.querySelectorAll('.msg-text')].find((el) =>
          el.textContent?.includes('مرحبا'),
        );
        return {
          pwned: (window as { __pwned?: number }).__pwned ?? null,
          imgs: threadEl.querySelectorAll('img').length,
          scripts: document.querySelectorAll('script:not([src])').length,
          jsLinks: document.querySelectorAll('a[href^="javascript"]').length,
          links: [...threadEl.querySelectorAll('a[href]')].map((a) => [
            a.getAttribute('href'),
            a.getAttribute('rel'),
          ]),
          literal: threadEl.textContent?.includes('<img src=x onerror=') ?? false,
          rtlDir: rtl ? getComputedStyle(rtl).direction : null,
          rtlAttr: rtl?.getAttribute('dir') ?? null,
          threadOverflow: scroller.scrollWidth - scroller.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
          longShown: [...document.querySelectorAll('.msg-text')].map((el) => el.textContent?.length ?? 0),
        };
      });
      expect(facts.pwned).toBeNull();
      expect(facts.imgs).toBe(0);
      expect(facts.scripts).toBe(0);
      expect(facts.jsLinks).toBe(0);
      expect(facts.links).toEqual([['https://example.com/order?id=7', 'noopener noreferrer nofollow']]);
      expect(facts.literal).toBe(true);
      expect(facts.rtlAttr).toBe('auto');
      expect(facts.rtlDir).toBe('rtl');
      expect(facts.threadOverflow).toBeLessThanOrEqual(0);
      expect(facts.pageOverflow).toBeLessThanOrEqual(0);
      expect(Math.max(...facts.longShown)).toBeLessThan(1100); // the 10,000-character message starts collapsed
      await shot(page, `20-${label}-hostile`);

      await page.getByRole('button', { name: /Show more/ }).click();
      const expanded = await page.evaluate(() => {
        const scroller = document.querySelector('.thread-scroll')!;
        return {
          longest: Math.max(
            ...[...document.querySelectorAll('.msg-text')].map((el) => el.textContent?.length ?? 0),
          ),
          overflow: scroller.scrollWidth - scroller.clientWidth,
        };
      });
      expect(expanded.longest).toBe(10_000);
      expect(expanded.overflow).toBeLessThanOrEqual(0);
      await shot(page, `21-${label}-hostile-expanded`);
      expect(errors).toEqual([]);
    });
  }

  test('keyboard, private note with @mention, assign, label, snooze and search', async () => {
    expect(token).not.toBe('');
    const { page, errors } = await newPage(1280, 800);
    await signIn(page, server.baseUrl, admin.email, admin.password);
    const { angry, calm } = await keyboardAndActions(page, server.baseUrl, token, teammate.name);
    const stored = await readConversation(server.baseUrl, token, angry);
    expect(stored.conversation.status).toBe('snoozed');
    const answered = await readConversation(server.baseUrl, token, calm);
    expect(answered.messages.filter((m) => m.direction === 'outbound').map((m) => m.text)).toEqual([
      'We open at 9:00 every day.',
    ]);
    // the only console error allowed is the browser reporting the 502 we injected on purpose
    expect(errors.filter((e) => !e.includes('status of 502'))).toEqual([]);
  });

  for (const [label, width, height] of [
    ['desktop', 1280, 800],
    ['phone', 375, 740],
  ] as const) {
    test(`${label} (${width}px): live message → open → reply → stored → resolve`, async () => {
      expect(token).not.toBe('');
      const narrow = width < 700;
      const { page, errors } = await newPage(width, height);
      await signIn(page, server.baseUrl, admin.email, admin.password);
      await page.getByText('Live', { exact: true }).waitFor();

      const text = `My order never arrived and nobody answers, this is terrible! (${label})`;
      const started = Date.now();
      const conversationId = await ingest(server.baseUrl, token, { text, author: `Sam ${label}` });
      const row = page.locator(`.conv-list a[data-id="${conversationId}"]`);
      await row.waitFor({ timeout: 5_000 });
      const appearedMs = Date.now() - started;
      expect(appearedMs).toBeLessThan(2_000);
      expect(await row.textContent()).toContain('Negative');
      await shot(page, `10-${label}-live-row`);

      await row.click();
      await page.locator('.thread .msg.in', { hasText: text }).waitFor();
      if (narrow) expect(await page.locator('.list-pane').count()).toBe(0);

      if (!narrow) {
        // a teammate opens the same conversation: the collision warning appears
        const other = await newPage(1280, 800);
        await signIn(other.page, server.baseUrl, teammate.email, teammate.password);
        await other.page.goto(`${server.baseUrl}/c/${conversationId}`);
        await other.page.locator('.thread .msg.in', { hasText: text }).waitFor();
        await page.getByText('Bo Teammate is also viewing this conversation').waitFor({ timeout: 5_000 });
        await other.page.getByLabel('Reply to the customer').fill('Let me check this one');
        await page
          .getByText('Bo Teammate is replying to this conversation right now')
          .waitFor({ timeout: 5_000 });
        await shot(page, `11-${label}-collision`);
        await other.page.close();
        expect(other.errors).toEqual([]);
      }

      await page.keyboard.press('r');
      const box = page.getByLabel('Reply to the customer');
      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
      const reply = `So sorry Sam, we are on it (${label}) 🙏`;
      await box.fill(reply);
      await shot(page, `12-${label}-composing`);
      await page.keyboard.press('Control+Enter');
      await page.locator('.thread .msg.out', { hasText: reply }).waitFor();
      await page.locator('.thread .msg.out', { hasText: reply }).locator('.delivery').waitFor();
      await shot(page, `13-${label}-replied`);

      const stored = await readConversation(server.baseUrl, token, conversationId);
      expect(stored.messages.some((m) => m.direction === 'outbound' && m.text === reply)).toBe(true);

      await page.getByRole('button', { name: /Resolve/ }).click();
      // resolving moves on to the next conversation and offers Undo (issue 20)
      await page
        .getByRole('status')
        .filter({ hasText: `Resolved the conversation with Sam ${label}` })
        .waitFor();
      await page.waitForURL((url) => url.pathname !== `/c/${conversationId}`);
      await shot(page, `14-${label}-resolved`);
      expect((await readConversation(server.baseUrl, token, conversationId)).conversation.status).toBe(
        'resolved',
      );

      if (narrow) {
        await page.getByRole('button', { name: 'Inbox' }).click();
        await page.getByRole('navigation', { name: 'Inbox views' }).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(overflow).toBeLessThanOrEqual(width);
        await shot(page, `15-${label}-back-to-list`);
      } else {
        await page.locator(`.conv-list a[data-id="${conversationId}"]`).waitFor({ state: 'detached' });
      }
      expect(errors).toEqual([]);
    });
  }
});
