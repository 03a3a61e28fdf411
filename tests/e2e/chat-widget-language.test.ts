/**
 * The chat widget speaks the visitor's language in Debian's Chromium: the browser's language by
 * default, the site's setting when the business chose one, and the page's `data-lang` above both;
 * the business's own greeting is shown as written, and the untouched defaults are translated.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { systemActor } from '../../src/store/events-repo.js';
import { ensureWidgetBuilt } from '../support/widget.js';
import { shot, watchConsole } from './browser.js';
import { hasChromium, launchChromium, type RunningServer, startServer } from './harness.js';

/** A shop's page per widget key, `?lang=xx` adding `data-lang` to the script tag. */
function startSite(rapport: string) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    const key = url.searchParams.get('key') ?? '';
    const lang = url.searchParams.get('lang');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>
<script src="${rapport}/widget.js" data-rapport-widget="${key}"${lang ? ` data-lang="${lang}"` : ''} async></script></body></html>`);
  });
  return new Promise<{ server: http.Server; url: string }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://localhost:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe.skipIf(!hasChromium)('chat widget languages in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: { server: http.Server; url: string };
  const keys = { auto: '', french: '' };

  beforeAll(async () => {
    ensureWidgetBuilt();
    server = await startServer();
    site = await startSite(server.baseUrl);
    const add = async (name: string, settings: Record<string, unknown>) => {
      const account = await addChannelAccount(server.services, systemActor, {
        type: 'chat',
        name,
        settings: { allowedOrigins: [site.url], ...settings },
      });
      return (account.settings as { widgetKey: string }).widgetKey;
    };
    keys.auto = await add('Defaults, any language', {});
    keys.french = await add('French shop', { language: 'fr', greeting: 'Bienvenue chez Boulange !' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((r) => site?.server.close(r));
  });

  /** Opens the widget on a page, as a visitor whose browser speaks `locale`, at `width` px. */
  const visit = async (locale: string, query: string, width: number) => {
    const context = await browser.newContext({ locale, viewport: { width, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchConsole(page);
    await page.goto(`${site.url}/?${query}`);
    return { context, page, errors };
  };
  const panelFacts = (page: Page) =>
    page.evaluate(() => {
      const root = document.querySelector('[data-rapport-chat]')!.shadowRoot!;
      const q = (s: string) => root.querySelector(s);
      return {
        lang: q('.panel')?.getAttribute('lang'),
        title: q('h2')?.textContent,
        greeting: q('.greeting')?.textContent,
        send: q('.compose button')?.textContent,
        box: q('textarea')?.getAttribute('aria-label'),
      };
    });

  for (const width of [1280, 375]) {
    test(`a German browser gets the widget in German, defaults translated (${width} px)`, async () => {
      const v = await visit('de-DE', `key=${keys.auto}`, width);
      await v.page.getByRole('button', { name: 'Chat öffnen' }).click();
      await v.page.getByRole('dialog', { name: 'Schreiben Sie uns' }).waitFor();
      expect(await panelFacts(v.page)).toEqual({
        lang: 'de',
        title: 'Schreiben Sie uns',
        greeting: 'Hallo! Wie können wir helfen?',
        send: 'Senden',
        box: 'Ihre Nachricht',
      });
      const box = v.page.getByRole('textbox', { name: 'Ihre Nachricht' });
      await box.fill('Die Brötchen waren super lecker');
      await box.press('Enter');
      await v.page.locator('.msg.visitor:not(.pending)', { hasText: 'Brötchen' }).waitFor();
      await shot(v.page, `45-chat-widget-german-${width}`);
      expect(v.errors).toEqual([]);
      await v.context.close();
    });
  }

  test('a browser language the widget does not speak gets English', async () => {
    const v = await visit('ja-JP', `key=${keys.auto}`, 1280);
    await v.page.getByRole('button', { name: 'Open chat' }).click();
    await v.page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    expect((await panelFacts(v.page)).greeting).toBe('Hi! How can we help?');
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  test("the site's setting wins over the browser, and its own greeting is kept as written", async () => {
    const v = await visit('de-DE', `key=${keys.french}`, 375);
    await v.page.getByRole('button', { name: 'Ouvrir le chat' }).click();
    await v.page.getByRole('dialog', { name: 'Écrivez-nous' }).waitFor();
    const facts = await panelFacts(v.page);
    expect(facts).toMatchObject({ lang: 'fr', greeting: 'Bienvenue chez Boulange !', send: 'Envoyer' });
    await v.page.getByRole('button', { name: 'Laisser votre e-mail' }).click();
    await v.page.getByRole('textbox', { name: 'Votre adresse e-mail' }).waitFor();
    await shot(v.page, '46-chat-widget-french-375');
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  test("the page's data-lang wins over the site's setting and the browser", async () => {
    const v = await visit('de-DE', `key=${keys.french}&lang=es`, 1280);
    await v.page.getByRole('button', { name: 'Abrir chat' }).click();
    await v.page.getByRole('dialog', { name: 'Escríbenos' }).waitFor();
    expect((await panelFacts(v.page)).box).toBe('Escribe tu mensaje');
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});
