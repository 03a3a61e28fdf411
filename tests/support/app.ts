/**
 * One-call API test harness for integration tests (see the example at the bottom of this comment).
 *
 * createTestApp(engine, overrides, options) builds the real services and Fastify server on a fresh
 * database (in-memory SQLite, or a throwaway PostgreSQL schema from freshDb) and prepares three
 * identities:
 *   - admin: a logged-in browser session (the first admin, made through POST /api/v1/auth/setup);
 *   - agentToken / viewerToken: bearer API tokens owned by an agent and a viewer user.
 * Rate limits are raised so tests never trip them unless an override sets them. Every API answer is
 * checked against its route's contract (src/server/contract-check.ts): a mismatch becomes a 500 that
 * names it, and close() fails the test listing every mismatch.
 *
 *   const t = await createTestApp('sqlite');
 *   const res = await t.app.inject({ method: 'POST', url: '/api/v1/messages', headers: t.bearer(t.agentToken), payload });
 *   const asAdmin = await t.app.inject({ method: 'POST', url: '…', headers: t.admin.headers, payload });
 *   const agentSession = await t.login('agent'); // cookie + csrf headers for the agent user
 *   await t.close();
 *
 * With describe.each(testEngines) from ./engines.js the same test runs on PostgreSQL when configured.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../src/commands/services.js';
import type { Clock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import { type EventStream, startEventStream } from '../../src/runtime/event-stream.js';
import { openServices } from '../../src/runtime/services.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import type { ContractViolation } from '../../src/server/contract-check.js';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { freshDb } from './engines.js';
import { TEST_SECRET_KEY } from './services.js';

/** The password every test user has. */
export const TEST_PASSWORD = 'correct horse battery';

/** Emails of the three test users, by role. */
export const TEST_EMAILS = {
  admin: 'admin@example.test',
  agent: 'agent@example.test',
  viewer: 'viewer@example.test',
} as const;

/** A logged-in browser session: send `headers` on every request (cookie + CSRF header). */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  userId: number;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** What createTestApp hands back. */
export interface TestApp {
  app: FastifyInstance;
  services: Services;
  /** The event stream's readers (live relay, listeners), running as in `rapport start`. */
  events: EventStream;
  admin: TestSession;
  agentToken: string;
  viewerToken: string;
  /** User ids of the three test users. */
  userIds: { admin: number; agent: number; viewer: number };
  /** Logs a test user in through POST /api/v1/auth/login and returns the session. */
  login(role: 'admin' | 'agent' | 'viewer'): Promise<TestSession>;
  /** `{authorization: 'Bearer …'}` for a token. */
  bearer(token: string): { authorization: string };
  /** Answers that broke their route's contract so far (close() throws when there are any). */
  violations: ContractViolation[];
  /** Closes the server and the database (and drops the PostgreSQL schema). */
  close(): Promise<void>;
}

/** The `name=value` part of a Set-Cookie header, ready to send back as a Cookie header. */
export function cookieFrom(setCookie: string | string[] | undefined, name = 'rapport_session'): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in response`);
  return found.split(';')[0] ?? '';
}

/** Builds a ready-to-use server on a fresh database; see the module comment. */
export async function createTestApp(
  engine: 'sqlite' | 'postgres' = 'sqlite',
  overrides: Record<string, string> = {},
  options: { clock?: Clock; onRoute?: ServerOptions['onRoute'] } = {},
): Promise<TestApp> {
  const config = configFrom({
    RAPPORT_RATE_LIMIT_PER_MINUTE: '1000000',
    RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
    ...overrides,
    RAPPORT_LOG_LEVEL: 'silent',
  });
  const services =
    engine === 'postgres'
      ? await openServices(config, { openDb: await freshDb('postgres'), clock: options.clock })
      : await openServices(config, { db: { sqliteFile: ':memory:' }, clock: options.clock });
  const events = await startEventStream(services);
  const violations: ContractViolation[] = [];
  const app = await buildServer(services, {
    checkResponses: (v) => violations.push(v),
    onRoute: options.onRoute,
  });
  await app.ready();

  const toSession = (res: Awaited<ReturnType<FastifyInstance['inject']>>): TestSession => {
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { user: { id: number }; csrfToken: string };
    const cookie = cookieFrom(res.headers['set-cookie']);
    return {
      cookie,
      csrfToken: body.csrfToken,
      userId: body.user.id,
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    };
  };

  const setup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/setup',
    payload: { email: TEST_EMAILS.admin, name: 'Ada Admin', password: TEST_PASSWORD },
  });
  const admin = toSession(setup);
  const db = services.db.kysely;
  const now = services.clock.now();
  const agent = await createUser(db, {
    email: TEST_EMAILS.agent,
    name: 'Alex Agent',
    role: 'agent',
    password: TEST_PASSWORD,
    now,
  });
  const viewer = await createUser(db, {
    email: TEST_EMAILS.viewer,
    name: 'Vic Viewer',
    role: 'viewer',
    password: TEST_PASSWORD,
    now,
  });
  const agentToken = await createApiToken(db, { name: 'test agent', role: 'agent', userId: agent.id, now });
  const viewerToken = await createApiToken(db, {
    name: 'test viewer',
    role: 'viewer',
    userId: viewer.id,
    now,
  });

  return {
    app,
    services,
    events,
    admin,
    agentToken: agentToken.token,
    viewerToken: viewerToken.token,
    userIds: { admin: admin.userId, agent: agent.id, viewer: viewer.id },
    login: async (role) =>
      toSession(
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: TEST_EMAILS[role], password: TEST_PASSWORD },
        }),
      ),
    bearer: (token) => ({ authorization: `Bearer ${token}` }),
    violations,
    close: async () => {
      await app.close();
      await events.stop();
      await services.db.close();
      if (violations.length > 0) {
        throw new Error(`answers broke their contracts:\n${JSON.stringify(violations, null, 2)}`);
      }
    },
  };
}
