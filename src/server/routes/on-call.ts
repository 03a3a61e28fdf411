import type { FastifyInstance } from 'fastify';
import {
  createOverride,
  createRotation,
  onCallOverview,
  removeOverride,
  removeRotation,
  replaceRotation,
} from '../../commands/on-call.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { onCallRoutes as o } from './on-call.schema.js';

/** /api/v1/on-call: everyone sees who is on call; admins edit rotations and overrides. */
export function registerOnCallRoutes(app: FastifyInstance, services: Services) {
  route(app, o.overview, () => onCallOverview(services));
  route(app, o.createRotation, async ({ body }) => ({ rotation: await createRotation(services, body) }));
  route(app, o.updateRotation, async ({ params, body }) => ({
    rotation: await replaceRotation(services, params.id, body),
  }));
  route(app, o.deleteRotation, async ({ params }) => {
    await removeRotation(services, params.id);
    return null;
  });
  route(app, o.createOverride, async ({ body }) => ({ override: await createOverride(services, body) }));
  route(app, o.deleteOverride, async ({ params }) => {
    await removeOverride(services, params.id);
    return null;
  });
}
