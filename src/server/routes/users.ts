import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { eventActor } from '../../commands/actor.js';
import type { Services } from '../../commands/services.js';
import { NotFoundError } from '../../platform/errors.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/passwords.js';
import { appendEvent } from '../../store/events-repo.js';
import type { UserRow } from '../../store/schema.js';
import { createUser, getUser, listUsers, setDisabled, setName, setRole } from '../../store/users-repo.js';
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
  const db = services.db.kysely;

  app.get('/api/v1/users', async (request) => {
    requireRole(request, 'viewer');
    return { items: (await listUsers(db)).map(presentUser) };
  });

  app.post('/api/v1/users', async (request) => {
    const actor = requireRole(request, 'admin');
    const body = parseInput(createBody, request.body);
    const now = services.clock.now();
    const user = await createUser(db, { ...body, now });
    await appendEvent(db, {
      at: now,
      actor: eventActor(actor),
      type: 'user.created',
      data: { userId: user.id, role: user.role },
    });
    return { user: presentUser(user) };
  });

  app.patch('/api/v1/users/:id', async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = parseInput(idParams, request.params, 'path');
    const body = parseInput(patchBody, request.body);
    let user = await getUser(db, id);
    if (!user) throw new NotFoundError(`user ${id}`);
    if (body.name !== undefined) user = await setName(db, id, body.name);
    if (body.role !== undefined) user = await setRole(db, id, body.role);
    if (body.disabled !== undefined) user = await setDisabled(db, id, body.disabled);
    await appendEvent(db, {
      at: services.clock.now(),
      actor: eventActor(actor),
      type: 'user.updated',
      data: { userId: id, ...body },
    });
    return { user: presentUser(user) };
  });
}
