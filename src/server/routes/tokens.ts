import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../commands/services.js';
import { createToken, listTokens, revokeToken } from '../../commands/tokens.js';
import type { ApiTokenRow } from '../../store/tokens-repo.js';
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
  app.get('/api/v1/tokens', async (request) => {
    requireRole(request, 'admin');
    return { items: (await listTokens(services)).map(presentToken) };
  });

  app.post('/api/v1/tokens', async (request) => {
    const actor = requireRole(request, 'admin');
    const { userId, ...body } = parseInput(createBody, request.body);
    const created = await createToken(services, actor, { ...body, owner: userId });
    return { token: created.token, apiToken: presentToken(created.apiToken) };
  });

  app.delete('/api/v1/tokens/:id', async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = parseInput(idParams, request.params, 'path');
    return { apiToken: presentToken(await revokeToken(services, actor, id)) };
  });
}
