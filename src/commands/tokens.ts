import { NotFoundError } from '../platform/errors.js';
import { appendEvent } from '../store/events-repo.js';
import {
  type ApiTokenRow,
  createApiToken,
  getToken,
  listTokens as listTokenRows,
  revokeToken as revokeTokenRow,
} from '../store/tokens-repo.js';
import type { UserRole } from '../store/users-repo.js';
import { type AdminActor, actingUserId, auditOf } from './admin-actor.js';
import type { Services } from './services.js';
import { requireUser, type UserRef } from './users.js';

/** A new token: the secret in clear (shown this once, never stored) and its stored row. */
export interface CreatedToken {
  token: string;
  apiToken: ApiTokenRow;
}

/** Every API token, revoked ones too, newest first. */
export async function listTokens(services: Services): Promise<ApiTokenRow[]> {
  return listTokenRows(services.db.kysely);
}

/**
 * Creates an API token with its `token.created` event. `owner` undefined means the actor's own
 * user (none for the shell), null an ownerless token; an owner's role caps the token's role.
 */
export async function createToken(
  services: Services,
  actor: AdminActor,
  input: { name: string; role: UserRole; owner?: UserRef | null },
): Promise<CreatedToken> {
  const audit = auditOf(actor);
  const now = services.clock.now();
  return services.db.kysely.transaction().execute(async (trx) => {
    const userId =
      input.owner === undefined
        ? actingUserId(actor)
        : input.owner === null || typeof input.owner === 'number'
          ? input.owner
          : (await requireUser(trx, input.owner)).id;
    const created = await createApiToken(trx, { name: input.name, role: input.role, userId, now });
    await appendEvent(trx, {
      at: now,
      actor: audit.actor,
      type: 'token.created',
      data: { tokenId: created.id, role: input.role, userId, ...audit.via },
    });
    const apiToken = await getToken(trx, created.id);
    if (!apiToken) throw new NotFoundError(`token ${created.id}`);
    return { token: created.token, apiToken };
  });
}

/** Revokes a token (revoking twice keeps the first time) with a `token.revoked` event. */
export async function revokeToken(services: Services, actor: AdminActor, id: number): Promise<ApiTokenRow> {
  const audit = auditOf(actor);
  const now = services.clock.now();
  return services.db.kysely.transaction().execute(async (trx) => {
    const row = await revokeTokenRow(trx, id, now);
    await appendEvent(trx, {
      at: now,
      actor: audit.actor,
      type: 'token.revoked',
      data: { tokenId: id, ...audit.via },
    });
    return row;
  });
}
