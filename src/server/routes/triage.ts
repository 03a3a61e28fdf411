import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../commands/services.js';
import { correctTriage } from '../../commands/triage-correction.js';
import { requireRole } from '../auth/actor.js';
import { parseInput } from '../validate.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const correctionBody = z
  .object({
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
    intent: z
      .enum([
        'complaint',
        'question',
        'praise',
        'thanks',
        'purchase_intent',
        'feature_request',
        'churn_risk',
        'other',
      ])
      .optional(),
    complaintType: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

/**
 * Triage corrections and model info: every correction an agent makes is stored as a training example
 * and folded into the workspace model at once.
 */
export function registerTriageRoutes(app: FastifyInstance, services: Services) {
  app.post('/api/v1/messages/:id/triage', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parseInput(idParams, request.params, 'message id');
    const body = parseInput(correctionBody, request.body ?? {}, 'correction');
    return { message: await correctTriage(services, actor, id, body) };
  });

  app.get('/api/v1/triage/model', async (request) => {
    requireRole(request, 'viewer');
    return { model: services.triage.info() };
  });
}
