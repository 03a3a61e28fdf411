/** Contracts of segments: saved filters of the people list. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { journeyStages, lifecycleStages } from '../../domain/people-words.js';
import { epochMs, idParams } from './common.schema.js';

/** What a segment keeps: the people list's filters, last contact as days before the day it is used. */
export const segmentFilterSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    lifecycle: z.enum(lifecycleStages).optional(),
    journey: z.enum(journeyStages).optional(),
    channel: z.string().max(50).optional(),
    label: z.string().max(100).optional(),
    advocates: z.boolean().optional(),
    atRisk: z.boolean().optional(),
    minAdvocateScore: z.number().int().min(0).max(100).optional(),
    notContactedForDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('last in touch longer ago (or never)'),
    contactedWithinDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict()
  .meta({ id: 'SegmentFilter' });

/** A saved segment. */
export const segmentSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    filter: segmentFilterSchema,
    createdBy: z.number().int().nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'Segment' });

const tag = 'People';

/** The segments routes' contracts, by operation. */
export const segmentRoutes = {
  list: defineRoute({
    operationId: 'listSegments',
    method: 'GET',
    path: '/api/v1/segments',
    auth: { role: 'viewer' },
    tag,
    summary: 'Saved segments of the people list (apply one with GET /api/v1/contacts?segment=ID)',
    response: z.object({ items: z.array(segmentSchema) }),
  }),
  create: defineRoute({
    operationId: 'createSegment',
    method: 'POST',
    path: '/api/v1/segments',
    auth: { role: 'agent' },
    tag,
    summary: 'Save filters as a named segment',
    body: z.object({ name: z.string().trim().min(1).max(100), filter: segmentFilterSchema }).strict(),
    status: 201,
    response: z.object({ segment: segmentSchema }),
  }),
  remove: defineRoute({
    operationId: 'deleteSegment',
    method: 'DELETE',
    path: '/api/v1/segments/:id',
    auth: { role: 'agent' },
    tag,
    summary: 'Remove a segment',
    params: idParams,
    status: 204,
  }),
};
