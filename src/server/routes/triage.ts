import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { correctTriage } from '../../commands/triage-correction.js';
import { route } from '../route.js';
import { triageRoutes } from './triage.schema.js';

/**
 * Triage corrections and model info: every correction an agent makes is stored as a training example
 * and folded into the workspace model at once.
 */
export function registerTriageRoutes(app: FastifyInstance, services: Services) {
  route(app, triageRoutes.correct, async ({ params: { id }, body, actor }) => ({
    message: await correctTriage(services, actor, id, body),
  }));

  route(app, triageRoutes.model, async () => ({ model: services.triage.info() }));
}
