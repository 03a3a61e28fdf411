import type { Kysely } from 'kysely';
import { UnauthenticatedError } from '../platform/errors.js';
import { verifyAgainstDummy, verifyPassword } from '../platform/passwords.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import type { Database, UserRow } from '../store/schema.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  type NewSession,
} from '../store/sessions-repo.js';
import { countUsers, findUserByEmail, getUser, normaliseEmail } from '../store/users-repo.js';
import type { Services } from './services.js';
import { setUpFirstAdmin } from './users.js';

/** A signed-in user and their new browser session (the cookie value is in `session.token`). */
export interface SignedIn {
  user: UserRow;
  session: NewSession;
}

/** What the web app shows first: setup while no user exists, else who (if anyone) is signed in. */
export async function authState(
  services: Services,
  userId: number | null,
): Promise<{ needsSetup: boolean; user: UserRow | undefined }> {
  const db = services.db.kysely;
  const needsSetup = (await countUsers(db)) === 0;
  const user = userId === null ? undefined : await getUser(db, userId);
  return { needsSetup, user };
}

async function startSession(services: Services, db: Kysely<Database>, user: UserRow, now: number) {
  await deleteExpiredSessions(db, now);
  return createSession(db, { userId: user.id, now, days: services.config.RAPPORT_SESSION_DAYS });
}

/**
 * Checks an email and password and starts a session, recording `auth.login`. An unknown email, a
 * wrong password and a disabled account cost the same password work and raise the same
 * UnauthenticatedError; each is recorded as `auth.login_failed` with its reason.
 */
export async function signIn(
  services: Services,
  input: { email: string; password: string; ip: string },
): Promise<SignedIn> {
  const db = services.db.kysely;
  const user = await findUserByEmail(db, input.email);
  const passwordOk = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyAgainstDummy(input.password);
  const now = services.clock.now();
  if (!user || !passwordOk || user.disabled === 1) {
    const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
    await appendEvent(db, {
      at: now,
      actor: systemActor,
      type: 'auth.login_failed',
      data: { email: normaliseEmail(input.email), reason, ip: input.ip },
    });
    throw new UnauthenticatedError('wrong email or password');
  }
  const session = await db.transaction().execute(async (trx) => {
    await appendEvent(trx, {
      at: now,
      actor: { type: 'user', id: user.id },
      type: 'auth.login',
      data: { ip: input.ip },
    });
    return startSession(services, trx, user, now);
  });
  return { user, session };
}

/** First-run setup: creates the first admin (see setUpFirstAdmin) and signs them in. */
export async function completeSetup(
  services: Services,
  input: { email: string; name: string; password: string },
): Promise<SignedIn> {
  const user = await setUpFirstAdmin(services, input);
  const session = await startSession(services, services.db.kysely, user, services.clock.now());
  return { user, session };
}

/** Ends one browser session (sign-out), by its stored id. */
export async function signOut(services: Services, sessionId: string): Promise<void> {
  await deleteSession(services.db.kysely, sessionId);
}
