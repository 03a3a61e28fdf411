import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { responseTimes } from '../../commands/metrics.js';
import type { Services } from '../../commands/services.js';
import { inStoredRange, parseTimestamp } from '../../domain/timestamps.js';
import { requireRole } from '../auth/actor.js';
import { parseInput } from '../validate.js';

const when = z.string().transform((v, ctx) => {
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

const windowQuery = z.object({ from: when, to: when });

/** Measuring routes (response times now; more reports join here). */
export function registerMetricsRoutes(app: FastifyInstance, services: Services) {
  app.get('/api/v1/metrics/response-times', async (request) => {
    requireRole(request, 'viewer');
    const { from, to } = parseInput(windowQuery, request.query, 'query');
    return responseTimes(services, from, to);
  });
}
