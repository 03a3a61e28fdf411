import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../commands/services.js';
import { authState, completeSetup, type SignedIn, signIn, signOut } from '../../commands/sign-in.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { route } from '../route.js';
import { authRoutes } from './auth.schema.js';
import { presentUser } from './users.js';

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

  route(app, authRoutes.state, async ({ request }) => {
    const { needsSetup, user } = await authState(services, request.actor?.userId ?? null);
    return {
      needsSetup,
      user: user ? presentUser(user) : null,
      csrfToken: request.authSession?.csrfToken ?? null,
    };
  });

  route(
    app,
    authRoutes.setup,
    async ({ body, reply }) => presentSignedIn(reply, await completeSetup(services, body)),
    { rateLimit: loginLimit },
  );

  route(
    app,
    authRoutes.login,
    async ({ body, request, reply }) =>
      presentSignedIn(reply, await signIn(services, { ...body, ip: request.ip })),
    { rateLimit: loginLimit },
  );

  route(app, authRoutes.logout, async ({ request, reply }) => {
    if (request.authSession) await signOut(services, request.authSession.id);
    clearSessionCookie(reply, config);
    return { ok: true as const };
  });
}
