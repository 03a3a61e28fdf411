import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { removeSegment, saveSegment, segments } from '../../commands/segments.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { type segmentFilterSchema, segmentRoutes } from './segments.schema.js';

type SegmentFilter = z.output<typeof segmentFilterSchema>;

/** /api/v1/segments: saved filters of the people list. */
export function registerSegmentRoutes(app: FastifyInstance, services: Services) {
  route(app, segmentRoutes.list, async () => ({
    items: (await segments(services)).map((s) => ({ ...s, filter: s.filter as SegmentFilter })),
  }));
  route(app, segmentRoutes.create, async ({ body, actor }) => {
    const s = await saveSegment(services, actor, body.name, body.filter);
    return { segment: { ...s, filter: s.filter as SegmentFilter } };
  });
  route(app, segmentRoutes.remove, async ({ params }) => {
    await removeSegment(services, params.id);
    return null;
  });
}
