/** Small browser helpers for the e2e suites: console watching, sign-in, ingest and API reads. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './harness.js';

/** Collects console errors and uncaught page errors; the suites assert it stays empty. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Saves a full-page screenshot under tests/e2e/screenshots/. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Signs in through the form (the server already has users). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

let counter = 0;

/** Posts one inbound message to the ingest API with a bearer token; returns its conversation id. */
export async function ingest(
  baseUrl: string,
  token: string,
  input: { text: string; author: string; thread?: string; channel?: string },
): Promise<number> {
  counter += 1;
  const handle = input.author.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const res = await fetch(`${baseUrl}/api/v1/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: input.channel ?? 'twitter',
      external_id: `e2e-${Date.now()}-${counter}`,
      direction: 'inbound',
      author: { id: `id-${handle}`, handle, name: input.author, followers: 250 },
      text: input.text,
      created_at: new Date().toISOString(),
      thread_id: input.thread ?? null,
    }),
  });
  if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { results: { conversationId: number }[] };
  return body.results[0]!.conversationId;
}

/** Reads a conversation through the API with the bearer token (what is really stored). */
export async function readConversation(baseUrl: string, token: string, id: number) {
  const res = await fetch(`${baseUrl}/api/v1/conversations/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`read failed: ${res.status}`);
  return (await res.json()) as {
    conversation: { status: string };
    messages: { direction: string; text: string; deliveryStatus: string }[];
  };
}
