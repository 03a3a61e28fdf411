/**
 * The hostile-input suite for the HTTP API (issue 21), on both engines. Routes are not listed here:
 * Fastify's onRoute hook reports every route the server registers, so a new route is attacked as
 * soon as it exists. Each hostile request must get a 4xx with a clear message (never a 5xx), and a
 * refused request must leave every table as it was. Valid but awkward text (NUL, lone surrogates,
 * RTL and zero-width characters) may be stored, and then only with NUL and lone surrogates replaced.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import {
  AWKWARD,
  AWKWARD_STORED,
  BODY_FIELDS,
  changedTables,
  deepJson,
  everyField,
  forgedCursor,
  MEGABYTE,
  QUERY_KEYS,
  snapshot,
  unstorableText,
} from './support.js';

interface Route {
  method: string;
  url: string;
  public: boolean;
}

/** An answer, read as text (a live stream is cut after its headers). */
interface Answer {
  status: number;
  body: string;
}

/** No record has this id, so a route that ignores its body still changes nothing. */
const ABSENT_ID = '999999';

/** Bodies no route may accept: [name, content type, raw body]. */
const json = 'application/json';
const HOSTILE_BODIES: [string, string, string | Buffer][] = [
  ['truncated JSON', json, '{"text": "hel'],
  ['trailing garbage', json, '{"text":"x"}}'],
  ['trailing comma', json, '[1,]'],
  ['bare NUL', json, '\u0000'],
  ['invalid UTF-8', json, Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['prototype poisoning', json, '{"__proto__":{"admin":true},"text":"x"}'],
  ['array', json, '[]'],
  ['string', json, '"text"'],
  ['number', json, '42'],
  ['null', json, 'null'],
  ['plain text', 'text/plain', 'hello'],
  ['form', 'application/x-www-form-urlencoded', 'text=hello'],
  ['unknown type', 'application/x-rapport-nonsense', 'hello'],
  ['body nested 100,000 deep', json, `{"text":${deepJson(100_000)}}`],
  ['messages nested 10,000 deep', json, `{"messages":[{"raw":${deepJson(10_000)}}]}`],
  ['every field nested 40 deep', json, everyField(deepJson(40))],
  ['every field a 20 kB string', json, everyField(JSON.stringify(MEGABYTE.slice(0, 20_000)))],
  ['one 1 MB string', json, `{"text":${JSON.stringify(MEGABYTE)},"name":"x"}`],
  ['a body over the size limit', json, `{"text":${JSON.stringify(MEGABYTE.repeat(9))}}`],
  ['every field an unsafe integer', json, everyField('9007199254740993')],
  ['every field 1e308', json, everyField('1e308')],
  ['every field -1', json, everyField('-1')],
  ['every field 1.5', json, everyField('1.5')],
  ['every field true', json, everyField('true')],
  ['every field an array', json, everyField('[1,"x",null]')],
  ['every field an object', json, everyField('{"x":1}')],
  ['every field a far-future date', json, everyField('"9999-12-31T23:59:59Z"')],
  ['every field 1e20 ms', json, everyField('1e20')],
  ['every field NUL', json, everyField('"\\u0000"')],
];

/** Path ids that name nothing a route could act on. */
const HOSTILE_IDS = [
  '0',
  '-1',
  'abc',
  '1.5',
  '1e308',
  '9007199254740993',
  '%00',
  '%E2%80%AE1',
  '%F0%9F%98%80',
  '1%00',
  'x'.repeat(2000),
];

/** Query values set on every known query key at once. */
const HOSTILE_QUERY_VALUES = [
  '%00',
  '%ED%A0%80',
  '1e308',
  '9007199254740993',
  '-1',
  'x'.repeat(4000),
  forgedCursor([1e308, 1e308]),
  forgedCursor(['x', -1]),
  '9999-12-31T00:00:00Z',
  '%E2%80%AE%E2%80%8B',
];

// generous: the machine running CI is shared, and a few cases upload megabytes to every route
describe.each(testEngines)('hostile requests to every API route on %s', { timeout: 180_000 }, (engine) => {
  const routes: Route[] = [];
  let t: TestApp;
  let base = '';
  let admin: Record<string, string> = {};
  /** Real ids of each kind, for the awkward-text pass. */
  const real: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(
      engine,
      {},
      {
        onRoute: (route) => {
          const methods = Array.isArray(route.method) ? route.method : [route.method];
          for (const method of methods) {
            if (method === 'HEAD' || !route.url.startsWith('/api/')) continue;
            routes.push({ method, url: route.url, public: route.config?.public === true });
          }
        },
      },
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const token = await createApiToken(t.services.db.kysely, {
      name: 'hostile admin',
      role: 'admin',
      userId: t.userIds.admin,
      now: t.services.clock.now(),
    });
    admin = { authorization: `Bearer ${token.token}` };
    const seeded = await send('POST', '/api/v1/messages', {
      type: json,
      body: JSON.stringify({
        channel: 'api',
        external_id: 'seed-1',
        direction: 'inbound',
        author: { id: 'cust-1', name: 'Casey' },
        text: 'my parcel is late',
        created_at: '2026-01-05T10:00:00Z',
      }),
    });
    expect(seeded.status, seeded.body).toBe(200);
    const result = JSON.parse(seeded.body).results[0];
    real.conversation = result.conversationId;
    real.message = result.messageId;
    real.user = t.userIds.viewer;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One request over real HTTP (so a live stream can be cut off and Node's parser has its say). */
  async function send(
    method: string,
    path: string,
    options: { type?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const abort = new AbortController();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...admin, ...(options.type ? { 'content-type': options.type } : {}), ...options.headers },
      body: typeof options.body === 'string' || !options.body ? options.body : new Uint8Array(options.body),
      signal: abort.signal,
    });
    if ((res.headers.get('content-type') ?? '').includes('event-stream')) {
      abort.abort();
      return { status: res.status, body: '' };
    }
    return { status: res.status, body: await res.text() };
  }

  const pathOf = (route: Route, id: string) => route.url.replace(/:[A-Za-z]+/g, id);
  const label = (route: Route, what: string, answer: Answer) =>
    `${route.method} ${route.url} × ${what} → ${answer.status} ${answer.body.slice(0, 300)}`;

  /**
   * What is wrong with an answer to a hostile request, or null: a refusal must be a 4xx saying what
   * is wrong ({error:{code, message}}); a 2xx is allowed only where `allowed` says so.
   */
  function problemWith(answer: Answer, what: string, allowed: (a: Answer) => boolean = () => false) {
    if (answer.status < 400 && allowed(answer)) return null;
    if (answer.status < 400 || answer.status >= 500) return what;
    try {
      const error = (JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } }).error;
      const clear =
        typeof error?.code === 'string' &&
        /^[a-z_]+$/.test(error.code) &&
        typeof error.message === 'string' &&
        error.message.length > 3;
      return clear ? null : `${what} (unclear refusal)`;
    } catch {
      return `${what} (not JSON)`;
    }
  }

  it('sees every route the server registers', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    expect(names).toEqual(expect.arrayContaining(['POST /api/v1/messages', 'GET /api/v1/conversations']));
    expect(routes.filter((r) => !r.public).length).toBeGreaterThan(25);
  });

  it('refuses every non-public route without credentials, or with forged ones', async () => {
    const forged: Record<string, string>[] = [
      { authorization: '' },
      { authorization: 'Bearer rpt_forged0000000000000000000000' },
      { authorization: 'Bearer \u00ff' },
      { authorization: `Basic ${Buffer.from('admin@example.test:x').toString('base64')}` },
      { authorization: '', cookie: 'rapport_session=forged; x=%00' },
    ];
    for (const route of routes.filter((r) => !r.public)) {
      for (const headers of forged) {
        const answer = await send(route.method, pathOf(route, ABSENT_ID), { headers });
        expect(answer.status, label(route, JSON.stringify(headers), answer)).toBe(401);
      }
    }
  });

  it('refuses malformed, wrong-typed, huge and deep bodies on every route, changing nothing', async () => {
    const db = t.services.db.kysely;
    const problems: string[] = [];
    const bodied = routes.filter((r) => r.method !== 'GET');
    // first each route's answer to an empty body: a route that ignores its body (logout) may answer
    // a hostile one the same way, and what an empty body does (an empty settings patch) is not a
    // hostile body's doing
    const plain = new Map<Route, Answer>();
    for (const route of bodied) {
      plain.set(route, await send(route.method, pathOf(route, ABSENT_ID), { type: json, body: '{}' }));
    }
    const before = await snapshot(db, engine);
    for (const route of bodied) {
      const path = pathOf(route, ABSENT_ID);
      const empty = plain.get(route)!;
      const ignoresBody = (a: Answer) =>
        empty.status < 400 && a.status === empty.status && a.body === empty.body;
      for (const [what, type, body] of HOSTILE_BODIES) {
        const answer = await send(route.method, path, { type, body });
        const problem = problemWith(answer, label(route, what, answer), ignoresBody);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await snapshot(db, engine))).toEqual([]);
  });

  it('refuses hostile path ids on every route with parameters, changing nothing', async () => {
    const db = t.services.db.kysely;
    const problems: string[] = [];
    const before = await snapshot(db, engine);
    for (const route of routes.filter((r) => r.url.includes(':'))) {
      for (const id of HOSTILE_IDS) {
        const answer = await send(route.method, pathOf(route, id), {
          type: route.method === 'GET' ? undefined : json,
          body: route.method === 'GET' ? undefined : '{}',
        });
        const problem = problemWith(answer, label(route, `id ${id.slice(0, 20)}`, answer));
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await snapshot(db, engine))).toEqual([]);
  });

  it('answers hostile query strings on every route without a 5xx, changing nothing', async () => {
    const db = t.services.db.kysely;
    const before = await snapshot(db, engine);
    const problems: string[] = [];
    for (const route of routes) {
      for (const value of HOSTILE_QUERY_VALUES) {
        const query = QUERY_KEYS.map((k) => `${k}=${value}`).join('&');
        // a person's privacy export is a read that is audited (contact.exported): an absent id keeps it a read
        const audited = route.url === '/api/v1/contacts/:id/export';
        const id = route.method === 'GET' && !audited ? String(real.conversation) : ABSENT_ID;
        const answer = await send(route.method, `${pathOf(route, id)}?${query}&${query}`);
        const problem = problemWith(answer, label(route, `query ${value.slice(0, 30)}`, answer), () => true);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await snapshot(db, engine))).toEqual([]);
  });

  it('stores awkward text from any field of any route the same way on every engine', async () => {
    const db = t.services.db.kysely;
    const ids: Record<string, number> = {
      conversations: real.conversation!,
      messages: real.message!,
      users: real.user!,
    };
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.method === 'POST' || r.method === 'PATCH')) {
      const kind = route.url.split('/')[3] ?? '';
      const path = pathOf(route, String(ids[kind] ?? ABSENT_ID));
      for (const field of BODY_FIELDS) {
        const body = JSON.stringify({ [field]: field === 'add' ? [AWKWARD] : AWKWARD });
        const answer = await send(route.method, path, { type: json, body });
        const problem = problemWith(answer, label(route, `awkward ${field}`, answer), () => true);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(await unstorableText(db, engine)).toEqual([]);
    const note = await db
      .selectFrom('notes')
      .select('text')
      .where('conversation_id', '=', real.conversation!)
      .executeTakeFirst();
    expect(note?.text).toBe(AWKWARD_STORED);
    const stored = await db.selectFrom('labels').select('name').executeTakeFirst();
    expect(stored?.name).toBe(AWKWARD_STORED);
  });
});
