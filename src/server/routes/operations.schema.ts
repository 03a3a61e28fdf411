/** Contracts of the operations routes: readiness for load balancers and Prometheus metrics. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';

/** What the readiness check found (a failed check is a 503 `not_ready` error with these details). */
export const readiness = z.object({
  status: z.literal('ready'),
  engine: z.enum(['sqlite', 'postgres']),
  checks: z.object({
    database: z.object({ ok: z.boolean(), error: z.string().optional() }),
    migrations: z.object({ ok: z.boolean(), pending: z.array(z.string()) }),
  }),
});

/** The operations routes' contracts. */
export const operationsRoutes = {
  ready: defineRoute({
    operationId: 'getReadiness',
    method: 'GET',
    path: '/api/ready',
    auth: { public: true },
    tag: 'Health',
    summary: 'Readiness: the database answers and every migration is applied (503 otherwise)',
    description:
      'For load balancers and orchestrators: send traffic only while this answers 200. Otherwise a ' +
      '503 `not_ready` error whose details hold the same checks, saying which failed.',
    response: readiness,
  }),
  metrics: defineRoute({
    operationId: 'getPrometheusMetrics',
    method: 'GET',
    path: '/metrics',
    auth: { public: true },
    kind: 'file',
    tag: 'Health',
    summary:
      'Prometheus metrics (text exposition format), with `Authorization: Bearer RAPPORT_METRICS_TOKEN`',
    description:
      'HTTP latency by route, job queue depth and lag, event-listener lag, channel account status, ' +
      'messages stored (its rate is the ingest rate) and the process (memory, event-loop lag). Off ' +
      '(404) until RAPPORT_METRICS_TOKEN is set; a missing or wrong token is 401.',
  }),
};
