/**
 * The one contract every channel passes (Hono-style: one shared suite, one small harness per
 * channel). A harness connects a channel account to a REAL outside party (an SMTP/IMAP server, a
 * local Bluesky network, a browser widget, a webhook receiver) and knows how to make that party
 * write to the brand and how to read what the brand sent back. The suite then checks what every
 * channel must guarantee:
 *   - the definition is complete: schemas reject junk, capabilities are sane, it is in the registry;
 *   - a customer's message reaches the inbox once, tied to the account and to a contact;
 *   - the same message delivered again changes nothing;
 *   - an agent's reply goes out through the durable queue, reaches the customer threaded to their
 *     message, and is marked sent with the channel's own id;
 *   - the customer's answer to that reply joins the same conversation.
 * Each channel runs it on every engine (contractEngines), listing what it skips there and why:
 *
 *   for (const engine of contractEngines) {
 *     runChannelContract('email over SMTP', { engine, skip: [] }, (engine) => emailHarness(engine));
 *   }
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { channelDefinitions } from '../../src/channels/registry.js';
import type { ChannelDefinition } from '../../src/channels/types.js';
import { replyToConversation } from '../../src/commands/reply.js';
import type { Services } from '../../src/commands/services.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { type ContractOptions, contractTests, type Engine } from './contract.js';

/** What the brand's reply looked like when it reached the customer's side. */
export interface ReceivedReply {
  text: string;
  /** The channel's id of the customer message it answers (In-Reply-To, parent URI, …). */
  inReplyTo: string | null;
}

/** One channel's connection to a real outside party, driven by the contract suite. */
export interface ChannelHarness {
  definition: ChannelDefinition;
  /** Services the channel runs on (the harness owns them and its account). */
  services: Services;
  /** Starts the outside party and connects the account (and its inbound runner, if any). */
  setup(): Promise<void>;
  /** Makes the customer write `text` to the brand; returns the channel's id of that message. */
  customerWrites(text: string, options?: { inReplyTo?: string }): Promise<string>;
  /** Delivers the customer's message with this id a second time (a retry, a re-poll). */
  redeliver(externalId: string): Promise<void>;
  /** Waits until the customer side has received a reply containing `marker`. */
  customerReceives(marker: string): Promise<ReceivedReply>;
  teardown(): Promise<void>;
}

/** Polls `probe` until it returns a value, or fails after `ms`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  while (true) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The contract's tests, by name: what a channel's skip list may name. */
export const channelContractTests = [
  'is listed in the registry with complete schemas and sane capabilities',
  'stores a customer message once, tied to a contact',
  'ties the conversation to the channel account',
  'ignores the same message delivered again',
  'sends an agent reply through the queue, threaded to the customer message',
  "threads the customer's answer to that reply into the same conversation",
] as const;

/** One test of the channel contract. */
export type ChannelContractTest = (typeof channelContractTests)[number];

const agent = { type: 'user' as const, id: 1, userId: null, name: 'Alex Agent' };

/** Registers the shared channel contract for one harness on `options.engine`, minus its listed skips. */
export function runChannelContract(
  name: string,
  options: ContractOptions<ChannelContractTest>,
  makeHarness: (engine: Engine) => ChannelHarness | Promise<ChannelHarness>,
) {
  const suite = `channel contract: ${name}`;
  describe(`${suite} on ${options.engine}`, () => {
    const t = contractTests(suite, options);
    let h: ChannelHarness;
    beforeAll(async () => {
      if (t.allSkipped) return;
      h = await makeHarness(options.engine);
      await h.setup();
    }, 120_000);
    afterAll(async () => {
      await h?.teardown();
    });

    const findMessage = (externalId: string) =>
      h.services.db.kysely
        .selectFrom('messages')
        .selectAll()
        .where('channel', '=', h.definition.type)
        .where('external_id', '=', externalId)
        .executeTakeFirst();

    t.test('is listed in the registry with complete schemas and sane capabilities', () => {
      expect(channelDefinitions).toContain(h.definition);
      expect(h.definition.settingsSchema.safeParse('not an object').success).toBe(false);
      expect(h.definition.secretsSchema.safeParse(42).success).toBe(false);
      const { maxLength } = h.definition.capabilities;
      expect(maxLength === null || (Number.isInteger(maxLength) && maxLength > 0)).toBe(true);
      expect(h.definition.capabilities.publicReply || h.definition.capabilities.privateMessage).toBe(true);
    });

    let customerMessageId = '';
    let conversationId = 0;

    t.test('stores a customer message once, tied to a contact', async () => {
      const marker = `contract-inbound-${Date.now()}`;
      customerMessageId = await h.customerWrites(`Hello, where is my order? ${marker}`);
      const row = await eventually(() => findMessage(customerMessageId), 10_000, 'the customer message');
      expect(row.direction).toBe('inbound');
      expect(row.text).toContain(marker);
      expect(row.contact_id).not.toBeNull();
      conversationId = row.conversation_id;
      const conv = await h.services.db.kysely
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      expect(conv.channel).toBe(h.definition.type);
    });

    t.test('ties the conversation to the channel account', async () => {
      expect(conversationId, 'needs the stored customer message').toBeGreaterThan(0);
      const conv = await h.services.db.kysely
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      expect(conv.channel_account_id).not.toBeNull();
    });

    t.test('ignores the same message delivered again', async () => {
      await h.redeliver(customerMessageId);
      await new Promise((r) => setTimeout(r, 300));
      const count = await h.services.db.kysely
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel', '=', h.definition.type)
        .where('external_id', '=', customerMessageId)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    let replyExternalId = '';

    t.test('sends an agent reply through the queue, threaded to the customer message', async () => {
      const marker = `contract-reply-${Date.now()}`;
      const reply = await replyToConversation(
        h.services,
        agent,
        conversationId,
        `Sorry about that! ${marker}`,
      );
      const worker = createJobWorker(h.services, { idleMs: 20 });
      try {
        await eventually(async () => (await worker.drain()) > 0, 10_000, 'the send job');
      } finally {
        await worker.stop();
      }
      const received = await h.customerReceives(marker);
      expect(received.text).toContain(marker);
      expect(received.inReplyTo).toBe(customerMessageId);
      const stored = await h.services.db.kysely
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', reply.id)
        .executeTakeFirstOrThrow();
      expect(stored.delivery_status).toBe('sent');
      expect(stored.delivery_error).toBeNull();
      replyExternalId = stored.external_id;
    });

    t.test("threads the customer's answer to that reply into the same conversation", async () => {
      const answer = await h.customerWrites('Thanks, that helped', { inReplyTo: replyExternalId });
      const row = await eventually(() => findMessage(answer), 10_000, "the customer's answer");
      expect(row.conversation_id).toBe(conversationId);
    });

    t.done();
  });
}
