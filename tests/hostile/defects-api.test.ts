/**
 * Issue 21, defects 1–4 and 7 through the HTTP API, on both engines: NUL characters, deep nesting,
 * unsafe integer ids, out-of-range and ambiguous timestamps, forged cursors. Each answers with a
 * 4xx and a message that says what to change (or, for NUL, stores the text without it), and stores
 * nothing it should not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

const at = '2026-03-01T10:00:00Z';
let seq = 0;
function message(fields: Record<string, unknown> = {}) {
  seq += 1;
  return {
    channel: 'api',
    external_id: `d-${seq}`,
    direction: 'inbound',
    author: { id: `a-${seq}`, name: 'Sam' },
    text: 'Hello there',
    created_at: at,
    ...fields,
  };
}

/** Nested arrays `depth` levels deep, as JSON text (what an attacker sends). */
function deepJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe.each(testEngines)('hostile input defects on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const postRaw = (body: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: { ...t.bearer(t.agentToken), 'content-type': 'application/json' },
      payload: body,
    });
  const post = (body: unknown) => postRaw(JSON.stringify(body));
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.bearer(t.agentToken) });
  const count = async () =>
    Number(
      (
        await t.services.db.kysely
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stored = (externalId: string) =>
    t.services.db.kysely
      .selectFrom('messages')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();

  describe('1. NUL characters', () => {
    it('stores a message with NUL in its text, ids and names with the NULs removed', async () => {
      const m = message({
        external_id: 'nul\u0000id',
        text: 'before\u0000after',
        author: { id: 'who\u0000', name: 'Sa\u0000m', handle: '\u0000' },
        meta: { subject: 'x\u0000y' },
        raw: { note: 'r\u0000' },
      });
      const res = await post({ messages: [m, message()] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ inserted: 2 });
      const row = await stored('nulid');
      expect(row.text).toBe('beforeafter');
      expect(row.author_external_id).toBe('who');
      expect(row.raw_json).toBe('{"note":"r"}');
      // the same message again is a duplicate, not a second copy
      const again = await post(m);
      expect(again.json()).toMatchObject({ inserted: 0, duplicates: 1 });
      // an id that is nothing but NUL is empty once cleaned: refused, not stored as ''
      const empty = await post(message({ external_id: '\u0000\u0000' }));
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toMatch(/external_id/);
    });

    it('replaces lone surrogates with one U+FFFD each', async () => {
      const res = await postRaw(JSON.stringify(message({ external_id: 'lone-1', text: 'a\uD800b\uDC00c' })));
      expect(res.statusCode, res.body).toBe(200);
      expect((await stored('lone-1')).text).toBe('a\uFFFDb\uFFFDc');
    });

    it('answers list queries with NUL in channel, label and q', async () => {
      for (const q of ['channel=%00', 'label=%00', 'q=%00abc', 'assignee=%00', 'sort=%00']) {
        const res = await get(`/api/v1/conversations?${q}`);
        expect(res.statusCode, `${q}: ${res.body}`).toBeLessThan(500);
      }
      // a channel that is only NUL is an empty filter once cleaned, as `?channel=` is
      expect((await get('/api/v1/conversations?channel=%00')).json()).toEqual(
        (await get('/api/v1/conversations?channel=')).json(),
      );
    });

    it('stores a reply and a note with NUL in their text', async () => {
      const m = message({ external_id: 'nul-reply-target' });
      await post(m);
      const conv = (await stored('nul-reply-target')).conversation_id;
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conv}/notes`,
        headers: t.bearer(t.agentToken),
        payload: { text: 'see\u0000this' },
      });
      expect(note.statusCode, note.body).toBe(200);
      expect(note.json().note.text).toBe('seethis');
      const labels = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conv}/labels`,
        headers: t.bearer(t.agentToken),
        payload: { add: ['vip\u0000'] },
      });
      expect(labels.statusCode, labels.body).toBe(200);
      expect(labels.json().conversation.labels).toEqual(['vip']);
    });
  });

  describe('2. deep nesting', () => {
    it.each(['raw', 'meta'])(
      'refuses %s nested 10,000 levels with a 400 and stores nothing',
      async (field) => {
        const before = await count();
        const inner = field === 'meta' ? `{"a":${deepJson(10_000)}}` : deepJson(10_000);
        const body = JSON.stringify({ messages: [message(), message({ [field]: '__DEEP__' })] }).replace(
          '"__DEEP__"',
          inner,
        );
        const res = await postRaw(body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.body).toMatch(/nested deeper than/);
        expect(await count()).toBe(before);
      },
    );

    it('refuses a whole body nested too deep on any route', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/conversations/1/labels',
        headers: { ...t.bearer(t.agentToken), 'content-type': 'application/json' },
        payload: `{"add":${deepJson(100_000)}}`,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(/nested deeper than/);
    });

    it('refuses a raw of more than 64 kB with a 400', async () => {
      const res = await post(message({ raw: { blob: 'x'.repeat(70_000) } }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(/raw must be at most 64 kB/);
    });
  });

  describe('3. unsafe integer ids', () => {
    it.each([
      ['external_id', 9007199254740993n],
      ['in_reply_to', 12345678901234567890n],
    ])('refuses a numeric %s above 2^53 with a 400 that says to send it as a string', async (field, big) => {
      const before = await count();
      const body = JSON.stringify(message({ [field]: '__BIG__' })).replace('"__BIG__"', big.toString());
      const res = await postRaw(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(new RegExp(`${field}.*send ids as strings`));
      expect(await count()).toBe(before);
    });

    it('refuses a numeric author id above 2^53 the same way', async () => {
      const body = JSON.stringify(message({ author: { id: '__BIG__' } })).replace(
        '"__BIG__"',
        '9007199254740993',
      );
      const res = await postRaw(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(/author\.id.*send ids as strings/);
    });

    it('keeps two ids that differ only beyond 2^53 apart when sent as strings', async () => {
      const res = await post({
        messages: [
          message({ external_id: '9007199254740993' }),
          message({ external_id: '9007199254740992' }),
        ],
      });
      expect(res.json()).toMatchObject({ inserted: 2 });
    });

    it('still accepts safe numeric ids', async () => {
      const res = await post(message({ external_id: 9007199254740991, in_reply_to: 42 }));
      expect(res.statusCode, res.body).toBe(200);
      expect((await stored('9007199254740991')).in_reply_to).toBe('42');
    });
  });

  describe('4. timestamps', () => {
    it.each([
      [1e20, /created_at must be between 1970-01-01 and 2100-01-01/],
      ['2150-01-01T00:00:00Z', /created_at must be between 1970-01-01 and 2100-01-01/],
      ['1969-12-31T23:59:59Z', /created_at must be between 1970-01-01 and 2100-01-01/],
      [1_509_487_707, /looks like epoch seconds/],
      [1_509_487_707.5, /looks like epoch seconds/],
      [-5, /created_at/],
    ])('refuses created_at %s with a 400 and stores nothing', async (value, reason) => {
      const before = await count();
      const res = await post(message({ created_at: value }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(reason);
      expect(await count()).toBe(before);
    });

    it('accepts epoch milliseconds and ISO 8601 in range', async () => {
      const res = await post({
        messages: [
          message({ external_id: 'ts-ms', created_at: 1_509_487_707_000 }),
          message({ external_id: 'ts-iso', created_at: '2099-12-31T23:59:59Z' }),
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect((await stored('ts-ms')).created_at).toBe(1_509_487_707_000);
    });

    it('refuses a snooze far beyond 2100', async () => {
      await post(message({ external_id: 'snooze-target' }));
      const conv = (await stored('snooze-target')).conversation_id;
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conv}/status`,
        headers: t.bearer(t.agentToken),
        payload: { status: 'snoozed', snoozedUntil: 9e15 },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(/2100/);
    });
  });

  describe('7. forged cursors', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    it.each([
      ['[1e308,1e308]', forged([1e308, 1e308])],
      ['[1.5,2]', forged([1.5, 2])],
      ['[-1e300,-1]', forged([-1e300, -1])],
      ['["a",1]', forged(['a', 1])],
      ['not base64', '%%%'],
      ['{}', forged({})],
    ])('refuses the cursor %s with a 400 on every sort', async (_name, cursor) => {
      for (const sort of ['priority', 'recent', 'waiting', 'due']) {
        const res = await get(`/api/v1/conversations?sort=${sort}&cursor=${encodeURIComponent(cursor)}`);
        expect(res.statusCode, `${sort}: ${res.body}`).toBe(400);
        expect(res.body).toMatch(/cursor/);
      }
    });

    it('still pages with the cursors it hands out', async () => {
      const first = (await get('/api/v1/conversations?limit=1&sort=recent')).json();
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await get(`/api/v1/conversations?limit=1&sort=recent&cursor=${first.nextCursor}`);
      expect(second.statusCode).toBe(200);
      expect(second.json().items[0].id).not.toBe(first.items[0].id);
    });
  });
});
