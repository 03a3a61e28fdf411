import type { Kysely, Selectable } from 'kysely';
import { roleAtLeast } from '../domain/roles.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { randomToken, sha256 } from '../platform/ids.js';
import type { ApiTokensTable, Database } from './schema.js';

/** A stored API token (hash only); the clear token exists only in createApiToken's answer. */
export type ApiTokenRow = Selectable<ApiTokensTable>;

/** Every API token starts with this, so they are easy to spot in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'rpt_';

/** last_used_at is refreshed at most this often, so busy tokens do not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** An active token together with the state of its owner (tokens may also have no owner). */
export interface ActiveToken {
  token: ApiTokenRow;
  owner: { id: number; name: string; role: ApiTokenRow['role']; disabled: boolean } | null;
}

/**
 * Creates an API token and returns it in clear exactly once; only its SHA-256 and a short display
 * prefix are stored. A token with an owner may not have a stronger role than that owner.
 */
export async function createApiToken(
  db: Kysely<Database>,
  input: { name: string; role: ApiTokenRow['role']; userId: number | null; now: number },
): Promise<{ id: number; token: string; prefix: string }> {
  if (input.userId !== null) {
    const owner = await db
      .selectFrom('users')
      .select('role')
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!owner) throw new NotFoundError(`user ${input.userId}`);
    if (!roleAtLeast(owner.role, input.role)) {
      throw new ValidationError(`a token cannot have more rights than its owner (${owner.role})`);
    }
  }
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: input.name.trim(),
      token_hash: sha256(token),
      prefix,
      user_id: input.userId,
      role: input.role,
      created_at: input.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, prefix };
}

/** The unrevoked token matching a presented secret, with its owner; undefined when unknown or revoked. */
export async function findActiveToken(db: Kysely<Database>, token: string): Promise<ActiveToken | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select(['users.name as owner_name', 'users.role as owner_role', 'users.disabled as owner_disabled'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { owner_name, owner_role, owner_disabled, ...tokenRow } = row;
  const owner =
    tokenRow.user_id !== null && owner_name !== null && owner_role !== null
      ? { id: tokenRow.user_id, name: owner_name, role: owner_role, disabled: owner_disabled === 1 }
      : null;
  return { token: tokenRow, owner };
}

/** Records that a token was used, writing only when the last record is over a minute old. */
export async function touchToken(db: Kysely<Database>, token: ApiTokenRow, now: number): Promise<void> {
  if (token.last_used_at !== null && now - token.last_used_at < TOUCH_INTERVAL_MS) return;
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', token.id).execute();
}

/** One token by id (for presenting it after creation or revocation), or undefined. */
export async function getToken(db: Kysely<Database>, id: number): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every token (revoked ones too, for the audit view), newest first. */
export async function listTokens(db: Kysely<Database>): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
}

/** Revokes a token from now on; revoking twice keeps the first time. NotFoundError if unknown. */
export async function revokeToken(db: Kysely<Database>, id: number, now: number): Promise<ApiTokenRow> {
  const existing = await getToken(db, id);
  if (!existing) throw new NotFoundError(`token ${id}`);
  if (existing.revoked_at !== null) return existing;
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
