import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../platform/errors.js';
import { appendEvent } from '../store/events-repo.js';
import type { Database, UserRow } from '../store/schema.js';
import { lockUserAdministration } from '../store/users-lock.js';
import {
  countUsers,
  createUser,
  findUserByEmail,
  getUser,
  listUsers as listUserRows,
  setDisabled,
  setName,
  setPassword,
  setRole,
  type UserRole,
} from '../store/users-repo.js';
import { type AdminActor, auditOf } from './admin-actor.js';
import type { Services } from './services.js';

/** A user by id (the API) or by email (the CLI); a missing one is a NotFoundError naming it. */
export type UserRef = number | { email: string };

/** What an admin may change about a user in one go; absent fields stay as they are. */
export interface UserPatch {
  name?: string;
  role?: UserRole;
  disabled?: boolean;
}

/** The user a reference points at, read inside `db` (a transaction or the database). */
export async function requireUser(db: Kysely<Database>, ref: UserRef): Promise<UserRow> {
  const user = typeof ref === 'number' ? await getUser(db, ref) : await findUserByEmail(db, ref.email);
  if (!user) throw new NotFoundError(`user ${typeof ref === 'number' ? ref : ref.email}`);
  return user;
}

/** Every user, by name (the team list, assignment pickers, `rapport user list`). */
export async function listUsers(services: Services): Promise<UserRow[]> {
  return listUserRows(services.db.kysely);
}

/** Adds a user with a password; the user and its `user.created` event are written together. */
export async function addUser(
  services: Services,
  actor: AdminActor,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<UserRow> {
  const audit = auditOf(actor);
  const now = services.clock.now();
  return services.db.kysely.transaction().execute(async (trx) => {
    const user = await createUser(trx, { ...input, now });
    await appendEvent(trx, {
      at: now,
      actor: audit.actor,
      type: 'user.created',
      data: { userId: user.id, role: user.role, ...audit.via },
    });
    return user;
  });
}

/**
 * Creates the first admin while the instance has no user (the web app's setup screen). A
 * ConflictError once any user exists, also when two setups race.
 */
export async function setUpFirstAdmin(
  services: Services,
  input: { email: string; name: string; password: string },
): Promise<UserRow> {
  const now = services.clock.now();
  return services.db.kysely.transaction().execute(async (trx) => {
    await lockUserAdministration(services.db, trx);
    if ((await countUsers(trx)) > 0) throw new ConflictError('setup is already done');
    const user = await createUser(trx, { ...input, role: 'admin', now });
    await appendEvent(trx, {
      at: now,
      actor: { type: 'user', id: user.id },
      type: 'user.created',
      data: { userId: user.id, role: user.role, via: 'setup' },
    });
    return user;
  });
}

/**
 * Renames, changes the role of, and disables or re-enables a user, all or nothing with its
 * `user.updated` event. Demoting or disabling the last active admin is a ConflictError (and then
 * nothing changes); disabling ends the user's sessions.
 */
export async function updateUser(
  services: Services,
  actor: AdminActor,
  ref: UserRef,
  patch: UserPatch,
): Promise<UserRow> {
  const audit = auditOf(actor);
  const now = services.clock.now();
  return services.db.kysely.transaction().execute(async (trx) => {
    await lockUserAdministration(services.db, trx);
    let user = await requireUser(trx, ref);
    const id = user.id;
    if (patch.name !== undefined) user = await setName(trx, id, patch.name);
    if (patch.role !== undefined) user = await setRole(trx, id, patch.role);
    if (patch.disabled !== undefined) user = await setDisabled(trx, id, patch.disabled);
    await appendEvent(trx, {
      at: now,
      actor: audit.actor,
      type: 'user.updated',
      data: { userId: id, ...patch, ...audit.via },
    });
    return user;
  });
}

/** Replaces a user's password and ends their sessions, with a `user.password_changed` event. */
export async function changePassword(
  services: Services,
  actor: AdminActor,
  ref: UserRef,
  password: string,
): Promise<UserRow> {
  const audit = auditOf(actor);
  const now = services.clock.now();
  return services.db.kysely.transaction().execute(async (trx) => {
    const { id } = await requireUser(trx, ref);
    const user = await setPassword(trx, id, password);
    await appendEvent(trx, {
      at: now,
      actor: audit.actor,
      type: 'user.password_changed',
      data: { userId: id, ...audit.via },
    });
    return user;
  });
}
