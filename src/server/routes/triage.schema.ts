/** Contracts of the triage routes: an agent's correction, and the model in use. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { languageCodes } from '../../triage/language-codes.js';
import { intents, sentiments, urgencyCues } from '../../triage/types.js';
import { epochMs, idParams } from './common.schema.js';
import { triageSchema } from './conversation-views.schema.js';

const tag = 'Triage';

/** The values a correction may set, in the order the web app offers them. */
export const triageChoices = { sentiments, intents, urgencyCues, languageCodes } as const;

/** The triage routes' contracts, by operation. */
export const triageRoutes = {
  correct: defineRoute({
    operationId: 'correctTriage',
    method: 'POST',
    path: '/api/v1/messages/:id/triage',
    auth: { role: 'agent' },
    tag,
    summary: 'Correct what triage said about a customer message (at least one field)',
    description:
      'Sentiment, intent and complaint type are stored as training examples and learned at once; ' +
      'the conversation’s sentiment, priority and due time follow, and the message’s triage lists ' +
      'what changed (its last 10 corrections).',
    params: idParams,
    body: z
      .object({
        sentiment: z.enum(sentiments).optional(),
        intent: z.enum(intents).optional(),
        complaintType: z.string().trim().min(1).max(60).optional(),
        urgency: z
          .array(z.enum(urgencyCues))
          .max(urgencyCues.length)
          .optional()
          .describe('the urgency cues that apply; [] says the message is not urgent'),
        language: z
          .string()
          .refine((v) => languageCodes.includes(v), 'a language code triage knows ("en", "de"…, or "und")')
          .optional()
          .describe('the message is scored again in this language (languages without cues: not scored)'),
      })
      .strict(),
    bodyOptional: true,
    names: { params: 'message id', body: 'correction' },
    response: z.object({
      message: z.object({
        id: z.number().int().positive(),
        sentiment: z.enum(sentiments),
        sentimentScore: z.number(),
        intent: z.enum(intents),
        priority: z.number(),
        triage: triageSchema,
      }),
    }),
  }),
  model: defineRoute({
    operationId: 'getTriageModel',
    method: 'GET',
    path: '/api/v1/triage/model',
    auth: { role: 'viewer' },
    tag,
    summary: 'The triage model in use',
    response: z.object({
      model: z.object({
        workspace: z.string(),
        version: z.number().int().min(0).describe('0 for the shipped default'),
        kind: z.enum(['default', 'workspace']),
        name: z.string(),
        trainedRows: z.number().int().min(0),
        corrections: z.number().int().min(0),
        metrics: z.record(z.string(), z.unknown()).nullable(),
        createdAt: epochMs.nullable(),
        complaintTypes: z
          .array(z.string())
          .describe('complaint types a message may be given: the default’s, then the ones the team added'),
      }),
    }),
  }),
};
