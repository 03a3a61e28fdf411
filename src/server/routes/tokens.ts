import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { createToken, listTokens, revokeToken } from '../../commands/tokens.js';
import type { ApiTokenRow } from '../../store/tokens-repo.js';
import { route } from '../route.js';
import { tokenRoutes } from './tokens.schema.js';

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

/**
 * GET/POST /api/v1/tokens and DELETE /api/v1/tokens/:id (admin). POST answers
 * `{token: "rpt_…", apiToken}`: the secret is shown this once. A token's owner defaults to the
 * calling user; `userId: null` makes an ownerless token.
 */
export function registerTokenRoutes(app: FastifyInstance, services: Services) {
  route(app, tokenRoutes.list, async () => ({ items: (await listTokens(services)).map(presentToken) }));

  route(app, tokenRoutes.create, async ({ body: { userId, ...body }, actor }) => {
    const created = await createToken(services, actor, { ...body, owner: userId });
    return { token: created.token, apiToken: presentToken(created.apiToken) };
  });

  route(app, tokenRoutes.revoke, async ({ params: { id }, actor }) => ({
    apiToken: presentToken(await revokeToken(services, actor, id)),
  }));
}
