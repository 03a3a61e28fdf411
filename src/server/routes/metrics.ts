import type { FastifyInstance } from 'fastify';
import { responseTimes } from '../../commands/metrics.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { metricsRoutes } from './metrics.schema.js';

/** Measuring routes (response times now; more reports join here). */
export function registerMetricsRoutes(app: FastifyInstance, services: Services) {
  route(app, metricsRoutes.responseTimes, async ({ query: { from, to } }) =>
    responseTimes(services, from, to),
  );
}
