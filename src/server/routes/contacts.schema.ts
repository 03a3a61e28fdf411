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
import {
  contactDetailSchema,
  contactSchema,
  id,
  interactionSchema,
  mergeSchema,
  noteSchema,
  occasionSchema,
  optionalText,
  text,
} from './contact-shapes.schema.js';

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** The people list's filters: what a query and a saved segment say. */
export const contactFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('name, preferred name, company, handle or address contains'),
  lifecycle: z.enum(lifecycleStages).optional(),
  journey: z.enum(journeyStages).optional(),
  channel: z.string().max(50).optional().describe('has an identity on this channel'),
  label: z.string().max(100).optional().describe('has a conversation with this label'),
  advocates: flag.describe('advocates only (advocate score of at least 40)'),
  atRisk: flag.describe('flagged at risk of leaving only'),
  minAdvocateScore: z.coerce.number().int().min(0).max(100).optional(),
  lastContactBefore: z.coerce
    .number()
    .int()
    .optional()
    .describe('last in touch before (epoch ms; includes never)'),
  lastContactAfter: z.coerce.number().int().optional().describe('last in touch after (epoch ms)'),
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
    query: contactFilterSchema.extend({
      before: z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .describe('next page: the last id of the previous one'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      segment: z.coerce.number().int().positive().optional().describe('apply a saved segment (its filters)'),
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
