import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../commands/services.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import { verifyAgainstDummy, verifyPassword } from '../../platform/passwords.js';
import { appendEvent, systemActor } from '../../store/events-repo.js';
import type { UserRow } from '../../store/schema.js';
import { createSession, deleteExpiredSessions, deleteSession } from '../../store/sessions-repo.js';
import {
  countUsers,
  createFirstAdmin,
  findUserByEmail,
  getUser,
  normaliseEmail,
} from '../../store/users-repo.js';
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
  const db = services.db.kysely;
  const { config } = services;
  const loginLimit = { max: config.RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 };

  async function startSession(reply: FastifyReply, user: UserRow) {
    const now = services.clock.now();
    await deleteExpiredSessions(db, now);
    const session = await createSession(db, { userId: user.id, now, days: config.RAPPORT_SESSION_DAYS });
    setSessionCookie(reply, config, session);
    return { user: presentUser(user), csrfToken: session.csrfToken };
  }

  app.get('/api/v1/auth/state', { config: { public: true } }, async (request) => {
    const needsSetup = (await countUsers(db)) === 0;
    const userId = request.actor?.userId ?? null;
    const user = userId === null ? undefined : await getUser(db, userId);
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
      const now = services.clock.now();
      const user = await createFirstAdmin(services.db, { ...body, now });
      await appendEvent(db, {
        at: now,
        actor: { type: 'user', id: user.id },
        type: 'user.created',
        data: { userId: user.id, role: user.role, via: 'setup' },
      });
      return startSession(reply, user);
    },
  );

  app.post(
    '/api/v1/auth/login',
    { config: { public: true, rateLimit: loginLimit } },
    async (request, reply) => {
      const body = parseInput(loginBody, request.body);
      const user = await findUserByEmail(db, body.email);
      // Unknown email, wrong password and disabled account: same work, same answer.
      const passwordOk = user
        ? await verifyPassword(body.password, user.password_hash)
        : await verifyAgainstDummy(body.password);
      const now = services.clock.now();
      if (!user || !passwordOk || user.disabled === 1) {
        const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
        await appendEvent(db, {
          at: now,
          actor: systemActor,
          type: 'auth.login_failed',
          data: { email: normaliseEmail(body.email), reason, ip: request.ip },
        });
        throw new UnauthenticatedError('wrong email or password');
      }
      await appendEvent(db, {
        at: now,
        actor: { type: 'user', id: user.id },
        type: 'auth.login',
        data: { ip: request.ip },
      });
      return startSession(reply, user);
    },
  );

  app.post('/api/v1/auth/logout', async (request, reply) => {
    requireRole(request, 'viewer');
    if (request.authSession) await deleteSession(db, request.authSession.id);
    clearSessionCookie(reply, config);
    return { ok: true };
  });
}
