import type { FastifyRequest } from 'fastify';
import { type Role, roleAtLeast } from '../../domain/roles.js';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.js';

export type { Role };

/** Who is making a request: a signed-in user (session cookie) or an API token. */
export interface Actor {
  type: 'user' | 'token';
  /** users.id for a session, api_tokens.id for a token. */
  id: number;
  /** The user the request acts for (a token's owner, when it has one). */
  userId: number | null;
  name: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Route needs no authentication (health, signed webhooks, login). */
    public?: boolean;
  }
}

/** The request's actor, required to hold at least `role`; throws the typed auth errors otherwise. */
export function requireRole(request: FastifyRequest, role: Role): Actor {
  const actor = request.actor;
  if (!actor) throw new UnauthenticatedError();
  if (!roleAtLeast(actor.role, role)) throw new ForbiddenError(`requires the ${role} role`);
  return actor;
}
