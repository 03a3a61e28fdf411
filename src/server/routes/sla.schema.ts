/** Contracts of the SLA routes: ordered policies (targets by channel, priority, sentiment, intent) and business hours. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { weekdays } from '../../domain/business-hours.js';
import { intents, sentiments } from '../../triage/types.js';
import { epochMs, idParams } from './common.schema.js';

const minutes = z.number().int().min(1).max(525_600);
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time as HH:MM (00:00–24:00)')
  .describe('local time, HH:MM');
const span = z.object({ start: clockTime, end: clockTime }).strict();

/** What a policy applies to; an absent or empty condition matches everything. */
export const slaConditionsSchema = z
  .object({
    channels: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    sentiments: z.array(z.enum(sentiments)).optional(),
    intents: z.array(z.enum(intents)).optional(),
    priorityMin: z.number().int().min(0).max(100).optional(),
    priorityMax: z.number().int().min(0).max(100).optional(),
  })
  .strict()
  .meta({ id: 'SlaConditionsInput' });

/** Conditions as stored and shown (intents as words: the list of intents may grow). */
const storedConditionsSchema = slaConditionsSchema
  .extend({ intents: z.array(z.string()).optional() })
  .meta({ id: 'SlaConditions' });

/** A stored SLA policy. */
export const slaPolicySchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string(),
    position: z.number().int().describe('match order: the lowest position that matches wins'),
    conditions: storedConditionsSchema,
    firstResponseMinutes: z.number().int(),
    nextResponseMinutes: z.number().int(),
    resolutionMinutes: z.number().int().nullable(),
    businessHoursId: z.number().int().nullable().describe('null: the minutes count 24/7'),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'SlaPolicy' });

const policyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    position: z.number().int().min(0).max(10_000).optional(),
    conditions: slaConditionsSchema.default({}),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes.nullable().default(null),
    businessHoursId: z.number().int().positive().nullable().default(null),
  })
  .strict();

/** A weekly schedule: opening spans per weekday (a day left out is closed). */
export const weeklyScheduleSchema = z
  .object(
    Object.fromEntries(weekdays.map((d) => [d, z.array(span).max(10).optional()])) as Record<
      (typeof weekdays)[number],
      z.ZodOptional<z.ZodArray<typeof span>>
    >,
  )
  .strict()
  .meta({ id: 'WeeklySchedule' });

/** Stored business hours. */
export const businessHoursSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string(),
    timeZone: z.string().describe('IANA time zone, e.g. Europe/Berlin'),
    weekly: weeklyScheduleSchema,
    holidays: z.array(z.string()).describe('local dates (YYYY-MM-DD) closed all day'),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'BusinessHours' });

const hoursBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().trim().min(1).max(64),
    weekly: weeklyScheduleSchema,
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'))
      .max(1000)
      .default([]),
  })
  .strict();

const admin = { role: 'admin' } as const;
const viewer = { role: 'viewer' } as const;
const tag = 'SLA';
const policyAnswer = z.object({ policy: slaPolicySchema });
const hoursAnswer = z.object({ businessHours: businessHoursSchema });

/** The SLA routes' contracts, by operation. */
export const slaRoutes = {
  listPolicies: defineRoute({
    operationId: 'listSlaPolicies',
    method: 'GET',
    path: '/api/v1/sla/policies',
    auth: viewer,
    tag,
    summary: 'SLA policies in match order, and the built-in default that follows them',
    response: z.object({
      items: z.array(slaPolicySchema),
      default: z
        .object({ negativeMinutes: z.number(), otherMinutes: z.number() })
        .describe('what applies when no policy matches (RAPPORT_SLA_* settings; 24/7)'),
    }),
  }),
  createPolicy: defineRoute({
    operationId: 'createSlaPolicy',
    method: 'POST',
    path: '/api/v1/sla/policies',
    auth: admin,
    tag,
    summary: 'Add an SLA policy (last in match order unless a position is given)',
    description: 'Due times of open conversations are recomputed right after.',
    body: policyBody,
    status: 201,
    response: policyAnswer,
  }),
  updatePolicy: defineRoute({
    operationId: 'updateSlaPolicy',
    method: 'PUT',
    path: '/api/v1/sla/policies/:id',
    auth: admin,
    tag,
    summary: 'Replace an SLA policy',
    params: idParams,
    body: policyBody,
    response: policyAnswer,
  }),
  deletePolicy: defineRoute({
    operationId: 'deleteSlaPolicy',
    method: 'DELETE',
    path: '/api/v1/sla/policies/:id',
    auth: admin,
    tag,
    summary: 'Remove an SLA policy',
    params: idParams,
    status: 204,
  }),
  listHours: defineRoute({
    operationId: 'listBusinessHours',
    method: 'GET',
    path: '/api/v1/sla/business-hours',
    auth: viewer,
    tag,
    summary: 'Business hours (time zone, weekly schedule, holidays)',
    response: z.object({ items: z.array(businessHoursSchema) }),
  }),
  createHours: defineRoute({
    operationId: 'createBusinessHours',
    method: 'POST',
    path: '/api/v1/sla/business-hours',
    auth: admin,
    tag,
    summary: 'Add business hours',
    body: hoursBody,
    status: 201,
    response: hoursAnswer,
  }),
  updateHours: defineRoute({
    operationId: 'updateBusinessHours',
    method: 'PUT',
    path: '/api/v1/sla/business-hours/:id',
    auth: admin,
    tag,
    summary: 'Replace business hours',
    description: 'Due times of open conversations whose policy counts in them are recomputed right after.',
    params: idParams,
    body: hoursBody,
    response: hoursAnswer,
  }),
  deleteHours: defineRoute({
    operationId: 'deleteBusinessHours',
    method: 'DELETE',
    path: '/api/v1/sla/business-hours/:id',
    auth: admin,
    tag,
    summary: 'Remove business hours no policy counts in (409 while one does)',
    params: idParams,
    status: 204,
  }),
};
