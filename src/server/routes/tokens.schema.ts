/** Contracts of the API token routes. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { roles } from '../../domain/roles.js';
import { epochMs, idParams } from './common.schema.js';

/** An API token as listed: everything but its secret (which is never stored). */
export const apiTokenSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string(),
    prefix: z.string().describe('the first characters of the token, to recognise it'),
    role: z.enum(roles),
    userId: z.number().int().positive().nullable().describe('the owner; null for an integration token'),
    createdAt: epochMs,
    lastUsedAt: epochMs.nullable(),
    revokedAt: epochMs.nullable(),
  })
  .meta({ id: 'ApiToken' });

const admin = { role: 'admin' } as const;
const tag = 'Users and tokens';

/** The token routes' contracts, by operation. */
export const tokenRoutes = {
  list: defineRoute({
    operationId: 'listTokens',
    method: 'GET',
    path: '/api/v1/tokens',
    auth: admin,
    tag,
    summary: 'All API tokens (revoked ones too)',
    response: z.object({ items: z.array(apiTokenSchema) }),
  }),
  create: defineRoute({
    operationId: 'createToken',
    method: 'POST',
    path: '/api/v1/tokens',
    auth: admin,
    tag,
    summary: 'Create an API token; its secret is in this answer only',
    description:
      'The owner defaults to the caller; `userId: null` makes an ownerless token. A token never has ' +
      'more power than its owner.',
    body: z
      .object({
        name: z.string().trim().min(1).max(100),
        role: z.enum(roles).default('agent'),
        userId: z.number().int().positive().nullable().optional(),
      })
      .strict(),
    response: z.object({ token: z.string().describe('rpt_…, shown this once'), apiToken: apiTokenSchema }),
  }),
  revoke: defineRoute({
    operationId: 'revokeToken',
    method: 'DELETE',
    path: '/api/v1/tokens/:id',
    auth: admin,
    tag,
    summary: 'Revoke an API token',
    params: idParams,
    response: z.object({ apiToken: apiTokenSchema }),
  }),
};
