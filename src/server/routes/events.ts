import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { listenerStatus } from '../../runtime/event-stream.js';
import { requireRole } from '../auth/actor.js';
import type { ListenersResponse } from './events.schema.js';

/** GET /api/v1/events/listeners (admin): each event listener's position, lag, failures and next retry. */
export function registerEventRoutes(app: FastifyInstance, services: Services) {
  app.get('/api/v1/events/listeners', async (request): Promise<ListenersResponse> => {
    requireRole(request, 'admin');
    return { items: await listenerStatus(services) };
  });
}
