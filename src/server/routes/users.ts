import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { addUser, listUsers, updateUser } from '../../commands/users.js';
import type { UserRow } from '../../store/schema.js';
import { route } from '../route.js';
import { userRoutes } from './users.schema.js';

/** The public shape of a user (docs/API.md `User`), plus whether the account is disabled. */
export function presentUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabled === 1 };
}

/** GET/POST /api/v1/users and PATCH /api/v1/users/:id: the team list and its administration. */
export function registerUserRoutes(app: FastifyInstance, services: Services) {
  route(app, userRoutes.list, async () => ({ items: (await listUsers(services)).map(presentUser) }));

  route(app, userRoutes.add, async ({ body, actor }) => ({
    user: presentUser(await addUser(services, actor, body)),
  }));

  route(app, userRoutes.update, async ({ params: { id }, body, actor }) => ({
    user: presentUser(await updateUser(services, actor, id, body)),
  }));
}
