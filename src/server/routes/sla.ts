import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import {
  createHours,
  createPolicy,
  deleteHours,
  deletePolicy,
  listHours,
  listSlaSettings,
  updateHours,
  updatePolicy,
} from '../../commands/sla-settings.js';
import { route } from '../route.js';
import { slaRoutes as s } from './sla.schema.js';

/** /api/v1/sla/policies and /api/v1/sla/business-hours: everyone reads, admins write. */
export function registerSlaRoutes(app: FastifyInstance, services: Services) {
  route(app, s.listPolicies, () => listSlaSettings(services));
  route(app, s.createPolicy, async ({ body, actor }) => ({
    policy: await createPolicy(services, actor, body),
  }));
  route(app, s.updatePolicy, async ({ params: { id }, body, actor }) => ({
    policy: await updatePolicy(services, actor, id, body),
  }));
  route(app, s.deletePolicy, async ({ params: { id }, actor }) => {
    await deletePolicy(services, actor, id);
    return null;
  });
  route(app, s.listHours, async () => ({ items: await listHours(services) }));
  route(app, s.createHours, async ({ body, actor }) => ({
    businessHours: await createHours(services, actor, body),
  }));
  route(app, s.updateHours, async ({ params: { id }, body, actor }) => ({
    businessHours: await updateHours(services, actor, id, body),
  }));
  route(app, s.deleteHours, async ({ params: { id }, actor }) => {
    await deleteHours(services, actor, id);
    return null;
  });
}
