import type { FastifyReply } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { NewSession } from '../../store/sessions-repo.js';

/** Name of the browser session cookie (see docs/API.md). */
export const SESSION_COOKIE = 'rapport_session';

/** Sets the session cookie: httpOnly, SameSite=Lax, whole site, Secure when configured. */
export function setSessionCookie(reply: FastifyReply, config: Config, session: NewSession) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.RAPPORT_COOKIE_SECURE,
    maxAge: Math.round(config.RAPPORT_SESSION_DAYS * 24 * 60 * 60),
  });
}

/** Tells the browser to forget the session cookie (logout). */
export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.RAPPORT_COOKIE_SECURE,
  });
}
