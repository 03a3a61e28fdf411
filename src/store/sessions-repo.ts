import type { Kysely } from 'kysely';
import { randomToken, sha256 } from '../platform/ids.js';
import type { Database, UserRow } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new browser session: the cookie value (shown once) and the CSRF token pages must echo back. */
export interface NewSession {
  /** Goes in the cookie; only its SHA-256 is stored, so a database leak does not leak sessions. */
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** A live session joined with its (enabled) user. */
export interface ActiveSession {
  id: string;
  csrfToken: string;
  expiresAt: number;
  user: UserRow;
}

/** Starts a session for a user that lasts `days` days (config RAPPORT_SESSION_DAYS). */
export async function createSession(
  db: Kysely<Database>,
  input: { userId: number; now: number; days: number },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = input.now + Math.round(input.days * DAY_MS);
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: input.now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The session a cookie value belongs to, if it has not expired and its user is not disabled. */
export async function findValidSession(
  db: Kysely<Database>,
  token: string,
  now: number,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id', '=', sha256(token))
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_id, csrf_token, expires_at, ...user } = row;
  return { id: session_id, csrfToken: csrf_token, expiresAt: expires_at, user };
}

/** Ends one session (logout), by its stored id (the token's hash). */
export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Removes sessions past their expiry; returns how many went. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
