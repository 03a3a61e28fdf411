import { randomUUID } from 'node:crypto';
import { chatChannel } from '../../src/channels/chat/index.js';
import { type ChannelHarness, runChannelContract } from '../support/channel-contract.js';
import { contractEngines, type Engine } from '../support/contract.js';
import { chatServer, shop, WidgetClient } from '../support/widget.js';

/** The chat channel with a real visitor: a WebSocket client talking to the server on a real port. */
async function chatHarness(engine: Engine): Promise<ChannelHarness> {
  const t = await chatServer(engine);
  let visitor: WidgetClient | null = null;
  let visitorId = '';
  const sent = new Map<string, { id: string; text: string }>();
  return {
    definition: chatChannel,
    services: t.services,
    async setup() {
      const { key } = await t.addChat('Contract shop');
      visitor = await WidgetClient.connect(t.baseUrl, key, { origin: shop });
      visitorId = (await visitor.hello()).token.split('.')[1]!;
    },
    async customerWrites(text) {
      const ack = await visitor!.say(text, randomUUID());
      const externalId = `${visitorId}:${ack.id}`;
      sent.set(externalId, { id: ack.id, text });
      return externalId;
    },
    async redeliver(externalId) {
      const original = sent.get(externalId)!;
      await visitor!.say(original.text, original.id);
    },
    async customerReceives(marker) {
      const { message } = await visitor!.next(
        'message',
        (f) => f.message.from === 'agent' && f.message.text.includes(marker),
      );
      return { text: message.text, inReplyTo: message.replyTo ? `${visitorId}:${message.replyTo}` : null };
    },
    async teardown() {
      visitor?.close();
      await t.close();
    },
  };
}

for (const engine of contractEngines) {
  runChannelContract('website chat over a WebSocket', { engine }, chatHarness);
}
