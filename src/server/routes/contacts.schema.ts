/** Contracts of the people routes: contacts, their profile, notes, interactions, occasions, merges. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import {
  interactionKinds,
  journeyStages,
  lifecycleStages,
  occasionKinds,
} from '../../domain/people-words.js';
import { epochMs, idParams } from './common.schema.js';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** One way to reach a person: an author identity on a channel. */
export const identitySchema = z
  .object({
    id,
    channel: z.string(),
    externalId: z.string(),
    handle: z.string().nullable(),
    name: z.string().nullable(),
    email: z
      .string()
      .nullable()
      .describe('the address it proves (mail came from it) or claims (a chat visitor typed it)'),
    emailConfirmed: z.boolean(),
  })
  .meta({ id: 'Identity' });

/** A person as the list and their page show them. */
export const contactSchema = z
  .object({
    id,
    name: z.string().nullable(),
    preferredName: z
      .object({
        value: z.string(),
        confirmed: z.boolean().describe('false: shown as "not confirmed"; never guessed'),
      })
      .nullable(),
    namePronunciation: z.string().nullable(),
    pronouns: z.string().nullable(),
    language: z.string().nullable(),
    timeZone: z.string().nullable(),
    company: z.string().nullable(),
    customFields: z.record(z.string(), z.string()),
    insights: z.array(z.string()).describe('pinned insights, shown at the top while replying'),
    lifecycle: z.enum(lifecycleStages),
    journeyStage: z.enum(journeyStages).nullable(),
    optedOut: z.boolean().describe('asked not to be reached out to: Today leaves them out'),
    followerCount: z.number().nullable(),
    mergedInto: id.nullable(),
    createdAt: epochMs,
    updatedAt: epochMs,
    identities: z.array(identitySchema),
  })
  .meta({ id: 'Contact' });

/** One entry of a person's timeline across channels. */
export const timelineEntrySchema = z
  .object({
    kind: z.enum(['message', 'note', 'interaction']),
    id,
    at: epochMs,
    channel: z.string().nullable(),
    direction: z.enum(['inbound', 'outbound']).nullable(),
    conversationId: id.nullable(),
    text: z.string(),
    interaction: z.string().nullable(),
    userId: z.number().int().nullable(),
  })
  .meta({ id: 'TimelineEntry' });

export const noteSchema = z
  .object({
    id,
    contactId: id,
    authorUserId: z.number().int().nullable(),
    text: z.string(),
    createdAt: epochMs,
  })
  .meta({ id: 'ContactNote' });
export const interactionSchema = z
  .object({
    id,
    contactId: id,
    kind: z.enum(interactionKinds),
    userId: z.number().int().nullable(),
    at: epochMs,
    note: z.string(),
  })
  .meta({ id: 'Interaction' });
export const occasionSchema = z
  .object({
    id,
    contactId: id,
    kind: z.enum(occasionKinds),
    label: z.string().nullable(),
    month: z.number().int(),
    day: z.number().int(),
    year: z.number().int().nullable(),
    remindDaysBefore: z.number().int(),
  })
  .meta({ id: 'Occasion' });
const stageChangeSchema = z.object({
  kind: z.enum(['lifecycle', 'journey']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  userId: z.number().int().nullable(),
  at: epochMs,
});
const mergeSchema = z
  .object({
    id,
    targetId: id,
    sourceId: id,
    reason: z.string(),
    at: epochMs,
    undoneAt: epochMs.nullable(),
    moved: z.object({
      identities: z.array(id),
      conversations: z.array(id),
      notes: z.array(id),
      interactions: z.array(id),
      occasions: z.array(id),
    }),
  })
  .meta({ id: 'ContactMerge' });

/** A person's page. */
export const contactDetailSchema = z.object({
  contact: contactSchema,
  timeline: z.array(timelineEntrySchema),
  occasions: z.array(occasionSchema),
  stageHistory: z.array(stageChangeSchema),
  merges: z.array(mergeSchema),
  journeySuggestion: z
    .enum(journeyStages)
    .nullable()
    .describe(
      'the stage what the person wrote last suggests (price questions: research; buying: decision; praise: advocacy); a suggestion, never applied',
    ),
});

const contactParams = z.object({ id: z.coerce.number().int().positive() });
const tag = 'People';
const agent = { role: 'agent' } as const;
const viewer = { role: 'viewer' } as const;

/** The contacts routes' contracts, by operation. */
export const contactRoutes = {
  list: defineRoute({
    operationId: 'listContacts',
    method: 'GET',
    path: '/api/v1/contacts',
    auth: viewer,
    tag,
    summary: 'People, newest first, with search and filters',
    query: z.object({
      q: z
        .string()
        .trim()
        .max(200)
        .optional()
        .describe('name, preferred name, company, handle or address contains'),
      lifecycle: z.enum(lifecycleStages).optional(),
      journey: z.enum(journeyStages).optional(),
      channel: z.string().max(50).optional().describe('has an identity on this channel'),
      before: z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .describe('next page: the last id of the previous one'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(contactSchema), nextBefore: id.nullable() }),
  }),
  get: defineRoute({
    operationId: 'getContact',
    method: 'GET',
    path: '/api/v1/contacts/:id',
    auth: viewer,
    tag,
    summary: 'A person with identities, timeline across channels, occasions, stage history and merges',
    params: idParams,
    response: contactDetailSchema,
  }),
  update: defineRoute({
    operationId: 'updateContact',
    method: 'PATCH',
    path: '/api/v1/contacts/:id',
    auth: agent,
    tag,
    summary: 'Change a profile (absent fields stay, null clears)',
    description:
      'A new preferred name is "not confirmed" unless preferredNameConfirmed is true. Lifecycle and journey changes are kept in the stage history with stageReason.',
    params: idParams,
    body: z
      .object({
        name: optionalText(200),
        preferredName: optionalText(100),
        preferredNameConfirmed: z.boolean().optional(),
        namePronunciation: optionalText(200),
        pronouns: optionalText(50),
        language: optionalText(35),
        timeZone: optionalText(64),
        company: optionalText(200),
        customFields: z.record(z.string().trim().min(1).max(60), z.string().max(500)).optional(),
        insights: z.array(text(200)).max(20).optional(),
        lifecycle: z.enum(lifecycleStages).optional(),
        journeyStage: z.enum(journeyStages).nullable().optional(),
        stageReason: optionalText(500),
        optedOut: z.boolean().optional(),
      })
      .strict()
      .refine((b) => !b.customFields || Object.keys(b.customFields).length <= 50, 'at most 50 custom fields'),
    response: contactDetailSchema,
  }),
  duplicates: defineRoute({
    operationId: 'listContactDuplicates',
    method: 'GET',
    path: '/api/v1/contacts/:id/duplicates',
    auth: viewer,
    tag,
    summary:
      'Likely duplicates: the same name plus an overlapping detail, with the reasons (never merged by themselves)',
    params: idParams,
    response: z.object({
      items: z.array(z.object({ contact: contactSchema, reasons: z.array(z.string()) })),
    }),
  }),
  merge: defineRoute({
    operationId: 'mergeContact',
    method: 'POST',
    path: '/api/v1/contacts/:id/merge',
    auth: agent,
    tag,
    summary: 'Merge another contact into this one (every message and identity moves; undo with unmerge)',
    params: idParams,
    body: z.object({ otherId: id }).strict(),
    response: z.object({ mergeId: id, contact: contactDetailSchema }),
  }),
  unmerge: defineRoute({
    operationId: 'unmergeContact',
    method: 'POST',
    path: '/api/v1/contacts/:id/unmerge',
    auth: agent,
    tag,
    summary: 'Undo a merge this contact took part in: what it moved goes back',
    params: idParams,
    body: z.object({ mergeId: id }).strict(),
    response: z.object({ merge: mergeSchema }),
  }),
  confirmEmail: defineRoute({
    operationId: 'confirmContactEmail',
    method: 'POST',
    path: '/api/v1/contacts/:id/identities/:identityId/confirm-email',
    auth: agent,
    tag,
    summary: "Confirm the address an identity claims (a chat visitor's); the person joins its owner",
    params: z.object({
      id: z.coerce.number().int().positive(),
      identityId: z.coerce.number().int().positive(),
    }),
    response: z.object({ contactId: id, email: z.string(), mergeId: id.nullable() }),
  }),
  addNote: defineRoute({
    operationId: 'addContactNote',
    method: 'POST',
    path: '/api/v1/contacts/:id/notes',
    auth: agent,
    tag,
    summary: 'Keep a note about a person',
    params: contactParams,
    body: z.object({ text: text(5000) }).strict(),
    status: 201,
    response: z.object({ note: noteSchema }),
  }),
  addInteraction: defineRoute({
    operationId: 'addContactInteraction',
    method: 'POST',
    path: '/api/v1/contacts/:id/interactions',
    auth: agent,
    tag,
    summary: 'Log an offline interaction: call, store visit, card sent, gift sent, meeting (who, when, note)',
    params: contactParams,
    body: z
      .object({
        kind: z.enum(interactionKinds),
        at: epochMs.optional().describe('when (default: now)'),
        userId: z.number().int().positive().nullable().optional().describe('who (default: the caller)'),
        note: z.string().trim().max(5000).default(''),
      })
      .strict(),
    status: 201,
    response: z.object({ interaction: interactionSchema }),
  }),
  addOccasion: defineRoute({
    operationId: 'addContactOccasion',
    method: 'POST',
    path: '/api/v1/contacts/:id/occasions',
    auth: agent,
    tag,
    summary: 'Add a yearly occasion (birthday, customer since, custom) with a reminder days ahead',
    params: contactParams,
    body: z
      .object({
        kind: z.enum(occasionKinds),
        label: optionalText(100),
        month: z.number().int().min(1).max(12),
        day: z.number().int().min(1).max(31),
        year: z.number().int().min(1900).max(2200).nullable().optional(),
        remindDaysBefore: z.number().int().min(0).max(60).default(3),
      })
      .strict()
      .refine((b) => b.day <= new Date(Date.UTC(2024, b.month, 0)).getUTCDate(), 'no such day in that month'),
    status: 201,
    response: z.object({ occasion: occasionSchema }),
  }),
  deleteOccasion: defineRoute({
    operationId: 'deleteContactOccasion',
    method: 'DELETE',
    path: '/api/v1/contacts/:id/occasions/:occasionId',
    auth: agent,
    tag,
    summary: 'Remove an occasion',
    params: z.object({
      id: z.coerce.number().int().positive(),
      occasionId: z.coerce.number().int().positive(),
    }),
    status: 204,
  }),
};
