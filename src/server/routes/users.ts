import type { FastifyInstance } from 'fastify';
import { getPreferences, updatePreferences } from '../../commands/preferences.js';
import type { Services } from '../../commands/services.js';
import { addUser, listUsers, updateUser } from '../../commands/users.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import type { UserRow } from '../../store/schema.js';
import { route } from '../route.js';
import { userRoutes } from './users.schema.js';

/** The public shape of a user (docs/API.md `User`), plus whether the account is disabled. */
export function presentUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabled === 1 };
}

/** The person behind a request: personal settings belong to a signed-in user, not a bare token. */
function personOf(actor: { userId: number | null }): number {
  if (actor.userId === null) throw new UnauthenticatedError('personal settings need a signed-in user');
  return actor.userId;
}

/**
 * GET/POST /api/v1/users and PATCH /api/v1/users/:id: the team list and its administration;
 * GET/PATCH /api/v1/me/preferences: the caller's own settings.
 */
export function registerUserRoutes(app: FastifyInstance, services: Services) {
  route(app, userRoutes.list, async () => ({ items: (await listUsers(services)).map(presentUser) }));

  route(app, userRoutes.add, async ({ body, actor }) => ({
    user: presentUser(await addUser(services, actor, body)),
  }));

  route(app, userRoutes.update, async ({ params: { id }, body, actor }) => ({
    user: presentUser(await updateUser(services, actor, id, body)),
  }));

  route(app, userRoutes.getPreferences, async ({ actor }) => ({
    preferences: await getPreferences(services, personOf(actor)),
  }));

  route(app, userRoutes.updatePreferences, async ({ actor, body }) => ({
    preferences: await updatePreferences(services, personOf(actor), body),
  }));
}
