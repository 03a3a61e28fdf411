import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { UnauthenticatedError } from '../../platform/errors.js';

/**
 * Authentication for every route: sets request.actor from the session cookie or a bearer token and
 * rejects non-public routes without one. (Being completed by the auth work: sessions, tokens, CSRF.)
 */
export async function registerAuth(app: FastifyInstance, _services: Services) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public || !request.url.startsWith('/api/')) return;
    if (!request.actor) throw new UnauthenticatedError();
  });
}
