import { type Preferences, preferencesOf } from '../domain/preferences.js';
import { NotFoundError } from '../platform/errors.js';
import { getUser } from '../store/users-repo.js';
import type { Services } from './services.js';

/** The signed-in person's own settings (GET /api/v1/me/preferences). */
export async function getPreferences(services: Services, userId: number): Promise<Preferences> {
  const user = await getUser(services.db.kysely, userId);
  if (!user) throw new NotFoundError(`user ${userId}`);
  return preferencesOf(user.preferences_json);
}

/**
 * Changes some of a person's own settings, merged over the stored ones inside one transaction,
 * so two tabs changing different settings do not undo each other.
 */
export async function updatePreferences(
  services: Services,
  userId: number,
  patch: Partial<Preferences>,
): Promise<Preferences> {
  return services.db.kysely.transaction().execute(async (trx) => {
    const user = await getUser(trx, userId);
    if (!user) throw new NotFoundError(`user ${userId}`);
    const next = { ...preferencesOf(user.preferences_json), ...stripUndefined(patch) };
    await trx
      .updateTable('users')
      .set({ preferences_json: JSON.stringify(next) })
      .where('id', '=', userId)
      .execute();
    return next;
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
