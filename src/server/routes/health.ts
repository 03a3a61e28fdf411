import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { healthRoutes } from './health.schema.js';

/** GET /api/health: unauthenticated liveness plus a database round trip. */
export function registerHealthRoutes(app: FastifyInstance, services: Services) {
  route(app, healthRoutes.health, async () => {
    await sql`select 1`.execute(services.db.kysely);
    return { status: 'ok' as const, engine: services.db.engine };
  });
}
