/**
 * Hostile frames at the chat widget's WebSocket (issue 21), on both engines: every bad frame gets an
 * error frame that says what is wrong (or the socket is closed with a policy code), nothing invalid
 * is stored, and text with NUL or lone surrogates is stored as on every other path (NUL removed,
 * lone surrogates as U+FFFD).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanVisitorText } from '../../src/channels/chat/mapping.js';
import { testEngines } from '../support/engines.js';
import { type ChatServer, chatServer, shop, WidgetClient } from '../support/widget.js';
import { AWKWARD, AWKWARD_STORED, changedTables, deepJson, snapshot, unstorableText } from './support.js';

describe.each(testEngines)('hostile widget frames on %s', (engine) => {
  let t: ChatServer;
  let key = '';
  const clients: WidgetClient[] = [];
  const connect = async () => {
    const c = await WidgetClient.connect(t.baseUrl, key, { origin: shop });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await chatServer(engine);
    key = (await t.addChat('Shop')).key;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });

  it('refuses every malformed or wrong-typed frame with a clear error, storing nothing', async () => {
    const v = await connect();
    await v.hello();
    const db = t.services.db.kysely;
    const before = await snapshot(db, engine);
    const frames: string[] = [
      '{"type":"send"',
      '\u0000',
      '[]',
      'null',
      '42',
      '{"type":"nope"}',
      '{"type":"send","id":"abcdefgh","text":42}',
      `{"type":"send","id":${'9'.repeat(40)},"text":"x"}`,
      '{"type":"send","id":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000","text":"x"}',
      `{"type":"send","id":"abcdefgh","text":${deepJson(5_000)}}`,
      `{"type":"send","id":"abcdefgh","text":"${'x'.repeat(5000)}"}`,
      '{"type":"send","id":"abcdefgh","text":"   "}',
      '{"type":"profile","email":"not an email\\u0000"}',
      '{"type":"profile","name":{"x":1}}',
    ];
    for (const frame of frames) {
      v.send(frame);
      const error = await v.next('error');
      expect(error.code, frame.slice(0, 60)).toBe('validation_failed');
      expect(error.message.length, frame.slice(0, 60)).toBeGreaterThan(3);
      if (frames.indexOf(frame) === 8) break; // stay under the bad-frame limit; a new socket goes on
    }
    const w = await connect();
    await w.hello();
    for (const frame of frames.slice(9)) {
      w.send(frame);
      const error = await w.next('error');
      expect(error.code, frame.slice(0, 60)).toBe('validation_failed');
    }
    expect(changedTables(before, await snapshot(db, engine))).toEqual(
      // a hello records the visitor's presence only once they have a conversation: none here
      [],
    );
  });

  it('closes a socket that sends a frame over the size limit or a binary frame flood', async () => {
    const v = await connect();
    await v.hello();
    v.send(`{"type":"send","id":"abcdefgh","text":"${'x'.repeat(70 * 1024)}"}`);
    expect(await v.closedWith()).toBe(1009);
    const w = await connect();
    await w.hello();
    for (let i = 0; i < 12; i += 1) w.ws.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: true });
    expect(await w.closedWith()).toBe(1008);
  });

  it('refuses a forged visitor token by starting a new visitor, not by failing', async () => {
    const v = await connect();
    v.send({ type: 'hello', token: 'forged.\u0000.token', page: 'https://shop.example/\u0000' });
    const welcome = await v.next('welcome');
    expect(welcome.token).not.toBe('forged.\u0000.token');
    expect(welcome.messages).toEqual([]);
  });

  it('stores awkward text and names with NUL and lone surrogates replaced', async () => {
    const v = await connect();
    v.send({ type: 'hello', token: null, page: `https://shop.example/${AWKWARD}` });
    await v.next('welcome');
    const ack = await v.say(AWKWARD, randomUUID());
    // the chat channel also drops control and bidi-override characters from visitor text
    const expected = cleanVisitorText(AWKWARD_STORED);
    expect(ack.message.text).toBe(expected);
    v.send({ type: 'profile', name: AWKWARD, email: 'casey@example.com' });
    const profile = await v.next('profile');
    expect(profile.visitor.name).toBe(AWKWARD_STORED);
    const db = t.services.db.kysely;
    expect(await unstorableText(db, engine)).toEqual([]);
    const stored = await db
      .selectFrom('messages')
      .select('text')
      .where('channel', '=', 'chat')
      .where('text', '=', expected)
      .execute();
    expect(stored).toHaveLength(1);
  });
});
