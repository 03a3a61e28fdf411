import { duplicateReasons, type PersonFacts } from '../domain/duplicates.js';
import { ConflictError } from '../platform/errors.js';
import {
  addContactInteraction,
  addContactNote,
  addContactOccasion,
  deleteContactOccasion,
  type ProfilePatch,
  updateContactProfile,
} from '../store/contact-profile-repo.js';
import { scoresOf } from '../store/contact-scores-repo.js';
import {
  type ContactFilter,
  contactDetail,
  getContactRow,
  identitiesOf,
  listContacts,
  sameNameContacts,
} from '../store/contacts-read-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import { segmentFilter } from './segments.js';
import type { Services } from './services.js';

/** How many timeline entries a person's page gets. */
export const TIMELINE_LIMIT = 200;

/** The people list: live contacts matching the filter, each with its identities. */
export async function listPeople(services: Services, query: ContactFilter & { segment?: number }) {
  const db = services.db.kysely;
  const { segment, ...own } = query;
  const defined = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
  const filter = segment
    ? { ...(await segmentFilter(services, segment)), ...defined, limit: own.limit }
    : own;
  const contacts = await listContacts(db, filter);
  const ids = contacts.map((c) => c.id);
  return { contacts, identities: await identitiesOf(db, ids), scores: await scoresOf(db, ids) };
}

/** A person's page: profile, identities, timeline across channels, occasions, stage history, merges. */
export async function getPerson(services: Services, id: number) {
  return contactDetail(services.db.kysely, id, TIMELINE_LIMIT);
}

async function liveContact(services: Services, id: number) {
  const row = await getContactRow(services.db.kysely, id);
  if (row.merged_into !== null)
    throw new ConflictError(`contact ${id} was merged into contact ${row.merged_into}`);
  return row;
}

/** Changes a person's profile (stages recorded with their reason), audited as `contact.updated`. */
export async function updatePerson(services: Services, actor: CommandActor, id: number, patch: ProfilePatch) {
  await liveContact(services, id);
  const now = services.clock.now();
  await services.db.kysely.transaction().execute(async (trx) => {
    const fields = await updateContactProfile(trx, { id, patch, userId: actor.userId, now });
    if (fields.length > 0) {
      await appendEvent(trx, {
        at: now,
        actor: eventActor(actor),
        type: 'contact.updated',
        data: { contactId: id, fields },
      });
    }
  });
  services.events.wake();
  return getPerson(services, id);
}

/** Keeps a note about a person. */
export async function addPersonNote(services: Services, actor: CommandActor, id: number, text: string) {
  await liveContact(services, id);
  return addContactNote(services.db.kysely, {
    contactId: id,
    userId: actor.userId,
    text,
    now: services.clock.now(),
  });
}

/** Logs an offline interaction with a person; `userId` is who did it (the caller when not given). */
export async function addPersonInteraction(
  services: Services,
  actor: CommandActor,
  id: number,
  input: { kind: string; at?: number; note: string; userId?: number | null },
) {
  await liveContact(services, id);
  const now = services.clock.now();
  return addContactInteraction(services.db.kysely, {
    contactId: id,
    kind: input.kind,
    userId: input.userId === undefined ? actor.userId : input.userId,
    at: input.at ?? now,
    note: input.note,
    now,
  });
}

/** Adds an occasion to a person. */
export async function addPersonOccasion(
  services: Services,
  id: number,
  input: {
    kind: string;
    label?: string | null;
    month: number;
    day: number;
    year?: number | null;
    remindDaysBefore: number;
  },
) {
  await liveContact(services, id);
  return addContactOccasion(services.db.kysely, {
    contactId: id,
    kind: input.kind,
    label: input.label ?? null,
    month: input.month,
    day: input.day,
    year: input.year ?? null,
    remindDaysBefore: input.remindDaysBefore,
    now: services.clock.now(),
  });
}

/** Removes an occasion; true when it existed. */
export async function deletePersonOccasion(services: Services, id: number, occasionId: number) {
  return deleteContactOccasion(services.db.kysely, id, occasionId);
}

/**
 * Likely duplicates of a person: contacts with the same name and an overlapping detail, each with
 * its reasons. Suggestions only: merging is the team's call (mergeContact).
 */
export async function likelyDuplicates(services: Services, id: number) {
  const db = services.db.kysely;
  const contact = await getContactRow(db, id);
  if (!contact.name) {
    return {
      contacts: [],
      identities: [],
      reasons: new Map<number, string[]>(),
      scores: await scoresOf(db, []),
    };
  }
  const others = await sameNameContacts(db, id, contact.name);
  const identities = await identitiesOf(db, [id, ...others.map((o) => o.id)]);
  const facts = (c: { id: number; name: string | null; company: string | null }): PersonFacts => {
    const own = identities.filter((i) => i.contact_id === c.id);
    return {
      name: c.name,
      company: c.company,
      emails: own.map((i) => i.email).filter((e): e is string => e !== null),
      handles: own.map((i) => i.handle).filter((h): h is string => h !== null),
    };
  };
  const mine = facts(contact);
  const reasons = new Map<number, string[]>();
  for (const o of others) {
    const why = duplicateReasons(mine, facts(o));
    if (why.length > 0) reasons.set(o.id, why);
  }
  const found = others.filter((o) => reasons.has(o.id));
  return {
    contacts: found,
    identities,
    reasons,
    scores: await scoresOf(
      db,
      found.map((o) => o.id),
    ),
  };
}
