import { afterEach, expect, inject, test } from 'vitest';
import { startBlueskyInbound } from '../../src/channels/bluesky/inbound.js';
import type { InboundRunner } from '../../src/channels/types.js';
import { loadChannelAccount } from '../../src/commands/channel-accounts.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { createAccount, eventually, mention, type TestAccount } from './support/accounts.js';
import { type RapportUnderTest, startRapport } from './support/rapport.js';

let rapport: RapportUnderTest | null = null;
let runner: InboundRunner | null = null;
afterEach(async () => {
  await runner?.stop();
  runner = null;
  await rapport?.close();
  rapport = null;
});

async function addAccount(r: RapportUnderTest, brand: TestAccount, appPassword: string) {
  return r.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: r.admin.headers,
    payload: {
      type: 'bluesky',
      name: brand.handle,
      settings: { service: inject('bluesky').pdsUrl, handle: brand.handle },
      secrets: { appPassword },
    },
  });
}

test('adding an account refuses a wrong app password and the main password, saying why', async () => {
  const brand = await createAccount('acme');
  rapport = await startRapport({ supervisor: false });
  const wrong = await addAccount(rapport, brand, 'abcd-efgh-ijkl-mnop');
  expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
  expect(wrong.statusCode).toBeLessThan(500);
  expect(wrong.body).toMatch(/Bluesky refused the app password for @acme[a-z]+\.test .*revoked or is wrong/);
  const main = await addAccount(rapport, brand, brand.password);
  expect(main.statusCode).toBeGreaterThanOrEqual(400);
  expect(main.body).toMatch(/main password .*create an app password instead/);
  const ok = await addAccount(rapport, brand, brand.appPassword);
  expect(ok.statusCode).toBe(201);
});

test('a revoked app password is reported as a broken channel with a clear message, and polling stops', async () => {
  const brand = await createAccount('acme');
  const customer = await createAccount('max');
  rapport = await startRapport({ supervisor: false });
  const res = await addAccount(rapport, brand, brand.appPassword);
  const id = (res.json() as { account: { id: number } }).account.id;
  const account = await loadChannelAccount(rapport.services, id);
  account.settings.pollIntervalSeconds = 1;
  const controller = new AbortController();
  // the session check is what notices revocation before the access token expires (10 min by default)
  runner = await startBlueskyInbound(
    account,
    createChannelContext(rapport.services, account, controller.signal),
    { sessionCheckMs: 300 },
  );

  const before = await mention(customer, brand, 'hello');
  const detail = await rapport.conversationWith(before.uri);

  await brand.agent.com.atproto.server.revokeAppPassword({ name: 'rapport' });
  const broken = await eventually(
    async () => {
      const list = await rapport!.get<{
        items: { id: number; status: string; statusMessage: string | null }[];
      }>('/api/v1/channels');
      const a = list.items.find((x) => x.id === id);
      return a?.status === 'broken' ? a : undefined;
    },
    { timeoutMs: 5_000, what: 'the account to be reported broken' },
  );
  expect(broken.statusMessage).toMatch(
    new RegExp(
      `^Bluesky refused the app password for @${brand.handle.replace(/\./g, '\\.')} .*: it was revoked or is wrong\\. ` +
        `Create a new app password in Bluesky .* run: rapport channel update ${id} --app-password`,
    ),
  );

  // polling stopped: a later mention is not read, and the account was reported broken exactly once
  await mention(customer, brand, 'still there?');
  await new Promise((r) => setTimeout(r, 2_500));
  const messages = await rapport.services.db.kysely.selectFrom('messages').select('external_id').execute();
  expect(messages).toHaveLength(1);
  const events = await rapport.services.db.kysely
    .selectFrom('events')
    .select('type')
    .where('type', '=', 'channel.broken')
    .execute();
  expect(events).toHaveLength(1);

  // a reply cannot go out either: it fails at once with the same explanation (no retries)
  const reply = await rapport.post<{ message: { id: number } }>(
    `/api/v1/conversations/${detail.conversation.id}/reply`,
    { text: 'On it!' },
  );
  const failed = await eventually(
    async () => {
      const d = await rapport!.get<{
        messages: { id: number; deliveryStatus: string; deliveryError: string }[];
      }>(`/api/v1/conversations/${detail.conversation.id}`);
      const m = d.messages.find((x) => x.id === reply.body.message.id);
      return m?.deliveryStatus === 'failed' ? m : undefined;
    },
    { what: 'the reply to fail' },
  );
  expect(failed.deliveryError).toMatch(/refused the app password .* revoked or is wrong/);
});
