import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { actOnToday, listToday } from '../../commands/today.js';
import { todayActions } from '../../domain/today.js';
import { route } from '../route.js';
import { todayRoutes } from './today.schema.js';

/** GET /api/v1/today and POST /api/v1/today/actions. */
export function registerTodayRoutes(app: FastifyInstance, services: Services) {
  route(app, todayRoutes.list, async () => {
    const today = await listToday(services);
    return {
      ...today,
      items: today.items.map(({ proactive: _proactive, contactId: _contactId, ...item }) => ({
        ...item,
        actions: [...todayActions],
      })),
    };
  });

  route(app, todayRoutes.act, async ({ body, actor }) => {
    await actOnToday(services, actor, body);
    return { ok: true as const };
  });
}
