/** Typed calls of the People and Today screens, made from the server's own contracts. */
import type { z } from 'zod';
import type { RequestOf, ResponseOf } from '../../../src/contract/api-contract.js';
import type { contactSchema } from '../../../src/server/routes/contact-shapes.schema.js';
import { contactRoutes } from '../../../src/server/routes/contacts.schema.js';
import { segmentRoutes } from '../../../src/server/routes/segments.schema.js';
import { todayRoutes } from '../../../src/server/routes/today.schema.js';
import { call } from '../api/client.js';

/** A person as the list shows them. */
export type Person = z.output<typeof contactSchema>;
/** A person's page. */
export type PersonDetail = ResponseOf<typeof contactRoutes.get>;
/** Today's answer. */
export type Today = ResponseOf<typeof todayRoutes.list>;
export type TodayItem = Today['items'][number];
/** The people list's filters as the screen holds them (strings, as in the address). */
export type PeopleFilter = {
  q?: string;
  lifecycle?: string;
  journey?: string;
  channel?: string;
  advocates?: 'true';
  atRisk?: 'true';
  segment?: number;
};
type ProfilePatch = RequestOf<typeof contactRoutes.update>['body'];
type InteractionInput = RequestOf<typeof contactRoutes.addInteraction>['body'];
type OccasionInput = RequestOf<typeof contactRoutes.addOccasion>['body'];

/** The calls, by what the screens do. */
export const peopleApi = {
  list: (filter: PeopleFilter, before?: number) =>
    call(contactRoutes.list, {
      query: { ...filter, before, limit: 50 } as never,
    }),
  get: (id: number) => call(contactRoutes.get, { params: { id } }),
  update: (id: number, body: ProfilePatch) => call(contactRoutes.update, { params: { id }, body }),
  duplicates: (id: number) => call(contactRoutes.duplicates, { params: { id } }),
  merge: (id: number, otherId: number) => call(contactRoutes.merge, { params: { id }, body: { otherId } }),
  unmerge: (id: number, mergeId: number) =>
    call(contactRoutes.unmerge, { params: { id }, body: { mergeId } }),
  confirmEmail: (id: number, identityId: number) =>
    call(contactRoutes.confirmEmail, { params: { id, identityId } }),
  addNote: (id: number, text: string) => call(contactRoutes.addNote, { params: { id }, body: { text } }),
  addInteraction: (id: number, body: InteractionInput) =>
    call(contactRoutes.addInteraction, { params: { id }, body }),
  addOccasion: (id: number, body: OccasionInput) => call(contactRoutes.addOccasion, { params: { id }, body }),
  deleteOccasion: (id: number, occasionId: number) =>
    call(contactRoutes.deleteOccasion, { params: { id, occasionId } }),
  segments: () => call(segmentRoutes.list),
  saveSegment: (body: RequestOf<typeof segmentRoutes.create>['body']) => call(segmentRoutes.create, { body }),
  deleteSegment: (id: number) => call(segmentRoutes.remove, { params: { id } }),
  today: () => call(todayRoutes.list),
  actOnToday: (key: string, action: 'done' | 'snooze' | 'dismiss') =>
    call(todayRoutes.act, { body: { key, action } }),
};

/** The name to greet a person by: their preferred name, else their name. */
export function personName(p: {
  name: string | null;
  preferredName: { value: string } | null;
}): string | null {
  return p.preferredName?.value ?? p.name;
}
