import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { listenerStatus } from '../../runtime/event-stream.js';
import { route } from '../route.js';
import { eventRoutes } from './events.schema.js';

/** GET /api/v1/events/listeners (admin): each event listener's position, lag, failures and next retry. */
export function registerEventRoutes(app: FastifyInstance, services: Services) {
  route(app, eventRoutes.listeners, async () => ({ items: await listenerStatus(services) }));
}
