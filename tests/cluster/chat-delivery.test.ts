/**
 * Chat deliveries in a cluster: a visitor connected to one process gets an agent's reply written
 * through another (the stored event reaches the process holding the socket), and the reply is
 * marked sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { systemActor } from '../../src/store/events-repo.js';
import { eventually } from '../support/channel-contract.js';
import { pgTestUrl } from '../support/engines.js';
import { servicesFor } from '../support/services.js';
import { shop, WidgetClient } from '../support/widget.js';
import { type Cluster, cluster, SKIP_REASON } from './support.js';

describe.skipIf(!pgTestUrl())(`chat across processes (${SKIP_REASON})`, () => {
  let c: Cluster | undefined;
  let visitor: WidgetClient | undefined;
  afterEach(async () => {
    visitor?.ws.close();
    await c?.close();
    c = undefined;
  });

  it('a reply written on one process reaches the visitor connected to the other', {
    timeout: 240_000,
  }, async () => {
    c = await cluster();
    const services = await servicesFor(c.db);
    const chat = await addChannelAccount(services, systemActor, {
      type: 'chat',
      name: 'Shop',
      settings: { allowedOrigins: [shop] },
    });
    const key = (chat.settings as { widgetKey: string }).widgetKey;
    const [a, b] = await Promise.all([c.start(), c.start()]);

    visitor = await WidgetClient.connect(b.base, key, { origin: shop });
    await visitor.hello();
    await visitor.say('Where is my order?');
    const db = c.db.kysely;
    const question = await db
      .selectFrom('messages')
      .select('conversation_id')
      .where('channel', '=', 'chat')
      .executeTakeFirstOrThrow();

    const started = Date.now();
    const res = await fetch(`${a.base}/api/v1/conversations/${question.conversation_id}/reply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'It ships today.' }),
    });
    expect(res.status).toBe(200);
    const { message } = (await res.json()) as { message: { id: number } };
    const frame = await visitor.next('message', (f) => f.message.from === 'agent', 10_000);
    expect(frame.message).toMatchObject({ id: String(message.id), text: 'It ships today.', from: 'agent' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const reply = await eventually(
      async () =>
        (await db
          .selectFrom('messages')
          .select(['delivery_status', 'delivery_error'])
          .where('id', '=', message.id)
          .where('delivery_status', 'in', ['sent', 'failed'])
          .executeTakeFirst()) ?? null,
      20_000,
      'the reply to be delivered',
    );
    expect(reply).toEqual({ delivery_status: 'sent', delivery_error: null });
  });
});
