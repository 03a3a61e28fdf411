import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../commands/services.js';
import { addUser, listUsers, updateUser } from '../../commands/users.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/passwords.js';
import type { UserRow } from '../../store/schema.js';
import { requireRole } from '../auth/actor.js';
import { parseInput } from '../validate.js';

/** The public shape of a user (docs/API.md `User`), plus whether the account is disabled. */
export function presentUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabled === 1 };
}

const role = z.enum(['admin', 'agent', 'viewer']);
/** Input fields shared by setup and user creation. */
export const emailField = z.string().trim().max(254).pipe(z.email());
export const nameField = z.string().trim().min(1).max(100);
export const newPasswordField = z.string().min(MIN_PASSWORD_LENGTH).max(1024);

const createBody = z
  .object({ email: emailField, name: nameField, role, password: newPasswordField })
  .strict();
const patchBody = z
  .object({ name: nameField.optional(), role: role.optional(), disabled: z.boolean().optional() })
  .strict();
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** GET/POST /api/v1/users and PATCH /api/v1/users/:id: the team list and its administration. */
export function registerUserRoutes(app: FastifyInstance, services: Services) {
  app.get('/api/v1/users', async (request) => {
    requireRole(request, 'viewer');
    return { items: (await listUsers(services)).map(presentUser) };
  });

  app.post('/api/v1/users', async (request) => {
    const actor = requireRole(request, 'admin');
    const body = parseInput(createBody, request.body);
    return { user: presentUser(await addUser(services, actor, body)) };
  });

  app.patch('/api/v1/users/:id', async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = parseInput(idParams, request.params, 'path');
    const body = parseInput(patchBody, request.body);
    return { user: presentUser(await updateUser(services, actor, id, body)) };
  });
}
