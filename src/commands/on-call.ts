import { isTimeZone } from '../domain/business-hours.js';
import { onCallAt } from '../domain/on-call.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import {
  deleteOverride,
  deleteRotation,
  insertOverride,
  insertRotation,
  listOverrides,
  listRotations,
  type RotationInput,
  updateRotation,
} from '../store/on-call-repo.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import type { Services } from './services.js';

async function checkPeople(services: Services, ids: number[]) {
  if (ids.length === 0) return;
  const found = await services.db.kysely
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('disabled', '=', 0)
    .execute();
  const known = new Set(found.map((u) => u.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) throw new ValidationError(`no active user with id ${missing.join(', ')}`);
}

async function checkRotation(services: Services, input: RotationInput) {
  if (!isTimeZone(input.timeZone)) throw new ValidationError(`unknown time zone '${input.timeZone}'`);
  if (new Set(input.members).size !== input.members.length)
    throw new ValidationError('a member appears twice in the rotation');
  await checkPeople(services, input.members);
}

/** Who is on call now (visible to everyone), every rotation, and the overrides not over yet. */
export async function onCallOverview(services: Services) {
  const db = services.db.kysely;
  const now = services.clock.now();
  const rotations = await listRotations(db);
  const overrides = await listOverrides(db, now);
  const people = await db.selectFrom('users').select(['id', 'name']).execute();
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return {
    now: onCallAt(rotations, overrides, now).map((e) => ({ ...e, name: nameOf.get(e.userId) ?? null })),
    rotations,
    overrides,
  };
}

/** Adds a rotation (admins). */
export async function createRotation(services: Services, input: RotationInput) {
  await checkRotation(services, input);
  try {
    return await insertRotation(services.db.kysely, input, services.clock.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`a rotation named '${input.name}' exists`);
    throw error;
  }
}

/** Replaces a rotation (admins). */
export async function replaceRotation(services: Services, id: number, input: RotationInput) {
  await checkRotation(services, input);
  let row: Awaited<ReturnType<typeof updateRotation>>;
  try {
    row = await updateRotation(services.db.kysely, id, input, services.clock.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`a rotation named '${input.name}' exists`);
    throw error;
  }
  if (!row) throw new NotFoundError('no such rotation');
  return row;
}

/** Removes a rotation (admins). */
export async function removeRotation(services: Services, id: number) {
  if (!(await deleteRotation(services.db.kysely, id))) throw new NotFoundError('no such rotation');
}

/** Puts person X on call from–to, whatever the rotations say (admins). */
export async function createOverride(
  services: Services,
  input: { userId: number; startsAt: number; endsAt: number; note: string | null },
) {
  if (input.endsAt <= input.startsAt) throw new ValidationError('an override must end after it starts');
  await checkPeople(services, [input.userId]);
  return insertOverride(services.db.kysely, input, services.clock.now());
}

/** Removes an override (admins). */
export async function removeOverride(services: Services, id: number) {
  if (!(await deleteOverride(services.db.kysely, id))) throw new NotFoundError('no such override');
}
