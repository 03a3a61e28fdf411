/**
 * Shared setup for the issue-20 defect suites: a real server with an admin, an agent's ingest token,
 * Chromium, and pages at a given width that record console errors and warnings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { watchConsole } from './browser.js';
import { ensureWebBuilt, launchChromium, type RunningServer, startServer } from './harness.js';

/** The admin every defect suite signs in as. */
export const admin = {
  email: 'owner@example.test',
  name: 'Olivia Owner',
  password: 'a long enough password',
};

/** The two widths each defect is checked at: a laptop and a phone. */
export const widths = [
  { label: 'desktop', width: 1280, height: 800 },
  { label: 'phone', width: 375, height: 740 },
] as const;

/** A running suite: server, browser, token, and a way to open pages. */
export interface Suite {
  server: RunningServer;
  browser: Browser;
  token: string;
  adminId: number;
  newPage(
    width: number,
    height: number,
    options?: BrowserContextOptions,
  ): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

/** Starts the server (with extra env), creates the admin and a token, launches Chromium. */
export async function startSuite(env: Record<string, string> = {}): Promise<Suite> {
  ensureWebBuilt();
  const server = await startServer(env);
  const db = server.services.db.kysely;
  const user = await createUser(db, { ...admin, role: 'admin', now: Date.now() });
  const token = (await createApiToken(db, { name: 'e2e', role: 'agent', userId: user.id, now: Date.now() }))
    .token;
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    token,
    adminId: user.id,
    async newPage(width, height, options = {}) {
      const context = await browser.newContext({
        viewport: { width, height },
        deviceScaleFactor: 1,
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return { page, context, errors: watchConsole(page) };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

/** Posts messages to the ingest API; returns the conversation id of each. */
export async function post(suite: Suite, messages: Record<string, unknown>[]): Promise<number[]> {
  const res = await fetch(`${suite.server.baseUrl}/api/v1/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${suite.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(messages),
  });
  if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { results: { conversationId: number }[] };
  return body.results.map((r) => r.conversationId);
}

let seq = 0;

/** One inbound message in the core format (a fresh external id each time). */
export function inbound(author: string, text: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  const handle = author.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return {
    channel: 'twitter',
    external_id: `d-${Date.now()}-${seq}`,
    direction: 'inbound',
    author: { id: `id-${handle}`, handle, name: author },
    text,
    created_at: new Date().toISOString(),
    ...extra,
  };
}

/** Reads a conversation's status through the API. */
export async function statusOf(suite: Suite, id: number): Promise<string> {
  const res = await fetch(`${suite.server.baseUrl}/api/v1/conversations/${id}`, {
    headers: { authorization: `Bearer ${suite.token}` },
  });
  return ((await res.json()) as { conversation: { status: string } }).conversation.status;
}

const docsShots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Saves a screenshot of a changed screen under docs/screenshots/ (committed, looked at). */
export async function docShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(docsShots, { recursive: true });
  await page.screenshot({ path: path.join(docsShots, `${name}.png`) });
}
