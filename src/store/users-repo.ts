import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../platform/passwords.js';
import type { Database, UserRow } from './schema.js';
import { isUniqueViolation } from './sql-errors.js';

/** The three roles; viewer reads, agent also acts, admin also manages users, tokens and channels. */
export type UserRole = UserRow['role'];

/** What it takes to create a user; the password is hashed here and never stored in clear. */
export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
  now: number;
}

/** Emails are compared and stored in lower case, so `Sam@X.com` and `sam@x.com` are one user. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, [
      { path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}

/** Creates a user with a scrypt-hashed password; a duplicate email is a ConflictError. */
export async function createUser(db: Kysely<Database>, input: NewUser): Promise<UserRow> {
  checkPassword(input.password);
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new ConflictError(`a user with email ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db
      .insertInto('users')
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        password_hash: passwordHash,
        disabled: 0,
        created_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`a user with email ${email} already exists`);
    throw error;
  }
}

/** The user with this email (any case), or undefined. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** The user with this id, or undefined. */
export async function getUser(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every user, by name (for assignment pickers, @mentions and admin screens). */
export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
}

/** How many users exist; zero means the instance still needs setup. */
export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function updateUser(db: Kysely<Database>, id: number, values: Partial<UserRow>): Promise<UserRow> {
  const row = await db
    .updateTable('users')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`user ${id}`);
  return row;
}

/** Replaces a user's password and signs them out everywhere. */
export async function setPassword(db: Kysely<Database>, id: number, password: string): Promise<UserRow> {
  checkPassword(password);
  const row = await updateUser(db, id, { password_hash: await hashPassword(password) });
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  return row;
}

/** Renames a user. */
export async function setName(db: Kysely<Database>, id: number, name: string): Promise<UserRow> {
  return updateUser(db, id, { name: name.trim() });
}

/** Changes a user's role; refuses to demote the last active admin. */
export async function setRole(db: Kysely<Database>, id: number, role: UserRole): Promise<UserRow> {
  const user = await getUser(db, id);
  if (!user) throw new NotFoundError(`user ${id}`);
  if (user.role === 'admin' && role !== 'admin') await ensureAnotherAdmin(db, id);
  return updateUser(db, id, { role });
}

/**
 * Disables (or re-enables) a user. Disabling ends their sessions and refuses to lock out the last
 * active admin; their API tokens stop working because token checks look at the owner.
 */
export async function setDisabled(db: Kysely<Database>, id: number, disabled: boolean): Promise<UserRow> {
  const user = await getUser(db, id);
  if (!user) throw new NotFoundError(`user ${id}`);
  if (disabled && user.role === 'admin') await ensureAnotherAdmin(db, id);
  const row = await updateUser(db, id, { disabled: disabled ? 1 : 0 });
  if (disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  return row;
}

async function ensureAnotherAdmin(db: Kysely<Database>, exceptId: number) {
  const other = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (!other) throw new ConflictError('this is the last active admin');
}
