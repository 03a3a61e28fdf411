import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/channel-contract.js';
import { testEngines } from '../support/engines.js';
import { type ChatServer, chatServer, shop, WidgetClient } from '../support/widget.js';

describe.each(testEngines)('chat widget WebSocket (%s)', (engine) => {
  let t: ChatServer;
  let chat: { id: number; key: string };
  let other: { id: number; key: string };
  const clients: WidgetClient[] = [];
  const connect = async (key = chat.key, origin = shop) => {
    const c = await WidgetClient.connect(t.baseUrl, key, { origin });
    clients.push(c);
    return c;
  };
  const db = () => t.services.db.kysely;

  beforeAll(async () => {
    t = await chatServer(engine);
    chat = await t.addChat('Shop', { brandName: 'Shop help', askEmailAfterSeconds: 1 });
    other = await t.addChat('Other shop', { askEmailAfterSeconds: 0 });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });

  let token = '';
  let conversationId = 0;
  let firstClientId = '';

  it('stores a visitor message through ingest before acknowledging it, tied to the account and a contact', async () => {
    const v = await connect();
    const welcome = await v.hello();
    expect(welcome.messages).toEqual([]);
    expect(welcome.widget).toMatchObject({ brandName: 'Shop help' });
    token = welcome.token;
    const ack = await v.say('Hello, is my order <b>shipped</b>?');
    firstClientId = ack.id;
    // at ack time the message is already in the database
    const row = await db()
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', Number(ack.message.id))
      .executeTakeFirstOrThrow();
    const visitorId = token.split('.')[1];
    expect(row).toMatchObject({
      channel: 'chat',
      direction: 'inbound',
      external_id: `${visitorId}:${ack.id}`,
      author_external_id: visitorId,
      text: 'Hello, is my order <b>shipped</b>?',
    });
    expect(JSON.parse(row.meta_json ?? '{}')).toEqual({ page: 'https://shop.example/help' });
    expect(row.contact_id).not.toBeNull();
    const conv = await db()
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', row.conversation_id)
      .executeTakeFirstOrThrow();
    expect(conv).toMatchObject({
      channel: 'chat',
      channel_account_id: chat.id,
      thread_key: `visitor:${visitorId}`,
    });
    conversationId = conv.id;
    expect(ack.message).toMatchObject({ from: 'visitor', clientId: ack.id, text: row.text });
    v.close();
  });

  it('dedupes a resend of the same message (same widget id)', async () => {
    const v = await connect();
    await v.hello(token);
    const again = await v.say('Hello, is my order <b>shipped</b>?', firstClientId);
    const count = await db()
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(again.message.clientId).toBe(firstClientId);
    v.close();
  });

  it("pushes the agent's reply live and asks for an email when nobody answered in time", async () => {
    const v = await connect();
    const welcome = await v.hello(token);
    expect(welcome.messages.map((m) => m.from)).toEqual(['visitor']);
    await v.next('ask_email', () => true, 4_000); // askEmailAfterSeconds: 1, message still unanswered
    v.send({ type: 'profile', name: 'Sam Visitor', email: 'Sam@Example.com' });
    expect((await v.next('profile')).visitor).toEqual({ name: 'Sam Visitor', email: 'sam@example.com' });
    const identities = await db()
      .selectFrom('contact_identities')
      .select(['channel', 'external_id', 'handle', 'name'])
      .where(
        'contact_id',
        '=',
        (
          await db()
            .selectFrom('conversations')
            .select('contact_id')
            .where('id', '=', conversationId)
            .executeTakeFirstOrThrow()
        ).contact_id!,
      )
      .orderBy('channel')
      .execute();
    expect(identities).toEqual([
      { channel: 'chat', external_id: token.split('.')[1], handle: 'sam@example.com', name: 'Sam Visitor' },
    ]); // the typed address is a claim: no email identity until it is confirmed (issue 12)

    const agent = await t.login('agent');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/reply`,
      headers: agent.headers,
      payload: { text: 'It ships today! <script>alert(1)</script>' },
    });
    expect(res.statusCode).toBe(200);
    const pushed = await v.next('message', (f) => f.message.from === 'agent');
    expect(pushed.message).toMatchObject({
      from: 'agent',
      text: 'It ships today! <script>alert(1)</script>',
      name: 'Alex Agent',
      replyTo: firstClientId,
    });
    v.close();
  });

  it('gives a returning visitor their history, and every tab gets new messages', async () => {
    const a = await connect();
    const b = await connect();
    const history = (await a.hello(token)).messages;
    expect(history.map((m) => [m.from, m.text])).toEqual([
      ['visitor', 'Hello, is my order <b>shipped</b>?'],
      ['agent', 'It ships today! <script>alert(1)</script>'],
    ]);
    await b.hello(token);
    const ack = await a.say('Great, thanks!');
    const mirrored = await b.next('message', (f) => f.message.clientId === ack.id);
    expect(mirrored.message.text).toBe('Great, thanks!');
  });

  it('starts a fresh visitor for missing, forged, tampered and other-account tokens, never showing the conversation', async () => {
    const [version, visitorId, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const otherVisitor = await connect(other.key);
    const otherToken = (await otherVisitor.hello()).token;
    const attempts = [
      null,
      'garbage',
      `${version}.${visitorId}.${flipped}`,
      `${version}.${visitorId}.${'A'.repeat(43)}`,
      `${version}.v_${'C'.repeat(22)}.${signature}`,
      otherToken, // valid, but for another account
    ];
    for (const attempt of attempts) {
      const v = await connect();
      const welcome = await v.hello(attempt);
      expect(welcome.messages).toEqual([]);
      expect(welcome.visitor).toEqual({ name: null, email: null });
      expect(welcome.token.split('.')[1]).not.toBe(visitorId);
      expect(welcome.token).not.toBe(attempt);
      v.close();
    }
    // the token of this account is worthless on the other one too
    const cross = await connect(other.key);
    expect((await cross.hello(token)).messages).toEqual([]);
  });

  it("keeps a second visitor's conversation apart; replies reach only their owner", async () => {
    const first = await connect();
    await first.hello(token);
    const second = await connect();
    await second.hello();
    const ack = await second.say('I am somebody else');
    const row = await db()
      .selectFrom('messages')
      .select('conversation_id')
      .where('id', '=', Number(ack.message.id))
      .executeTakeFirstOrThrow();
    expect(row.conversation_id).not.toBe(conversationId);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${row.conversation_id}/reply`,
      headers: t.bearer(t.agentToken),
      payload: { text: 'Reply for the second visitor' },
    });
    await second.next('message', (f) => f.message.text === 'Reply for the second visitor');
    await new Promise((r) => setTimeout(r, 300));
    expect(first.frames.filter((f) => f.type === 'message')).toEqual([]);
    // smuggling a conversation id or a foreign message id is refused by the frame schema
    second.send({ type: 'send', id: 'abcdefgh-1', text: 'x', conversationId });
    expect((await second.next('error')).code).toBe('validation_failed');
  });

  it('refuses sockets from other sites, without an Origin, with unknown keys, and for paused accounts', async () => {
    await expect(connect(chat.key, 'https://evil.example')).rejects.toThrow('403');
    await expect(WidgetClient.connect(t.baseUrl, chat.key)).rejects.toThrow('403');
    await expect(connect('x'.repeat(24))).rejects.toThrow('404');
    await expect(connect('bad key!')).rejects.toThrow('400');
    const paused = await t.addChat('Paused shop');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${paused.id}`,
      headers: t.admin.headers,
      payload: { status: 'paused' },
    });
    await expect(connect(paused.key)).rejects.toThrow('503');
  });

  it("keeps a visitor's socket through events that change nothing it holds; reconnects it when settings change or the account pauses", async () => {
    // the account's own 'channel.added' can reach the hub after a socket opened (the relay reads
    // after the commit, later under load): it must not drop a visitor who connected in between
    await t.events.relay.stop();
    const fresh = await t.addChat('Fresh shop', { brandName: 'Fresh' });
    const visitor = await connect(fresh.key);
    await visitor.hello();
    // on PostgreSQL an event is read once every transaction older than it has ended: poll until then
    await expect.poll(() => t.events.relay.poll(), { timeout: 10_000 }).toBeGreaterThan(0);
    await t.events.relay.start();
    const ack = await visitor.say('still there?');
    expect(ack.type).toBe('ack');
    expect(visitor.closed).toBeNull();

    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/channels/${fresh.id}`,
        headers: t.admin.headers,
        payload,
      });
    expect((await patch({ settings: { allowedOrigins: [shop], brandName: 'Fresh help' } })).statusCode).toBe(
      200,
    );
    await t.events.settle();
    await eventually(async () => visitor.closed !== null, 5_000, 'close after a settings change');
    expect(visitor.closed).toEqual({ code: 1012, reason: 'chat settings changed' });

    const again = await connect(fresh.key);
    await again.hello();
    expect((await patch({ status: 'paused' })).statusCode).toBe(200);
    await t.events.settle();
    await eventually(async () => again.closed !== null, 5_000, 'close on pause');
    expect(again.closed?.code).toBe(1012);
  });

  it('refuses overlong messages without storing them', async () => {
    const v = await connect();
    await v.hello(token);
    v.send({ type: 'send', id: 'too-long-1', text: 'x'.repeat(4001) });
    const error = await v.next('error');
    expect(error).toMatchObject({ code: 'validation_failed', id: 'too-long-1' });
    const stored = await db()
      .selectFrom('messages')
      .select('id')
      .where('external_id', 'like', '%too-long-1')
      .execute();
    expect(stored).toEqual([]);
  });

  it('records presence so the sender knows whether the visitor is connected', async () => {
    const visitorId = token.split('.')[1];
    const seen = () =>
      db()
        .selectFrom('channel_account_state')
        .select('value')
        .where('account_id', '=', chat.id)
        .where('key', '=', `visitor:${visitorId}:seen`)
        .executeTakeFirst();
    for (const c of clients) c.close();
    await eventually(async () => (await seen())?.value.startsWith('offline:'), 5_000, 'offline');
    const v = await connect();
    await v.hello(token);
    await eventually(async () => (await seen())?.value.startsWith('online:'), 5_000, 'online');
  });
});
