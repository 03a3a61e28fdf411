import { afterEach, describe, expect, it } from 'vitest';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { buildServer } from '../src/server/app.js';
import { countUsers } from '../src/store/users-repo.js';
import { cookieFrom, createTestApp, TEST_EMAILS, TEST_PASSWORD, type TestApp } from './support/app.js';
import { freshDb, testEngines } from './support/engines.js';

/** Every route in `printRoutes` output as [method, path] pairs, rebuilt from its tree. */
function routesOf(tree: string): [string, string][] {
  const stack: string[] = [];
  const routes: [string, string][] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const full = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack[depth] = full;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD') routes.push([method, full.replace(/\/\//g, '/')]);
    }
  }
  return routes;
}

describe.each(testEngines)('auth on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('offers setup only while no user exists', async () => {
    const db = await freshDb(engine);
    const services = await openServices(configFrom({ RAPPORT_LOG_LEVEL: 'silent' }), { openDb: db });
    const app = await buildServer(services);
    try {
      const before = await app.inject({ method: 'GET', url: '/api/v1/auth/state' });
      expect(before.json()).toEqual({ needsSetup: true, user: null, csrfToken: null });
      const setup = (email: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/setup',
          payload: { email, name: 'First', password: TEST_PASSWORD },
        });
      const short = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/setup',
        payload: { email: 'a@b.test', name: 'First', password: 'short' },
      });
      expect(short.statusCode).toBe(400);
      const first = await setup('Boss@Example.test');
      expect(first.statusCode).toBe(200);
      expect(first.json().user).toMatchObject({ email: 'boss@example.test', role: 'admin' });
      const again = await setup('other@example.test');
      expect(again.statusCode).toBe(409);
      expect(await countUsers(db.kysely)).toBe(1);
      const cookie = cookieFrom(first.headers['set-cookie']);
      const after = await app.inject({ method: 'GET', url: '/api/v1/auth/state', headers: { cookie } });
      expect(after.json()).toMatchObject({ needsSetup: false, user: { email: 'boss@example.test' } });
      expect(after.json().csrfToken).toBe(first.json().csrfToken);
    } finally {
      await app.close();
      await services.db.close();
    }
  });

  it('logs in with a session cookie that is httpOnly and SameSite=Lax', async () => {
    t = await createTestApp(engine);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'AGENT@example.test', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({
      id: t.userIds.agent,
      email: TEST_EMAILS.agent,
      name: 'Alex Agent',
      role: 'agent',
      disabled: false,
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^rapport_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain(`Max-Age=${14 * 24 * 3600}`);
    expect(setCookie).not.toContain('Secure');
    const state = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/state',
      headers: { cookie: cookieFrom(res.headers['set-cookie']) },
    });
    expect(state.json().user.email).toBe(TEST_EMAILS.agent);
  });

  it('marks the cookie Secure when configured', async () => {
    t = await createTestApp(engine, { RAPPORT_COOKIE_SECURE: 'true' });
    const s = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: TEST_EMAILS.viewer, password: TEST_PASSWORD },
    });
    expect(String(s.headers['set-cookie'])).toContain('Secure');
  });

  it('gives the same answer for an unknown email and a wrong password, and logs both', async () => {
    t = await createTestApp(engine);
    const login = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const wrong = await login(TEST_EMAILS.agent, 'not the password');
    const unknown = await login('nobody@example.test', TEST_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const events = await t.services.db.kysely
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'auth.login_failed')
      .execute();
    expect(events).toHaveLength(2);
  });

  it('requires the CSRF header on cookie requests that change state, and stores nothing without it', async () => {
    t = await createTestApp(engine);
    const payload = { email: 'new@example.test', name: 'New', role: 'agent', password: TEST_PASSWORD };
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: t.admin.cookie },
      payload,
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: t.admin.cookie, 'x-csrf-token': `${t.admin.csrfToken.slice(0, -1)}x` },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    expect(await countUsers(t.services.db.kysely)).toBe(3);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: t.admin.headers,
      payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(await countUsers(t.services.db.kysely)).toBe(4);
  });

  it('accepts bearer tokens without CSRF, and refuses them once revoked', async () => {
    t = await createTestApp(engine);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: t.admin.headers,
      payload: { name: 'ci', role: 'admin' },
    });
    expect(created.statusCode).toBe(200);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^rpt_/);
    expect(apiToken).toMatchObject({ name: 'ci', role: 'admin', userId: t.admin.userId, revokedAt: null });
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const stored = await t.services.db.kysely.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const payload = { email: 'bot@example.test', name: 'Bot', role: 'viewer', password: TEST_PASSWORD };
    const viaToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: t.bearer(token),
      payload,
    });
    expect(viaToken.statusCode).toBe(200);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: t.bearer(token) });
    expect(JSON.stringify(list.json())).not.toContain(token);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${apiToken.id}`,
      headers: t.admin.headers,
    });
    expect(revoke.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: t.bearer(token) });
    expect(after.statusCode).toBe(401);
    const garbage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: t.bearer('rpt_nope'),
    });
    expect(garbage.statusCode).toBe(401);
    const types = await t.services.db.kysely.selectFrom('events').select('type').execute();
    expect(types.map((e) => e.type)).toEqual(
      expect.arrayContaining(['token.created', 'token.revoked', 'user.created']),
    );
  });

  it('enforces roles: viewers and agents cannot administer', async () => {
    t = await createTestApp(engine);
    const payload = { email: 'x@example.test', name: 'X', role: 'agent', password: TEST_PASSWORD };
    for (const token of [t.viewerToken, t.agentToken]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: t.bearer(token),
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const viewer = await t.login('viewer');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${viewer.userId}`,
      headers: viewer.headers,
      payload: { role: 'admin' },
    });
    expect(patch.statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: t.bearer(t.viewerToken),
    });
    expect(read.statusCode).toBe(200);
    const tooStrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: t.admin.headers,
      payload: { name: 'x', role: 'admin', userId: t.userIds.viewer },
    });
    expect(tooStrong.statusCode).toBe(400);
    const lastAdmin = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${t.admin.userId}`,
      headers: t.admin.headers,
      payload: { role: 'agent' },
    });
    expect(lastAdmin.statusCode).toBe(409);
  });

  it('locks out a disabled user: no login, no session, no token', async () => {
    t = await createTestApp(engine);
    const session = await t.login('agent');
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${t.userIds.agent}`,
      headers: t.admin.headers,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().user.disabled).toBe(true);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: TEST_EMAILS.agent, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: session.headers });
    expect(old.statusCode).toBe(401);
    const token = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: t.bearer(t.agentToken),
    });
    expect(token.statusCode).toBe(401);
  });

  it('logs out by ending the session', async () => {
    t = await createTestApp(engine);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: t.admin.headers });
    expect(out.json()).toEqual({ ok: true });
    expect(String(out.headers['set-cookie'])).toMatch(/rapport_session=;/);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: t.admin.headers });
    expect(after.statusCode).toBe(401);
  });

  it('rate-limits login attempts per IP', async () => {
    t = await createTestApp(engine, { RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: TEST_EMAILS.agent, password: 'wrong password' },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it('answers 401 on every /api/v1 route without credentials, except the public ones', async () => {
    t = await createTestApp(engine);
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false })).filter(([, path]) =>
      path.startsWith('/api/v1/'),
    );
    expect(routes.length).toBeGreaterThan(8);
    const isPublic = (method: string, path: string) =>
      ['GET /api/v1/auth/state', 'POST /api/v1/auth/setup', 'POST /api/v1/auth/login'].includes(
        `${method} ${path}`,
      ) ||
      path.includes('webhook') || // signed webhooks authenticate by their signature
      path === '/api/v1/alerts/:id/ack-token'; // a notification's acknowledgement carries its own token
    for (const [method, path] of routes) {
      if (isPublic(method, path)) continue;
      const url = path.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, 'x');
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expect(`${method} ${path} → ${res.statusCode}`).toBe(`${method} ${path} → 401`);
      const cookieOnly = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: 'rapport_session=forged' },
      });
      expect(cookieOnly.statusCode).toBe(401);
    }
  });

  it('answers bad bodies with a clear 4xx and stores nothing', async () => {
    t = await createTestApp(engine, { RAPPORT_BODY_LIMIT_BYTES: '2048' });
    const headers = { ...t.admin.headers, 'content-type': 'application/json' };
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_failed');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: t.admin.headers,
      payload: { email: 'a@b.test' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['name', 'password']),
    );
    const oversized = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: JSON.stringify({
        email: 'a@b.test',
        name: 'x'.repeat(4000),
        role: 'agent',
        password: TEST_PASSWORD,
      }),
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.code).toBe('payload_too_large');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...t.admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a@b.test',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(await countUsers(t.services.db.kysely)).toBe(3);
  });
});
