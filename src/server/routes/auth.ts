import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../commands/services.js';
import { authState, completeSetup, type SignedIn, signIn, signOut } from '../../commands/sign-in.js';
import { requireRole } from '../auth/actor.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { parseInput } from '../validate.js';
import { emailField, nameField, newPasswordField, presentUser } from './users.js';

const setupBody = z.object({ email: emailField, name: nameField, password: newPasswordField }).strict();
const loginBody = z.object({ email: z.string().max(254), password: z.string().min(1).max(1024) }).strict();

/**
 * /api/v1/auth/*: state (what the web app shows first), setup (first admin), login and logout.
 * Setup and login get the stricter per-IP limit RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE.
 */
export function registerAuthRoutes(app: FastifyInstance, services: Services) {
  const { config } = services;
  const loginLimit = { max: config.RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 };

  function presentSignedIn(reply: FastifyReply, { user, session }: SignedIn) {
    setSessionCookie(reply, config, session);
    return { user: presentUser(user), csrfToken: session.csrfToken };
  }

  app.get('/api/v1/auth/state', { config: { public: true } }, async (request) => {
    const { needsSetup, user } = await authState(services, request.actor?.userId ?? null);
    return {
      needsSetup,
      user: user ? presentUser(user) : null,
      csrfToken: request.authSession?.csrfToken ?? null,
    };
  });

  app.post(
    '/api/v1/auth/setup',
    { config: { public: true, rateLimit: loginLimit } },
    async (request, reply) => {
      const body = parseInput(setupBody, request.body);
      return presentSignedIn(reply, await completeSetup(services, body));
    },
  );

  app.post(
    '/api/v1/auth/login',
    { config: { public: true, rateLimit: loginLimit } },
    async (request, reply) => {
      const body = parseInput(loginBody, request.body);
      return presentSignedIn(reply, await signIn(services, { ...body, ip: request.ip }));
    },
  );

  app.post('/api/v1/auth/logout', async (request, reply) => {
    requireRole(request, 'viewer');
    if (request.authSession) await signOut(services, request.authSession.id);
    clearSessionCookie(reply, config);
    return { ok: true };
  });
}
