import { randomBytes } from 'node:crypto';
import { AtpAgent, RichText } from '@atproto/api';
import { inject } from 'vitest';

/** A test account on the local PDS, logged in with its main password, plus one app password. */
export interface TestAccount {
  agent: AtpAgent;
  did: string;
  handle: string;
  password: string;
  appPassword: string;
}

/** A short random suffix so accounts never collide between tests or runs. */
export function uniqueSuffix(): string {
  return [...randomBytes(5)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** Creates an account `<name><suffix>.test` with a display name, and an app password for it. */
export async function createAccount(name: string, displayName = name): Promise<TestAccount> {
  const { pdsUrl } = inject('bluesky');
  const handle = `${name}${uniqueSuffix()}.test`;
  const password = `pw-${uniqueSuffix()}`;
  const agent = new AtpAgent({ service: pdsUrl });
  await agent.createAccount({ handle, email: `${handle}@example.test`, password });
  await agent.com.atproto.repo.putRecord({
    repo: agent.assertDid,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName },
  });
  const app = await agent.com.atproto.server.createAppPassword({ name: 'rapport' });
  return { agent, did: agent.assertDid, handle, password, appPassword: app.data.password };
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Posts `text` from `customer` with an @-mention of `brand` (a real mention facet). */
export async function mention(customer: TestAccount, brand: TestAccount, text: string) {
  const rt = new RichText({ text: `@${brand.handle} ${text}` });
  await rt.detectFacets(customer.agent);
  return customer.agent.post({ text: rt.text, facets: rt.facets });
}
