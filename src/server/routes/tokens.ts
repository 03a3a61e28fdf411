import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { eventActor } from '../../commands/actor.js';
import type { Services } from '../../commands/services.js';
import { NotFoundError } from '../../platform/errors.js';
import { appendEvent } from '../../store/events-repo.js';
import {
  type ApiTokenRow,
  createApiToken,
  getToken,
  listTokens,
  revokeToken,
} from '../../store/tokens-repo.js';
import { requireRole } from '../auth/actor.js';
import { parseInput } from '../validate.js';

/** The public shape of an API token: everything except its secret (which is never stored). */
export function presentToken(token: ApiTokenRow) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: token.role,
    userId: token.user_id,
    createdAt: token.created_at,
    lastUsedAt: token.last_used_at,
    revokedAt: token.revoked_at,
  };
}

const createBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(['admin', 'agent', 'viewer']).default('agent'),
    userId: z.number().int().positive().nullable().optional(),
  })
  .strict();
const idParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * GET/POST /api/v1/tokens and DELETE /api/v1/tokens/:id (admin). POST answers
 * `{token: "rpt_…", apiToken}`: the secret is shown this once. A token's owner defaults to the
 * calling user; `userId: null` makes an ownerless token.
 */
export function registerTokenRoutes(app: FastifyInstance, services: Services) {
  const db = services.db.kysely;

  app.get('/api/v1/tokens', async (request) => {
    requireRole(request, 'admin');
    return { items: (await listTokens(db)).map(presentToken) };
  });

  app.post('/api/v1/tokens', async (request) => {
    const actor = requireRole(request, 'admin');
    const body = parseInput(createBody, request.body);
    const userId = body.userId === undefined ? actor.userId : body.userId;
    const now = services.clock.now();
    const created = await createApiToken(db, { name: body.name, role: body.role, userId, now });
    await appendEvent(db, {
      at: now,
      actor: eventActor(actor),
      type: 'token.created',
      data: { tokenId: created.id, role: body.role, userId },
    });
    const row = await getToken(db, created.id);
    if (!row) throw new NotFoundError(`token ${created.id}`);
    return { token: created.token, apiToken: presentToken(row) };
  });

  app.delete('/api/v1/tokens/:id', async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = parseInput(idParams, request.params, 'path');
    const now = services.clock.now();
    const row = await revokeToken(db, id, now);
    await appendEvent(db, {
      at: now,
      actor: eventActor(actor),
      type: 'token.revoked',
      data: { tokenId: id },
    });
    return { apiToken: presentToken(row) };
  });
}
