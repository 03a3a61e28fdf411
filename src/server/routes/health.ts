import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../../commands/services.js';

/** GET /api/health: unauthenticated liveness plus a database round trip. */
export function registerHealthRoutes(app: FastifyInstance, services: Services) {
  app.get('/api/health', { config: { public: true } }, async () => {
    await sql`select 1`.execute(services.db.kysely);
    return { status: 'ok', engine: services.db.engine };
  });
}
