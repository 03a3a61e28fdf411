import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { genericChannel } from '../../src/channels/generic/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type ChannelHarness, eventually, runChannelContract } from '../support/channel-contract.js';
import { contractEngines, type Engine } from '../support/contract.js';

/** The generic channel against a real HTTP webhook receiver, with customers writing through the API. */
async function genericHarness(engine: Engine): Promise<ChannelHarness> {
  const received: { text: string; in_reply_to: string | null }[] = [];
  const sent = new Map<string, unknown>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const { message } = JSON.parse(body) as {
        message: { id: string; text: string; in_reply_to: string | null };
      };
      received.push(message);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ external_id: `hook-${message.id}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const t: TestApp = await createTestApp(engine, { RAPPORT_GENERIC_WEBHOOK_URL: url });
  let n = 0;
  const post = async (payload: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: t.bearer(t.agentToken),
      payload: payload as object,
    });
    if (res.statusCode !== 200) throw new Error(`ingest failed: ${res.statusCode} ${res.body}`);
  };
  return {
    definition: genericChannel,
    services: t.services,
    async setup() {},
    async customerWrites(text, options = {}) {
      n += 1;
      const message = {
        channel: 'generic',
        external_id: `cust-${n}`,
        direction: 'inbound',
        author: { id: 'customer-1', name: 'Casey' },
        text,
        created_at: new Date().toISOString(),
        in_reply_to: options.inReplyTo ?? null,
      };
      sent.set(message.external_id, message);
      await post(message);
      return message.external_id;
    },
    async redeliver(externalId) {
      await post(sent.get(externalId));
    },
    async customerReceives(marker) {
      const hit = await eventually(
        async () => received.find((m) => m.text.includes(marker)),
        5_000,
        'the webhook',
      );
      return { text: hit.text, inReplyTo: hit.in_reply_to };
    },
    async teardown() {
      await t.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

for (const engine of contractEngines) {
  runChannelContract(
    'generic webhook',
    {
      engine,
      skip: [
        {
          reason:
            'the generic channel has no accounts: messages come in through the API, replies go to one webhook',
          tests: ['ties the conversation to the channel account'],
        },
      ],
    },
    genericHarness,
  );
}
