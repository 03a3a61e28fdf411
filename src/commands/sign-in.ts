import type { Kysely } from 'kysely';
import { RateLimitedError, UnauthenticatedError } from '../platform/errors.js';
import { verifyAgainstDummy, verifyPassword } from '../platform/passwords.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import type { Database, UserRow } from '../store/schema.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  type NewSession,
} from '../store/sessions-repo.js';
import { clearFailures, countAttempt, lockedUntil, recordFailure } from '../store/sign-in-throttle-repo.js';
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
  const email = normaliseEmail(input.email);
  const account = `account:${email}`;
  await throttle(services, account, input.ip);
  const user = await findUserByEmail(db, input.email);
  const passwordOk = user
    ? await verifyPassword(input.password, user.password_hash)
    : await verifyAgainstDummy(input.password);
  const now = services.clock.now();
  if (!user || !passwordOk || user.disabled === 1) {
    const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
    await recordFailure(db, account, now, lockoutMs);
    await appendEvent(db, {
      at: now,
      actor: systemActor,
      type: 'auth.login_failed',
      data: { email, reason, ip: input.ip },
    });
    throw new UnauthenticatedError('wrong email or password');
  }
  const session = await db.transaction().execute(async (trx) => {
    await clearFailures(trx, account);
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

/** Consecutive failed sign-ins to one account before it is locked for a while. */
export const LOCKOUT_AFTER_FAILURES = 5;

/**
 * How long an account is locked after `failures` consecutive failed sign-ins: none before
 * LOCKOUT_AFTER_FAILURES, then 30 s, doubling with each further failure, at most an hour.
 */
export function lockoutMs(failures: number): number {
  if (failures < LOCKOUT_AFTER_FAILURES) return 0;
  return Math.min(30_000 * 2 ** (failures - LOCKOUT_AFTER_FAILURES), 3_600_000);
}

/**
 * Refuses a sign-in before any password work when its address has made too many attempts this
 * minute, or its account (known or not, so the answer reveals nothing) is locked after failures.
 * Counted in the database, so every process enforces the same limits.
 */
async function throttle(services: Services, account: string, ip: string) {
  const db = services.db.kysely;
  const now = services.clock.now();
  const attempts = await countAttempt(db, `ip:${ip}`, now, 60_000);
  if (attempts > services.config.RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE)
    throw new RateLimitedError('too many sign-in attempts from this address; wait a minute', 60);
  const until = await lockedUntil(db, account);
  if (until !== null && until > now) {
    const seconds = Math.ceil((until - now) / 1000);
    throw new RateLimitedError(
      `too many failed sign-ins to this account; try again in ${seconds} seconds`,
      seconds,
    );
  }
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
