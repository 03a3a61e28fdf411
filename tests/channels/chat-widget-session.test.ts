import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { findWidgetAccount } from '../../src/commands/chat-widget.js';
import { VisitorHub } from '../../src/server/widget-hub.js';
import { widgetLimits } from '../../src/server/widget-limits.js';
import { VisitorSession } from '../../src/server/widget-socket.js';
import { getAccountState } from '../../src/store/channel-accounts-repo.js';
import { eventually } from '../support/channel-contract.js';
import { type ChatServer, chatServer, shop, WidgetClient } from '../support/widget.js';

/** A socket the test drives by hand, so a close can land while a frame is still being handled. */
class HandSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  ping() {}
  terminate() {
    this.readyState = 3;
  }
}

describe('chat widget session lifecycle', () => {
  let t: ChatServer;
  let chat: { id: number; key: string };

  beforeAll(async () => {
    t = await chatServer();
    chat = await t.addChat('Shop', { askEmailAfterSeconds: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a socket closed while its hello is being handled neither joins the hub nor marks the visitor online', async () => {
    // a returning visitor with a conversation (so hello reads the database and records presence)
    const first = await WidgetClient.connect(t.baseUrl, chat.key, { origin: shop });
    const { token } = await first.hello();
    await first.say('Hello?');
    first.close();
    const visitorId = token.split('.')[1]!;
    const seen = () => getAccountState(t.services.db.kysely, chat.id, `visitor:${visitorId}:seen`);
    await eventually(
      async () => /^offline:/.test((await seen()) ?? ''),
      5_000,
      'the first tab to go offline',
    );

    const hub = new VisitorHub(t.services);
    const wa = await findWidgetAccount(t.services, chat.key);
    const socket = new HandSocket();
    expect(hub.admit('192.0.2.1')).toBe(true);
    const session = new VisitorSession(t.services, hub, wa, socket as unknown as WebSocket, '192.0.2.1');
    hub.opened(session);
    // the visitor's tab says hello and is gone before the server has looked them up
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'hello', token })), false);
    socket.readyState = 3;
    socket.emit('close');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await seen()).toMatch(/^offline:/);
    expect((hub as unknown as { groups: Map<string, unknown> }).groups.size).toBe(0);
    expect(socket.sent).toEqual([]);
    hub.close();
  });

  it('cuts off a socket that sends frames faster than they are handled instead of queueing them all', async () => {
    const hub = new VisitorHub(t.services);
    const wa = await findWidgetAccount(t.services, chat.key);
    const socket = new HandSocket();
    hub.admit('192.0.2.2');
    hub.opened(new VisitorSession(t.services, hub, wa, socket as unknown as WebSocket, '192.0.2.2'));
    socket.emit('message', Buffer.from(JSON.stringify({ type: 'hello', token: null })), false);
    await eventually(async () => socket.sent.some((f) => f.includes('"welcome"')));
    // one burst, all arriving before the first message is stored
    for (let i = 0; i < widgetLimits.queuedFrames * 3; i += 1) {
      const frame = { type: 'send', id: randomUUID(), text: `burst ${i}` };
      socket.emit('message', Buffer.from(JSON.stringify(frame)), false);
    }
    expect(socket.readyState).toBe(3);
    hub.close();
  });
});
