import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetLimits } from '../../src/server/widget-limits.js';
import { type ChatServer, chatServer, shop, WidgetClient } from '../support/widget.js';

describe('chat widget abuse handling', () => {
  let t: ChatServer;
  let key = '';
  const clients: WidgetClient[] = [];
  const connect = async () => {
    const c = await WidgetClient.connect(t.baseUrl, key, { origin: shop });
    clients.push(c);
    return c;
  };
  const storedCount = async () =>
    Number(
      (
        await t.services.db.kysely
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', 'chat')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await chatServer();
    key = (await t.addChat('Shop')).key;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });

  it('refuses messages over the per-visitor rate, then closes a socket that keeps flooding', async () => {
    const v = await connect();
    await v.hello();
    const limit = widgetLimits.perVisitorPerMinute;
    for (let i = 0; i < limit; i += 1) await v.say(`message ${i}`);
    const over = randomUUID();
    v.send({ type: 'send', id: over, text: 'one too many' });
    expect(await v.next('error', (f) => f.id === over)).toMatchObject({ code: 'rate_limited' });
    for (let i = 0; i < limit + 1; i += 1) v.send({ type: 'send', id: randomUUID(), text: 'flood' });
    expect(await v.closedWith()).toBe(1008);
    expect(await storedCount()).toBe(limit);
  });

  it('closes a socket that keeps sending junk', async () => {
    const v = await connect();
    await v.hello();
    v.send('this is not json');
    expect(await v.next('error')).toMatchObject({
      code: 'validation_failed',
      message: 'frames must be JSON',
    });
    v.send({ type: 'send', id: randomUUID() }); // no text
    expect((await v.next('error')).code).toBe('validation_failed');
    for (let i = 0; i < widgetLimits.badFrames; i += 1) v.send({ type: 'nope' });
    expect(await v.closedWith()).toBe(1008);
  });

  it('asks for hello first, and refuses a second hello', async () => {
    const v = await connect();
    v.send({ type: 'send', id: randomUUID(), text: 'hi' });
    expect((await v.next('error')).message).toBe('say hello first');
    await v.hello();
    v.send({ type: 'hello', token: null });
    expect((await v.next('error')).message).toBe('hello was already said');
  });

  it('closes frames larger than the payload cap', async () => {
    const v = await connect();
    await v.hello();
    v.send({ type: 'send', id: randomUUID(), text: 'x'.repeat(widgetLimits.maxPayloadBytes + 10) });
    expect(await v.closedWith()).toBe(1009);
  });

  it('limits open sockets per IP address', async () => {
    for (const c of clients) c.close();
    const open: WidgetClient[] = [];
    for (let i = 0; i < widgetLimits.socketsPerIp; i += 1) open.push(await connect());
    const extra = await connect();
    expect(await extra.closedWith()).toBe(1008);
    for (const c of open) c.close();
  });
});
