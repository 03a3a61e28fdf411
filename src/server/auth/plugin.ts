import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../commands/services.js';
import { roleAtLeast } from '../../domain/roles.js';
import { AppError, UnauthenticatedError } from '../../platform/errors.js';
import { sameSecret } from '../../platform/secrets.js';
import { findValidSession } from '../../store/sessions-repo.js';
import { findActiveToken, touchToken } from '../../store/tokens-repo.js';
import { registerAuthRoutes } from '../routes/auth.js';
import { registerTokenRoutes } from '../routes/tokens.js';
import { registerUserRoutes } from '../routes/users.js';
import type { Actor } from './actor.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** The cookie session behind a request, when it was authenticated by cookie (for CSRF and logout). */
export interface RequestSession {
  /** sessions.id (the SHA-256 of the cookie value). */
  id: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    authSession: RequestSession | null;
  }
}

/** Header a cookie-authenticated page sends on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The token of an `Authorization: Bearer <token>` header, or null for any other form. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;
}

async function actorFromToken(services: Services, secret: string): Promise<Actor | null> {
  const found = await findActiveToken(services.db.kysely, secret);
  if (!found || found.owner?.disabled) return null;
  await touchToken(services.db.kysely, found.token, services.clock.now());
  // A token never has more power than its owner has today.
  const role =
    found.owner && !roleAtLeast(found.owner.role, found.token.role) ? found.owner.role : found.token.role;
  // Replies made through a person's token carry that person's name (customers see it); an
  // ownerless integration token signs with its own name.
  const name = found.owner?.name ?? found.token.name;
  return { type: 'token', id: found.token.id, userId: found.token.user_id, name, role };
}

async function authenticate(services: Services, request: FastifyRequest): Promise<'none' | 'ok' | 'bad'> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = bearerToken(header);
    const actor = token ? await actorFromToken(services, token) : null;
    if (!actor) return 'bad';
    request.actor = actor;
    return 'ok';
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return 'none';
  const session = await findValidSession(services.db.kysely, cookie, services.clock.now());
  if (!session) return 'none';
  const { user } = session;
  request.actor = { type: 'user', id: user.id, userId: user.id, name: user.name, role: user.role };
  request.authSession = { id: session.id, csrfToken: session.csrfToken };
  return 'ok';
}

/**
 * Authentication for every route under /api/: sets request.actor from a bearer API token or the
 * session cookie, rejects routes not marked `config: { public: true }` without one (401), and
 * enforces the CSRF header on cookie-authenticated state changes (403). Also registers the auth,
 * user and token routes.
 */
export async function registerAuth(app: FastifyInstance, services: Services) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (request) => {
    // Judge by the matched route as well as the raw URL, so an encoded path cannot slip past.
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith('/api/') && !request.url.startsWith('/api/')) return;
    const isPublic = request.routeOptions.config?.public === true;
    const outcome = await authenticate(services, request);
    if (isPublic) return;
    if (outcome === 'bad') throw new UnauthenticatedError('invalid, revoked or disabled API token');
    if (!request.actor) throw new UnauthenticatedError();
    if (request.authSession && UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.authSession.csrfToken)) {
        throw new AppError('csrf_failed', `missing or wrong ${CSRF_HEADER} header`);
      }
    }
  });
  registerAuthRoutes(app, services);
  registerUserRoutes(app, services);
  registerTokenRoutes(app, services);
}
