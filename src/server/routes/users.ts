import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getPreferences, updatePreferences } from '../../commands/preferences.js';
import type { Services } from '../../commands/services.js';
import { addUser, listUsers, updateUser } from '../../commands/users.js';
import { preferencesPatchSchema } from '../../domain/preferences.js';
import { UnauthenticatedError } from '../../platform/errors.js';
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

  app.get('/api/v1/me/preferences', async (request) => {
    const actor = requireRole(request, 'viewer');
    return { preferences: await getPreferences(services, personOf(actor)) };
  });

  app.patch('/api/v1/me/preferences', async (request) => {
    const actor = requireRole(request, 'viewer');
    const body = parseInput(preferencesPatchSchema, request.body, 'preferences');
    return { preferences: await updatePreferences(services, personOf(actor), body) };
  });
}
