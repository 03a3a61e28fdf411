import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../../commands/services.js';
import { AppError } from '../../platform/errors.js';
import { pendingMigrations } from '../../store/migrator.js';
import { checkMetricsToken, createMetrics } from '../prometheus.js';
import { route } from '../route.js';
import { operationsRoutes } from './operations.schema.js';

/** GET /api/ready for load balancers and GET /metrics for Prometheus. */
export function registerOperationsRoutes(app: FastifyInstance, services: Services) {
  route(app, operationsRoutes.ready, async () => {
    let database: { ok: boolean; error?: string } = { ok: true };
    let pending: string[] = [];
    try {
      await sql`select 1`.execute(services.db.kysely);
      pending = await pendingMigrations(services.db);
    } catch (error) {
      database = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const checks = { database, migrations: { ok: database.ok && pending.length === 0, pending } };
    if (!checks.migrations.ok) {
      const why = database.ok
        ? `migrations not applied: ${pending.join(', ')}`
        : 'the database does not answer';
      throw new AppError('not_ready', `not ready: ${why}`, { engine: services.db.engine, checks });
    }
    return { status: 'ready' as const, engine: services.db.engine, checks };
  });

  const metrics = createMetrics(app, services);
  route(app, operationsRoutes.metrics, async ({ request, reply }) => {
    checkMetricsToken(services.config.RAPPORT_METRICS_TOKEN, request.headers.authorization);
    const text = await metrics.metrics();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text);
  });
}
