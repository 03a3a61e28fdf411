/** The shapes of people in the API: contacts, identities, timeline, notes, interactions, occasions, merges. Browser-safe (zod only). */
import { z } from 'zod';
import { churnReasons } from '../../domain/people-scores.js';
import {
  interactionKinds,
  journeyStages,
  lifecycleStages,
  occasionKinds,
} from '../../domain/people-words.js';
import { epochMs } from './common.schema.js';

export const id = z.number().int().positive();
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

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

/** A person's advocate score and churn risk, with what they came from (kept by the people-scores listener). */
export const scoresSchema = z
  .object({
    advocateScore: z.number().int().describe('0–100: positive mentions, reshares, recommendations, reach'),
    signals: z.object({
      positiveMentions: z.number().int(),
      reshares: z.number().int(),
      recommendations: z.number().int(),
      reach: z.number().int(),
    }),
    churnRisk: z.boolean(),
    churnReasons: z.array(z.enum(churnReasons)),
  })
  .meta({ id: 'ContactScores' });

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
    scores: scoresSchema,
    lastContactAt: epochMs.nullable().describe('the latest message either way or logged interaction'),
    erased: z.boolean().describe('erased on request: no name, identity or words are kept'),
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
export const stageChangeSchema = z.object({
  kind: z.enum(['lifecycle', 'journey']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  userId: z.number().int().nullable(),
  at: epochMs,
});
export const mergeSchema = z
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
