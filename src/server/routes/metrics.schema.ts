/** Contracts of the measuring routes (response times now; more reports join here). */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { inStoredRange, parseTimestamp } from '../../domain/timestamps.js';

/** A point in time in a query: ISO 8601 with a zone, a date (midnight UTC), or epoch ms. */
const when = z
  .string()
  .describe('ISO 8601 with a zone, a date (YYYY-MM-DD, midnight UTC) or epoch ms')
  .transform((v, ctx) => {
    const ms = /^\d+$/.test(v) ? Number(v) : parseTimestamp(v.length === 10 ? `${v}T00:00:00Z` : v);
    if (ms === null || !inStoredRange(ms)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be ISO 8601 (with a zone), a date, or epoch ms, between 1970-01-01 and 2100-01-01',
      });
      return z.NEVER;
    }
    return ms;
  });

/** The metrics routes' contracts, by operation. */
export const metricsRoutes = {
  responseTimes: defineRoute({
    operationId: 'getResponseTimes',
    method: 'GET',
    path: '/api/v1/metrics/response-times',
    auth: { role: 'viewer' },
    tag: 'Metrics',
    summary: 'Response times of the conversations whose first customer message is in [from, to)',
    query: z.object({ from: when, to: when }),
    response: z.object({
      conversations: z.number().int().min(0),
      answered: z.number().int().min(0),
      firstResponseSeconds: z.object({ p50: z.number().nullable(), p90: z.number().nullable() }),
      metDueShare: z
        .number()
        .min(0)
        .max(1)
        .nullable()
        .describe('share answered by their due time (unanswered count as missed)'),
    }),
  }),
};
