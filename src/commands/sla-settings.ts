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
import { isUniqueViolation } from '../store/sql-errors.js';
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

/** Runs a settings write with its audit event in one transaction; a taken name is a conflict. */
async function write<T>(services: Services, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    const result = await services.db.kysely.transaction().execute(work);
    services.events.wake();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('that name is taken');
    throw error;
  }
}

/** Adds a policy (last in match order unless a position is given); due times follow (listener). */
export async function createPolicy(services: Services, actor: CommandActor, draft: SlaPolicyDraft) {
  const db = services.db.kysely;
  await checkPolicy(db, draft);
  const now = services.clock.now();
  const id = await write(services, async (trx) => {
    const position =
      draft.position ?? (await listSlaPolicies(trx)).reduce((m, p) => Math.max(m, p.position + 1), 0);
    const id = await insertSlaPolicy(trx, { ...draft, position }, now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'sla.changed',
      data: { what: 'policy', id, action: 'created', name: draft.name },
    });
    return id;
  });
  return (await getSlaPolicy(db, id))!;
}

/** Replaces a policy's fields. */
export async function updatePolicy(
  services: Services,
  actor: CommandActor,
  id: number,
  draft: SlaPolicyDraft,
) {
  const db = services.db.kysely;
  const current = await getSlaPolicy(db, id);
  if (!current) throw new NotFoundError(`SLA policy ${id}`);
  await checkPolicy(db, draft);
  const now = services.clock.now();
  await write(services, async (trx) => {
    await updateSlaPolicy(trx, id, { ...draft, position: draft.position ?? current.position }, now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'sla.changed',
      data: { what: 'policy', id, action: 'updated', name: draft.name },
    });
  });
  return (await getSlaPolicy(db, id))!;
}

/** Removes a policy; what it matched falls to the next policy, or the default. */
export async function deletePolicy(services: Services, actor: CommandActor, id: number) {
  const current = await getSlaPolicy(services.db.kysely, id);
  if (!current) throw new NotFoundError(`SLA policy ${id}`);
  const now = services.clock.now();
  await write(services, async (trx) => {
    await deleteSlaPolicy(trx, id);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'sla.changed',
      data: { what: 'policy', id, action: 'deleted', name: current.name },
    });
  });
}

/** Adds business hours (policies refer to them by id). */
export async function createHours(services: Services, actor: CommandActor, input: BusinessHoursInput) {
  checkHours(input);
  const now = services.clock.now();
  const id = await write(services, async (trx) => {
    const id = await insertBusinessHours(trx, input, now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'sla.changed',
      data: { what: 'business_hours', id, action: 'created', name: input.name },
    });
    return id;
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
  const now = services.clock.now();
  await write(services, async (trx) => {
    if (!(await updateBusinessHours(trx, id, input, now))) throw new NotFoundError(`business hours ${id}`);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'sla.changed',
      data: { what: 'business_hours', id, action: 'updated', name: input.name },
    });
  });
  return (await getBusinessHours(services.db.kysely, id))!;
}

/** Removes business hours that no policy counts in. */
export async function deleteHours(services: Services, actor: CommandActor, id: number) {
  const db = services.db.kysely;
  const current = await getBusinessHours(db, id);
  if (!current) throw new NotFoundError(`business hours ${id}`);
  const users = await policiesUsingHours(db, id);
  if (users.length > 0) throw new ConflictError(`business hours in use by: ${users.join(', ')}`);
  const now = services.clock.now();
  await write(services, async (trx) => {
    await deleteBusinessHours(trx, id);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'sla.changed',
      data: { what: 'business_hours', id, action: 'deleted', name: current.name },
    });
  });
}
