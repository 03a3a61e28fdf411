import type { Kysely } from 'kysely';
import { isTimeZone, parseClockTime, weekdays } from '../domain/business-hours.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { appendEvent } from '../store/events-repo.js';
import type { Database } from '../store/schema.js';
import {
  type BusinessHoursInput,
  deleteBusinessHours,
  deleteSlaPolicy,
  getBusinessHours,
  getSlaPolicy,
  insertBusinessHours,
  insertSlaPolicy,
  listBusinessHours,
  listSlaPolicies,
  policiesUsingHours,
  type SlaPolicyInput,
  updateBusinessHours,
  updateSlaPolicy,
} from '../store/sla-repo.js';
import { isForeignKeyViolation, isUniqueViolation } from '../store/sql-errors.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/** A policy as written by an admin: position optional (new ones go last). */
export type SlaPolicyDraft = Omit<SlaPolicyInput, 'position'> & { position?: number };

/** The install's SLA policies in match order, and the built-in default that follows them. */
export async function listSlaSettings(services: Services) {
  return {
    items: await listSlaPolicies(services.db.kysely),
    default: {
      negativeMinutes: services.config.RAPPORT_SLA_NEGATIVE_MINUTES,
      otherMinutes: services.config.RAPPORT_SLA_DEFAULT_MINUTES,
    },
  };
}

/** Every set of business hours. */
export function listHours(services: Services) {
  return listBusinessHours(services.db.kysely);
}

function checkHours(input: BusinessHoursInput) {
  if (!isTimeZone(input.timeZone)) throw new ValidationError(`unknown time zone '${input.timeZone}'`);
  for (const day of weekdays) {
    for (const span of input.weekly[day] ?? []) {
      const start = parseClockTime(span.start);
      const end = parseClockTime(span.end);
      if (start === null || end === null || start >= end) {
        throw new ValidationError(
          `${day}: ${span.start}–${span.end} is not an opening span (HH:MM, start before end)`,
        );
      }
    }
  }
}

async function checkPolicy(db: Kysely<Database>, input: SlaPolicyDraft) {
  const c = input.conditions;
  if (c.priorityMin !== undefined && c.priorityMax !== undefined && c.priorityMin > c.priorityMax) {
    throw new ValidationError('conditions: priorityMin is above priorityMax');
  }
  if (input.businessHoursId !== null && !(await getBusinessHours(db, input.businessHoursId))) {
    throw new ValidationError(`no business hours ${input.businessHoursId}`);
  }
}

/** What one settings write changed, for its `sla.changed` audit event. */
interface SlaChange {
  what: 'policy' | 'business_hours';
  id: number;
  action: 'created' | 'updated' | 'deleted';
  name: string;
}

/**
 * Runs a settings write and its `sla.changed` audit event in one transaction (the listener moves
 * due times after it). A taken name is a conflict, and so is a foreign-key violation: business hours
 * deleted by another process while a policy was being pointed at them, or the other way round.
 */
async function write<T>(
  services: Services,
  actor: CommandActor,
  work: (trx: Kysely<Database>) => Promise<{ result: T; change: SlaChange }>,
): Promise<T> {
  const now = services.clock.now();
  try {
    const result = await services.db.kysely.transaction().execute(async (trx) => {
      const { result, change } = await work(trx);
      await appendEvent(trx, { at: now, actor: eventActor(actor), type: 'sla.changed', data: change });
      return result;
    });
    services.events.wake();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('that name is taken');
    if (isForeignKeyViolation(error)) {
      throw new ConflictError('those business hours were just deleted or are in use: reload and try again');
    }
    throw error;
  }
}

/** Adds a policy (last in match order unless a position is given); due times follow (listener). */
export async function createPolicy(services: Services, actor: CommandActor, draft: SlaPolicyDraft) {
  const id = await write(services, actor, async (trx) => {
    await checkPolicy(trx, draft);
    const position =
      draft.position ?? (await listSlaPolicies(trx)).reduce((m, p) => Math.max(m, p.position + 1), 0);
    const id = await insertSlaPolicy(trx, { ...draft, position }, services.clock.now());
    return { result: id, change: { what: 'policy', id, action: 'created', name: draft.name } };
  });
  return (await getSlaPolicy(services.db.kysely, id))!;
}

/** Replaces a policy's fields. */
export async function updatePolicy(
  services: Services,
  actor: CommandActor,
  id: number,
  draft: SlaPolicyDraft,
) {
  await write(services, actor, async (trx) => {
    const current = await getSlaPolicy(trx, id);
    if (!current) throw new NotFoundError(`SLA policy ${id}`);
    await checkPolicy(trx, draft);
    const position = draft.position ?? current.position;
    await updateSlaPolicy(trx, id, { ...draft, position }, services.clock.now());
    return { result: null, change: { what: 'policy', id, action: 'updated', name: draft.name } };
  });
  return (await getSlaPolicy(services.db.kysely, id))!;
}

/** Removes a policy; what it matched falls to the next policy, or the default. */
export async function deletePolicy(services: Services, actor: CommandActor, id: number) {
  await write(services, actor, async (trx) => {
    const current = await getSlaPolicy(trx, id);
    if (!current) throw new NotFoundError(`SLA policy ${id}`);
    await deleteSlaPolicy(trx, id);
    return { result: null, change: { what: 'policy', id, action: 'deleted', name: current.name } };
  });
}

/** Adds business hours (policies refer to them by id). */
export async function createHours(services: Services, actor: CommandActor, input: BusinessHoursInput) {
  checkHours(input);
  const id = await write(services, actor, async (trx) => {
    const id = await insertBusinessHours(trx, input, services.clock.now());
    return { result: id, change: { what: 'business_hours', id, action: 'created', name: input.name } };
  });
  return (await getBusinessHours(services.db.kysely, id))!;
}

/** Replaces business hours; the policies counting in them get new due times. */
export async function updateHours(
  services: Services,
  actor: CommandActor,
  id: number,
  input: BusinessHoursInput,
) {
  checkHours(input);
  await write(services, actor, async (trx) => {
    if (!(await updateBusinessHours(trx, id, input, services.clock.now()))) {
      throw new NotFoundError(`business hours ${id}`);
    }
    return { result: null, change: { what: 'business_hours', id, action: 'updated', name: input.name } };
  });
  return (await getBusinessHours(services.db.kysely, id))!;
}

/**
 * Removes business hours that no policy counts in. The check runs inside the delete's transaction,
 * and the policies' foreign key catches a policy another process points at them meanwhile.
 */
export async function deleteHours(services: Services, actor: CommandActor, id: number) {
  await write(services, actor, async (trx) => {
    const current = await getBusinessHours(trx, id);
    if (!current) throw new NotFoundError(`business hours ${id}`);
    const users = await policiesUsingHours(trx, id);
    if (users.length > 0) throw new ConflictError(`business hours in use by: ${users.join(', ')}`);
    await deleteBusinessHours(trx, id);
    return { result: null, change: { what: 'business_hours', id, action: 'deleted', name: current.name } };
  });
}
