import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Counts one attempt under `key` in a fixed window of `windowMs` (a new window starts the count
 * again) and returns the count, atomically on both engines so concurrent processes agree.
 */
export async function countAttempt(
  db: Kysely<Database>,
  key: string,
  now: number,
  windowMs: number,
): Promise<number> {
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ key, window_start: now, attempts: 1, failures: 0, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        attempts: eb
          .case()
          .when('sign_in_throttle.window_start', '<=', now - windowMs)
          .then(1)
          .else(eb('sign_in_throttle.attempts', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('sign_in_throttle.window_start', '<=', now - windowMs)
          .then(now)
          .else(eb.ref('sign_in_throttle.window_start'))
          .end(),
      })),
    )
    .returning(['attempts', 'window_start'])
    .executeTakeFirstOrThrow();
  return row.attempts;
}

/** When the lockout under `key` ends, or null when there is none. */
export async function lockedUntil(db: Kysely<Database>, key: string): Promise<number | null> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.locked_until === null || row?.locked_until === undefined ? null : Number(row.locked_until);
}

/**
 * Records one more consecutive failure under `key` and sets its lockout from the new count with
 * `lockFor(failures)` (0 for none); returns the count.
 */
export async function recordFailure(
  db: Kysely<Database>,
  key: string,
  now: number,
  lockFor: (failures: number) => number,
): Promise<number> {
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ key, window_start: now, attempts: 0, failures: 1, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ failures: eb('sign_in_throttle.failures', '+', 1) })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const ms = lockFor(row.failures);
  if (ms > 0)
    await db
      .updateTable('sign_in_throttle')
      .set({ locked_until: now + ms })
      .where('key', '=', key)
      .execute();
  return row.failures;
}

/** Forgets the failures under `key` (a successful sign-in). */
export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
