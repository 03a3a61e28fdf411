import { DAY_MS } from '../domain/today.js';
import { NotFoundError } from '../platform/errors.js';
import { createSegment, deleteSegment, getSegment, listSegments } from '../store/contact-segments-repo.js';
import type { ContactFilter } from '../store/contacts-read-repo.js';
import type { CommandActor } from './actor.js';
import type { Services } from './services.js';

/** A segment's filters as saved (the API checks them: SegmentFilter in segments.schema.ts). */
export type SegmentFilter = {
  q?: string;
  lifecycle?: string;
  journey?: string;
  channel?: string;
  label?: string;
  advocates?: boolean;
  atRisk?: boolean;
  minAdvocateScore?: number;
  notContactedForDays?: number;
  contactedWithinDays?: number;
};

/** A segment's filters as the people list applies them now (days become times). */
export function segmentToFilter(f: SegmentFilter, now: number): Omit<ContactFilter, 'limit'> {
  const { notContactedForDays, contactedWithinDays, ...rest } = f;
  return {
    ...rest,
    ...(notContactedForDays ? { lastContactBefore: now - notContactedForDays * DAY_MS } : {}),
    ...(contactedWithinDays ? { lastContactAfter: now - contactedWithinDays * DAY_MS } : {}),
  };
}

/** The saved segments. */
export const segments = (services: Services) => listSegments(services.db.kysely);

/** The filters of segment `id` as of now. */
export async function segmentFilter(services: Services, id: number) {
  const s = await getSegment(services.db.kysely, id);
  return segmentToFilter(s.filter as SegmentFilter, services.clock.now());
}

/** Saves a segment. */
export function saveSegment(services: Services, actor: CommandActor, name: string, filter: SegmentFilter) {
  return createSegment(services.db.kysely, { name, filter, userId: actor.userId, now: services.clock.now() });
}

/** Removes a segment. */
export async function removeSegment(services: Services, id: number) {
  if (!(await deleteSegment(services.db.kysely, id))) throw new NotFoundError(`segment ${id}`);
}
